"""The proposed member's personal page (no account): what they were proposed for, the call's
commitments, and their answer. Only the member's own row is read; nothing else of the EOI."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from jln_portal.permissions import get_object_for_user, permission_required

from ..confirmation_forms import MemberAnswerForm
from ..confirmation_models import ConfirmationState, MemberConfirmation
from ..models import ExpressionOfInterest
from ..services import EOIError, eoi_request_confirmations
from ..services.confirmations import ConfirmationClosed, confirmation_answer, confirmation_resend, token_hash


def _confirmation(member_pk, token):
    try:
        return (MemberConfirmation.objects.select_related("member__profile", "member__eoi__call", "member__eoi__country")
                .get(member_id=member_pk, token_hash=token_hash(token)))
    except MemberConfirmation.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "HEAD", "POST"])
def member_confirm(request, member_pk, token):
    confirmation = _confirmation(member_pk, token)
    member = confirmation.member
    call = member.eoi.call
    context = {"confirmation": confirmation, "member": member, "call": call, "country": member.eoi.country,
               "meetings": list(call.meetings.all())}
    if confirmation.state != ConfirmationState.WAITING:
        return render(request, "eoi/member_confirm.html", {**context, "closed": "answered"})
    if timezone.now() >= confirmation.expires_at:
        return render(request, "eoi/member_confirm.html", {**context, "closed": "expired"}, status=410)
    form = MemberAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmation = confirmation_answer(
                confirmation=confirmation, confirmed=form.confirmed, consent=form.cleaned_data["consent"],
                needs_interpretation=form.cleaned_data["needs_interpretation"],
            )
        except ConfirmationClosed:
            confirmation.refresh_from_db()
        return render(request, "eoi/member_confirm.html", {**context, "confirmation": confirmation, "closed": "answered"})
    return render(request, "eoi/member_confirm.html", {**context, "form": form},
                  status=400 if request.method == "POST" else 200)


def _login_then_detail(request, pk, member_pk=None):
    return redirect_to_login(reverse("eoi:detail", args=[pk]))


@require_POST
@permission_required(anonymous=_login_then_detail)
def member_resend(request, pk, member_pk):
    """The focal point sends a member's request again (a new link; the old one stops working)."""
    eoi = get_object_for_user(request.user, "eoi.resend_member_request", ExpressionOfInterest.objects.all(), pk=pk)
    try:
        confirmation = confirmation_resend(eoi=eoi, member_pk=member_pk, by=request.user)
    except ConfirmationClosed as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The request has been sent again to %(email)s.") % {"email": confirmation.email})
    return redirect("eoi:detail", pk)


@require_POST
@permission_required(anonymous=_login_then_detail)
def members_request(request, pk):
    """The focal point asks the team to confirm before submitting (when the call requires it):
    each member not yet asked at their address; nobody twice."""
    eoi = get_object_for_user(request.user, "eoi.request_member_confirmations", ExpressionOfInterest.objects.all(), pk=pk)
    try:
        asked = eoi_request_confirmations(eoi=eoi, by=request.user)
    except EOIError as error:
        messages.error(request, error.message)
        return redirect("eoi:detail", pk)
    if asked:
        names = ", ".join(c.member.name or c.email for c in asked)
        messages.success(request, ngettext(
            "The request to confirm has been sent to %(count)s member: %(names)s.",
            "The request to confirm has been sent to %(count)s members: %(names)s.", len(asked),
        ) % {"count": len(asked), "names": names})
    else:
        messages.info(request, _(
            "Nobody was asked: every member with an e-mail address has already been asked at that address. "
            "To ask one of them again, press “Send the request again” beside them."))
    return redirect("eoi:detail", pk)
