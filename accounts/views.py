from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from kombu.exceptions import OperationalError
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import FormView, ListView

from jln_portal.permissions import PermissionRequiredMixin
from jln_portal.sessions import remaining_age, session_renew

from . import services, tasks
from .enums import Role
from .forms import InvitationForm, LoginForm, OutboxPasswordResetForm
from .models import Invitation
from .throttling import allow, client_ip

ROLE_HOMES = {
    Role.FOCAL_POINT: "eoi:home",
    Role.FACILITATOR: "evaluation:home",
    Role.MANAGER: "accounts:manager_home",
    Role.STEERING: "membership:agenda",
}


class LoginView(auth_views.LoginView):
    """Django's login, plus the person's language: a language they picked before
    signing in becomes their preference; otherwise their saved preference applies."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        chosen = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in dict(settings.LANGUAGES):
            services.user_set_language(user=user, language=chosen)
        else:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, user.language, max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


@login_required
@require_safe
def home(request):
    """Each role has its own home page."""
    return redirect(ROLE_HOMES.get(request.user.role, "landing"))


@require_POST
def keepalive(request):
    """The "Stay signed in" button of the session-expiry warning
    (static/js/session_warning.js): this request renews the session, and says for how long."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=403)
    session_renew(request.session)  # now, even if the last request renewed it less than a minute ago
    return JsonResponse({"signed_in": True, "session_age": remaining_age(request.session)})


class ManagerHomeView(PermissionRequiredMixin, ListView):
    permission_required = "accounts.invite"
    template_name = "accounts/home_manager.html"
    context_object_name = "invitations"

    def get_queryset(self):
        return Invitation.objects.select_related("country", "invited_by")[:10]


class InvitationCreateView(PermissionRequiredMixin, FormView):
    permission_required = "accounts.invite"
    template_name = "accounts/invite.html"
    form_class = InvitationForm
    success_url = reverse_lazy("accounts:manager_home")

    def form_valid(self, form):
        data = {name: value for name, value in form.cleaned_data.items() if name != "non_member_confirmed"}
        invitation = services.invitation_send(
            **data, by=self.request.user, base_url=self.request.build_absolute_uri("/")[:-1]
        )
        if form.existing_user is not None:
            messages.success(self.request, _(
                "%(email)s already has an account (%(role)s): no new account was made. They received a new link "
                "to choose their password; their earlier invitation links no longer work."
            ) % {"email": invitation.email, "role": invitation.get_role_display()})
        else:
            messages.success(self.request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        return super().form_valid(form)


def invitation_accept(request, token):
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationInvalid:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(invitation=invitation, password=form.cleaned_data["new_password1"])
        except services.InvitationInvalid:  # used or replaced in another tab meanwhile
            return render(request, "accounts/invitation_invalid.html", status=404)
        login(request, user, backend="accounts.backends.AuthenticationBackend")
        messages.success(request, _("Welcome! Your password is set."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})


class PasswordResetView(auth_views.PasswordResetView):
    """The same page, in the same time, whether or not the address has an account: the
    page only queues a task (the lookup and the mail happen there). At most
    PASSWORD_RESET_LIMIT_PER_EMAIL requests per address and PASSWORD_RESET_LIMIT_PER_CLIENT per
    client address in an hour: beyond the first, the page is the same and no mail leaves
    (the links already sent still work); beyond the second, the page says to wait.
    In the embedded default (no REDIS_URL) tasks run in-process, before the page answers."""

    form_class = OutboxPasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        if not allow(scope="reset-client", key=client_ip(self.request), limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT, window=3600):
            return render(self.request, "accounts/password_reset_throttled.html", status=429)
        if allow(scope="reset-email", key=email, limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL, window=3600):
            base_url = self.request.build_absolute_uri("/")[:-1]
            try:
                tasks.password_reset_mail.delay(email=email, base_url=base_url)
            except OperationalError:  # the broker is away: do it now rather than lose it
                services.password_reset_mail(email=email, base_url=base_url)
        return redirect(self.success_url)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's "choose a new password", which also ends the person's login lockouts."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_lockouts_clear(user=form.user)
        return response
