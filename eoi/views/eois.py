"""A country's expression of interest: home, start, edit (with autosave), review,
submit, withdraw, reopen. Every page finds the EOI through the permission
rules: someone else's EOI is a 404, whatever the address typed."""

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import TemplateView

from countries.models import Country
from jln_portal.permissions import PermissionRequiredMixin, get_object_for_user, permission_required

from .. import services
from ..enums import CallState, Channel, EOIStatus
from ..forms import EOIForm, ReceivedForm
from ..models import Call
from ..services.confirmations import confirmation_resend_refusal
from ..selectors import (
    eoi_composition, eoi_confirmation_problems, eoi_for_edit, eoi_members, eoi_problems, eoi_with_parts, focal_point_home,
    question_answers,
)


class FocalPointHomeView(PermissionRequiredMixin, TemplateView):
    """A focal point's home: for each of their countries, the calls, the EOI's
    status, what is still missing and the time left."""

    permission_required = "eoi.view_focal_point_home"
    template_name = "eoi/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(countries=focal_point_home(user=self.request.user), now=timezone.now(), **kwargs)


def _login_then_home(request, *args, **kwargs):
    return redirect_to_login(reverse("eoi:home"))


def _login_then_detail(request, pk):
    """After login, the EOI's page (the action's own address takes POST only)."""
    return redirect_to_login(reverse("eoi:detail", args=[pk]))


@require_POST
@permission_required(anonymous=_login_then_home)
def eoi_start(request, call_pk, country_pk):
    country = get_object_for_user(request.user, "eoi.start_eoi", Country.objects.all(), pk=country_pk)
    call = get_object_or_404(Call, pk=call_pk, state=CallState.PUBLISHED)
    try:
        eoi = services.eoi_start(call=call, country=country, by=request.user)
    except services.EOIError as error:
        messages.error(request, error.message)
        return redirect("eoi:home")
    return redirect("eoi:edit", eoi.pk)


def _stash(request, pk, edit_path):
    """Keep an anonymous POST's input for the person whose session just expired (their
    signed owner cookie), if they may edit this EOI; the token, or None."""
    return services.input_stash(
        owner=services.input_owner(cookie=request.COOKIES.get(services.OWNER_COOKIE)),
        eoi_id=pk, path=edit_path, data=request.POST,
        address=get_client_ip_address(request),
    )


def _login_keeping_input(request, pk):
    """The session expired while typing: keep the input and come back to it after login."""
    edit_path = reverse("eoi:edit", args=[pk])
    token = _stash(request, pk, edit_path) if request.method == "POST" else None
    if token:
        messages.warning(request, _("Your session has expired. Log in again: what you typed has been kept."))
        return redirect_to_login(f"{edit_path}?restore={token}")
    return redirect_to_login(edit_path)


def _display(bound_field, value):
    """A value as the person reads it (the label of a choice, Yes/No)."""
    field = bound_field.field
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    choices = dict((str(k), v) for k, v in getattr(field, "choices", []))
    if choices:
        return choices.get(str(value if value is not None else ""), "")
    return value or ""


def _plain(value):
    """A field's value to compare: nothing, an unticked box and an empty text are alike."""
    return "" if value is None or value is False else str(value).strip()


def _conflicts(form, current):
    """{field name: the saved value shown beside the user's} where they differ."""
    saved = EOIForm(initial=EOIForm.initial_for(current), call=current.call)
    differences = {}
    for name in form.fields:
        if name == "version":
            continue
        mine, theirs = form[name].value(), saved[name].value()
        if _plain(mine) != _plain(theirs):
            differences[name] = _display(saved[name], theirs)
    return differences


def _render_edit(request, eoi, form, *, conflict=None, current=None, refusal=None, status=200):
    members = form.members_for_panel() if form.is_bound and form.is_valid() else None
    return render(request, "eoi/edit.html", {
        "eoi": eoi, "call": eoi.call, "form": form, "conflict": conflict or {}, "current": current,
        "refusal": refusal, "composition": eoi_composition(eoi, members), "profiles": form.profiles,
    }, status=status)


@permission_required(anonymous=_login_keeping_input)
def eoi_edit(request, pk):
    eoi = get_object_for_user(request.user, "eoi.change_eoi", eoi_for_edit(pk=pk), pk=pk)
    refusal = services.eoi_edit_refusal(eoi=eoi, by=request.user)
    if request.method != "POST":
        if refusal:
            messages.info(request, refusal)
            return redirect("eoi:detail", pk)
        restored = services.input_restore(token=request.GET["restore"], path=request.path,
                                          user=request.user) if "restore" in request.GET else None
        if restored is not None:
            messages.info(request, _("What you typed before your session expired is back below. Check it, then save."))
            return _render_edit(request, eoi, EOIForm(restored, call=eoi.call))
        initial = EOIForm.initial_for(eoi, answers=question_answers(eoi))
        return _render_edit(request, eoi, EOIForm(initial=initial, call=eoi.call))

    form = EOIForm(request.POST, call=eoi.call)
    if refusal:  # the deadline passed while they typed: show their text, save nothing
        return _render_edit(request, eoi, form, refusal=refusal, status=409)
    if not form.is_valid():
        return _render_edit(request, eoi, form, status=400)
    try:
        services.eoi_save(eoi=eoi, data=form.structured(), expected_version=form.cleaned_data["version"], by=request.user)
    except services.ConcurrentEdit:
        current = eoi_with_parts().get(pk=pk)
        data = request.POST.copy()
        data["version"] = current.version  # saving again now means: my reconciled text wins
        form = EOIForm(data, call=current.call)
        return _render_edit(request, current, form, conflict=_conflicts(form, current), current=current, status=409)
    except services.EOIError as error:
        return _render_edit(request, eoi, form, refusal=error.message, status=409)
    messages.success(request, _("Your draft has been saved."))
    return redirect("eoi:detail" if "review" in request.POST else "eoi:edit", pk)


def _autosave_login(request, pk):
    """The session expired: keep the input, and tell autosave.js where to log in again."""
    edit_path = reverse("eoi:edit", args=[pk])
    token = _stash(request, pk, edit_path)
    login = redirect_to_login(f"{edit_path}?restore={token}" if token else edit_path).url
    return JsonResponse({"status": "login", "login_url": login, "message": _(
        "Your session has expired. Log in again: what you typed has been kept.")}, status=401)


@require_POST
@permission_required(anonymous=_autosave_login)
def eoi_autosave(request, pk):
    """The same form and service as the Save button, answering in JSON for autosave.js. One
    invalid field does not stop the rest: every valid answer, contact field and team row is
    saved, and the answer lists the fields not saved (autosave.js marks them, keeping what
    was typed). The EOI and its parts are read once; the composition panel is rendered only
    when a team row changed."""
    eoi = get_object_for_user(request.user, "eoi.change_eoi", eoi_with_parts(), pk=pk)
    form = EOIForm(request.POST, call=eoi.call)
    form.is_valid()
    errors = [[field_id, str(label), str(message)] for field_id, label, message in form.error_summary()]
    if "version" in form.errors:
        return JsonResponse({"status": "invalid", "message": _("Not saved: please reload the page."),
                             "errors": errors}, status=400)
    try:
        saved = services.eoi_save(eoi=eoi, data=form.structured(), expected_version=form.cleaned_data["version"],
                                  by=request.user)
    except services.ConcurrentEdit as error:
        return JsonResponse({"status": "conflict", "message": str(error.message) + " " + _(
            "Press Save to see both versions.")}, status=409)
    except services.EOIError as error:
        return JsonResponse({"status": "closed", "message": str(error.message)}, status=409)
    time = formats.time_format(timezone.localtime(saved.updated_at, eoi.call.tzinfo), "H:i:s")
    answer = {
        "status": "saved", "version": saved.version, "problem_count": saved.problem_count,
        "saved_at": saved.updated_at.isoformat(), "errors": errors,
        "message": _("Draft saved at %(time)s.") % {"time": time},
    }
    if errors:
        answer["message"] = ngettext(
            "Draft saved at %(time)s, except %(count)s field: see the list at the top of the form.",
            "Draft saved at %(time)s, except %(count)s fields: see the list at the top of the form.",
            len(errors)) % {"time": time, "count": len(errors)}
    if saved.team_changed:
        members = [m for m in saved.saved_members if m.is_filled]
        answer["composition_html"] = render_to_string(
            "eoi/includes/composition.html",
            {"composition": eoi_composition(eoi, members), "profiles": list(eoi.call.profiles.all())}, request=request)
    return JsonResponse(answer)


def _detail_context(request, eoi, **extra):
    user = request.user
    editable = services.eoi_edit_refusal(eoi=eoi, by=user) is None
    now = timezone.now().replace(microsecond=0)

    def may_become(target, perm):
        return services.eoi_status_change_refusal(eoi=eoi, target=target, by=user, now=now) is None and user.has_perm(
            perm, eoi)

    # The call requires each member's confirmation before this person may submit (services.confirmations_apply).
    gate = eoi.status in EOIStatus.EDITABLE and services.confirmations_apply(eoi, user)
    members = eoi_members(eoi)
    context = {
        "eoi": eoi, "call": eoi.call, "now": now, "editable": editable and user.has_perm("eoi.change_eoi", eoi),
        "problems": (eoi_problems(eoi) + (eoi_confirmation_problems(eoi) if gate else [])
                     if eoi.status in EOIStatus.EDITABLE else []),
        "confirmations_gate": gate,
        "can_request_confirmations": gate and editable and user.has_perm("eoi.request_member_confirmations", eoi),
        "composition": eoi_composition(eoi), "profiles": list(eoi.call.profiles.all()),
        "answers": {a.question_id: a.text for a in eoi.answers.all()},
        "members": members,
        "can_submit": editable and user.has_perm("eoi.submit_eoi", eoi),
        "can_withdraw": may_become(EOIStatus.WITHDRAWN, "eoi.withdraw_eoi"),
        "can_reopen": may_become(EOIStatus.REOPENED, "eoi.reopen_eoi"),
        # The members whose request the person may send again (the rule: confirmation_resend_refusal).
        "resendable": ({m.pk for m in members if confirmation_resend_refusal(m, now=now) is None}
                       if user.has_perm("eoi.resend_member_request", eoi) else set()),
        "history": eoi.history.select_related("history_user").order_by("-history_date")[:10],
        "received_form": None,
        # A draft the deadline closed: whom to write to for an extension, instead of "submit".
        "deadline_passed": (eoi.status in EOIStatus.EDITABLE and now > eoi.effective_deadline
                            and not (eoi.channel == Channel.EMAIL and user.is_network_manager)),
    }
    if eoi.channel == Channel.EMAIL and user.is_network_manager and eoi.status in EOIStatus.EDITABLE:
        context["received_form"] = ReceivedForm(call=eoi.call)
    context.update(extra)
    return context


@require_safe
@permission_required()
def eoi_detail(request, pk):
    """The EOI as reviewers will read it, what is missing, and the actions."""
    eoi = get_object_for_user(request.user, "eoi.view_eoi", eoi_with_parts(), pk=pk)
    return render(request, "eoi/detail.html", _detail_context(request, eoi))


def _action(request, pk, perm):
    return get_object_for_user(request.user, perm, eoi_with_parts(), pk=pk)


@require_POST
@permission_required(anonymous=_login_then_detail)
def eoi_submit(request, pk):
    eoi = _action(request, pk, "eoi.submit_eoi")
    try:
        services.eoi_submit(eoi=eoi, by=request.user, base_url=request.build_absolute_uri("/")[:-1])
    except services.Incomplete as error:
        return render(request, "eoi/detail.html", _detail_context(request, eoi, problems=error.problems,
                                                                   submit_refused=True), status=400)
    except services.EOIError as error:
        messages.error(request, error.message)
        return redirect("eoi:detail", pk)
    messages.success(request, _("Your expression of interest has been submitted. A confirmation e-mail is on its way."))
    return redirect("eoi:detail", pk)


@require_POST
@permission_required(anonymous=_login_then_detail)
def eoi_record_received(request, pk):
    """The manager records an EOI that arrived by e-mail as submitted when it arrived."""
    eoi = _action(request, pk, "eoi.record_received_eoi")
    form = ReceivedForm(request.POST, call=eoi.call)
    if not form.is_valid() or eoi.channel != Channel.EMAIL or not request.user.is_network_manager:
        return render(request, "eoi/detail.html", _detail_context(request, eoi, received_form=form), status=400)
    try:
        services.eoi_submit(eoi=eoi, by=request.user, received_at=form.cleaned_data["received_at"],
                            base_url=request.build_absolute_uri("/")[:-1])
    except services.Incomplete as error:
        return render(request, "eoi/detail.html", _detail_context(request, eoi, problems=error.problems,
                                                                   submit_refused=True, received_form=form), status=400)
    except services.EOIError as error:
        messages.error(request, error.message)
        return redirect("eoi:detail", pk)
    messages.success(request, _("The expression of interest received by e-mail is recorded as submitted."))
    return redirect("eoi:detail", pk)


def _simple_action(service, perm, success):
    @require_POST
    @permission_required(anonymous=_login_then_detail)
    def view(request, pk):
        eoi = _action(request, pk, perm)
        try:
            service(eoi=eoi, by=request.user)
        except services.EOIError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success())
        return redirect("eoi:detail", pk)

    return view


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(anonymous=_login_then_detail)
def eoi_withdraw(request, pk):
    """GET: a page that asks to confirm (a form, no JavaScript needed); POST: withdraw."""
    eoi = _action(request, pk, "eoi.withdraw_eoi")
    refusal = services.eoi_status_change_refusal(eoi=eoi, target=EOIStatus.WITHDRAWN, by=request.user)
    if request.method != "POST":
        if refusal:
            messages.error(request, refusal.message)
            return redirect("eoi:detail", pk)
        return render(request, "eoi/withdraw_confirm.html", {"eoi": eoi, "call": eoi.call})
    try:
        services.eoi_withdraw(eoi=eoi, by=request.user)
    except services.EOIError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _(
            "Your expression of interest has been withdrawn. You may reopen it before the deadline."))
    return redirect("eoi:detail", pk)

eoi_reopen = _simple_action(
    services.eoi_reopen, "eoi.reopen_eoi",
    lambda: _("Your expression of interest is open for changes again. Remember to submit it before the deadline."),
)
