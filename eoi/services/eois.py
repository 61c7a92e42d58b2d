"""Every change to an expression of interest.

Each function locks the EOI row, checks the change against `EOI_TRANSITIONS`
and the deadline (server time, to the second), saves with `update_fields` and
records who did it in the history. A save carries the version the person
started from: when someone else saved in between, it is refused
(`ConcurrentEdit`) and nothing is overwritten.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from outbox.enums import MailKind
from outbox.services import mail_create

from ..enums import EOI_TRANSITIONS, CallState, Channel, EOIStatus
from ..models import Answer, ExpressionOfInterest, TeamMember
from ..selectors import eoi_confirmation_problems, eoi_members, eoi_problems, eoi_with_parts
from .confirmations import confirmations_request_before_submission, confirmations_request_for_submission
from .notices import EXTENSION, REOPENED, WITHDRAWN, eoi_notify


class EOIError(Exception):
    """A refused change; `message` is for the person who asked."""

    message = _("This change is not possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class TransitionNotAllowed(EOIError):
    pass


class DeadlinePassed(EOIError):
    message = _("The deadline has passed.")


class NotEditable(EOIError):
    pass


class ConcurrentEdit(EOIError):
    message = _(
        "Someone else saved this expression of interest after you opened it. Nothing of yours was saved: "
        "your text is kept below, beside the version now saved. Combine them, then save again."
    )
    own_message = _(
        "You saved this expression of interest from your other tab or window after this page was opened. "
        "Nothing from this page was saved: your text is kept below, beside the version now saved. "
        "Combine them, then save again."
    )

    def __init__(self, current, by=None):
        self.current = current
        # The other save was this person's own (another tab or window): say so, not "someone else".
        self.same_person = by is not None and current.updated_by_id == by.pk
        super().__init__(self.own_message if self.same_person else None)


class Incomplete(EOIError):
    message = _("The expression of interest cannot be submitted yet.")

    def __init__(self, problems):
        self.problems = problems
        super().__init__()


def _now(now):
    return (now or timezone.now()).replace(microsecond=0)


def _deadline_applies(eoi, by):
    """An EOI received by e-mail is transcribed by the manager after it arrived."""
    return not (eoi.channel == Channel.EMAIL and by.is_network_manager)


def _check_deadline(eoi, moment):
    if moment > eoi.effective_deadline:
        raise DeadlinePassed()


def _transition_refusal(eoi, target):
    if target not in EOI_TRANSITIONS.get(EOIStatus(eoi.status), set()):
        return TransitionNotAllowed(
            _("An expression of interest that is “%(current)s” cannot become “%(target)s”.")
            % {"current": EOIStatus(eoi.status).label, "target": EOIStatus(target).label}
        )
    return None


def eoi_status_change_refusal(*, eoi, target, by, now=None):
    """Why `by` cannot withdraw or reopen `eoi` now (`target`: WITHDRAWN or REOPENED), as the
    EOIError to raise, or None if they can: the change must be in EOI_TRANSITIONS, and made
    before the EOI's deadline (to the second), except by the network manager on an EOI received
    by e-mail. The one rule: eoi_withdraw and eoi_reopen raise it, the detail page offers the
    buttons when it is None. Who may ask at all is a permission (rules.py)."""
    refusal = _transition_refusal(eoi, target)
    if refusal is None and _deadline_applies(eoi, by) and _now(now) > eoi.effective_deadline:
        refusal = DeadlinePassed()
    return refusal


def _locked(eoi):
    return ExpressionOfInterest.objects.select_for_update(of=("self",)).select_related("call", "country").get(pk=eoi.pk)


def _save(eoi, by, fields):
    eoi._history_user = by
    eoi.save(update_fields=fields)


def eoi_edit_refusal(*, eoi, by, now=None):
    """Why `by` cannot change `eoi` now (a message), or None if they can."""
    if eoi.status == EOIStatus.WITHDRAWN:
        return _("This expression of interest was withdrawn. Reopen it to change it.")
    if eoi.status not in EOIStatus.EDITABLE:
        return _("This expression of interest has been submitted and can no longer be changed.")
    if _deadline_applies(eoi, by):
        if eoi.call.state != CallState.PUBLISHED:
            return _("This call is closed.")
        if _now(now) > eoi.effective_deadline:
            return _("The deadline has passed: this expression of interest can no longer be changed.")
    return None


def eoi_start(*, call, country, by, now=None):
    """The country's EOI in `call`, created (as a draft) if it does not exist yet."""
    existing = ExpressionOfInterest.objects.filter(call=call, country=country).first()
    if existing:
        return existing
    if not call.is_open(now):
        raise NotEditable(_("This call is not taking expressions of interest."))
    if not call.accepts(country):
        raise NotEditable(_("This call is open to these JLN membership levels only: %(levels)s.")
                          % {"levels": call.eligible_levels_display()})
    try:
        with transaction.atomic():
            eoi = ExpressionOfInterest(call=call, country=country, created_by=by, updated_by=by)
            eoi.problem_count = 1  # nothing typed yet
            eoi._history_user = by
            eoi.save()
    except IntegrityError:  # another focal point of the country started it at the same moment
        eoi = ExpressionOfInterest.objects.get(call=call, country=country)
    return eoi


def _has_parts(eoi):
    prefetched = getattr(eoi, "_prefetched_objects_cache", {})
    return "answers" in prefetched and "team_members" in prefetched


def _write_answers(eoi, saved, answers, by):
    """Writes the answers that changed; {question id: text} as saved afterwards."""
    existing = {a.question_id: a for a in saved}
    for question_id, text in answers.items():
        answer = existing.get(question_id)
        if answer is None:
            if text:
                answer = Answer(eoi=eoi, question_id=question_id, text=text)
                answer._history_user = by
                answer.save()
                existing[question_id] = answer
        elif answer.text != text:
            answer.text = text
            answer._history_user = by
            answer.save(update_fields=["text"])
    return {question_id: answer.text for question_id, answer in existing.items()}


def _write_members(eoi, saved, members, by):
    """Writes the team rows that changed; (the rows saved afterwards in slot order, whether any changed)."""
    existing = {m.slot: m for m in saved}
    changed_any = False
    for slot, values in members.items():
        member = existing.get(slot)
        if values is None:
            if member is not None:
                member._history_user = by
                member.delete()
                del existing[slot]
                changed_any = True
            continue
        if member is None:
            member = TeamMember(eoi=eoi, slot=slot, **values)
            member._history_user = by
            member.save()
            existing[slot] = member
            changed_any = True
            continue
        changed = [f for f in TeamMember.PERSON_FIELDS if getattr(member, f) != values[f]]
        if changed:
            for field in changed:
                setattr(member, field, values[field])
            member._history_user = by
            member.save(update_fields=[f.removesuffix("_id") for f in changed])
            changed_any = True
    return [existing[slot] for slot in sorted(existing)], changed_any


@transaction.atomic
def eoi_save(*, eoi, data, expected_version, by, now=None):
    """Save a draft: `data` = {"answers": {question pk: text}, "members": {slot: values
    or None}, "contact": {"name", "position", "email"}} as forms.EOIForm gives it. A part left
    out (an answer, a slot, a contact field) keeps its saved value: autosave leaves out what
    is invalid. Only what changed is written. `eoi` read by eoi_with_parts() at the version
    saved is not read again (its answers and team are the saved ones: the version moves with
    every save, under this row's lock). Returns the saved EOI; `team_changed` says whether a
    team row was written and `saved_members` holds the team's rows as saved, in slot order."""
    current = _locked(eoi)
    if current.version != expected_version:
        raise ConcurrentEdit(current, by=by)
    refusal = eoi_edit_refusal(eoi=current, by=by, now=now)
    if refusal:
        raise NotEditable(refusal)
    parts = eoi if eoi.version == current.version and _has_parts(eoi) else eoi_with_parts().get(pk=current.pk)
    answers = _write_answers(current, parts.answers.all(), data["answers"], by)
    members, current.team_changed = _write_members(current, parts.team_members.all(), data["members"], by)
    current.saved_members = members
    fields = ["version", "updated_at", "updated_by", "problem_count"]
    for key, value in data["contact"].items():
        if getattr(current, f"contact_{key}") != value:
            setattr(current, f"contact_{key}", value)
            fields.append(f"contact_{key}")
    for key in ("name", "position", "email"):  # what the problems are counted from
        setattr(parts, f"contact_{key}", getattr(current, f"contact_{key}"))
    current.version += 1
    current.updated_at = timezone.now()
    current.updated_by = by
    current.problem_count = len(eoi_problems(parts, answers=answers, members=[m for m in members if m.is_filled]))
    _save(current, by, fields)
    return current


@transaction.atomic
def eoi_submit(*, eoi, by, now=None, received_at=None, base_url=""):
    """Submit (or, with `received_at`, record an e-mailed EOI as submitted at that
    time). Refused after the deadline, to the second, and while anything is
    missing; queues one confirmation per recipient, sent after commit."""
    current = _locked(eoi)
    refusal = _transition_refusal(current, EOIStatus.SUBMITTED)
    if refusal:
        raise refusal
    moment = _now(now)
    if received_at is not None:
        if current.channel != Channel.EMAIL:
            raise EOIError(_("Only an expression of interest received by e-mail has a time of receipt."))
        if received_at > moment:
            raise EOIError(_("The time of receipt cannot be in the future."))
        country_change = _last_change_by_country(current)
        if country_change is not None and received_at < country_change.replace(microsecond=0):
            raise EOIError(_(
                "The time of receipt cannot be before the country's own last change in the portal (%(moment)s, "
                "%(zone)s): the manager cannot back-date what the country typed."
            ) % {"moment": timezone.localtime(country_change, current.call.tzinfo).strftime("%Y-%m-%d %H:%M"),
                 "zone": current.call.time_zone})
        moment = received_at.replace(microsecond=0)
    elif current.call.state != CallState.PUBLISHED and _deadline_applies(current, by):
        raise DeadlinePassed(_("This call is closed."))
    _check_deadline(current, moment)
    parts = eoi_with_parts().get(pk=current.pk)
    problems = eoi_problems(parts)
    if confirmations_apply(current, by):
        problems += eoi_confirmation_problems(parts)
    if problems:
        raise Incomplete(problems)
    current.status = EOIStatus.SUBMITTED
    current.submitted_at = moment
    current.submitted_by = by
    current.submission_number += 1
    current.withdrawn_at = None
    current.problem_count = 0
    _save(current, by, ["status", "submitted_at", "submitted_by", "submission_number", "withdrawn_at", "problem_count"])
    _queue_confirmation(current, by=by, base_url=base_url)
    confirmations_request_for_submission(eoi=current, by=by)
    return current


def confirmations_apply(eoi, by):
    """Whether submitting `eoi` waits for every proposed member's confirmation: when its call
    says so (Call.confirmations_required, off by default), except for an EOI the network manager
    records as received by e-mail (eoi_record_email, then eoi_submit with `received_at`). That
    is a decision: the manager records what arrived, when it arrived, and cannot make the country's
    colleagues answer first; the members are asked once it is recorded, and the panel sees on the
    review page who has not answered."""
    return eoi.call.confirmations_required and _deadline_applies(eoi, by)


@transaction.atomic
def eoi_request_confirmations(*, eoi, by, now=None):
    """Before submitting, when the call requires confirmations: ask each filled member with an
    e-mail address not yet asked at that address (the same request as on submission). Only
    while the EOI can be changed. The EOI's row is locked, so a second click, even at the same
    moment, finds everyone asked and sends nothing more. Returns the confirmations requested."""
    current = _locked(eoi)
    refusal = eoi_edit_refusal(eoi=current, by=by, now=now)
    if refusal:
        raise NotEditable(refusal)
    if not current.call.confirmations_required:
        raise EOIError(_("In this call the members are asked to confirm when the expression of interest is submitted."))
    return confirmations_request_before_submission(eoi=current, by=by)


@transaction.atomic
def eoi_withdraw(*, eoi, by, now=None):
    current = _locked(eoi)
    refusal = eoi_status_change_refusal(eoi=current, target=EOIStatus.WITHDRAWN, by=by, now=now)
    if refusal:
        raise refusal
    current.status = EOIStatus.WITHDRAWN
    current.withdrawn_at = _now(now)
    _save(current, by, ["status", "withdrawn_at"])
    eoi_notify(eoi=current, event=WITHDRAWN, moment=current.withdrawn_at, by=by)
    return current


@transaction.atomic
def eoi_reopen(*, eoi, by, now=None):
    """Back to editable (a submitted or withdrawn EOI); it must be submitted again."""
    current = _locked(eoi)
    refusal = eoi_status_change_refusal(eoi=current, target=EOIStatus.REOPENED, by=by, now=now)
    if refusal:
        raise refusal
    current.status = EOIStatus.REOPENED
    _save(current, by, ["status"])
    eoi_notify(eoi=current, event=REOPENED, moment=_now(now), by=by)
    return current


@transaction.atomic
def eoi_grant_extension(*, call, country, until, reason, by):
    """Give one country until `until` (after the call's deadline) to submit."""
    if until <= call.deadline:
        raise EOIError(_("An extension must end after the call's deadline."))
    eoi, _created = ExpressionOfInterest.objects.get_or_create(
        call=call, country=country, defaults={"created_by": by, "updated_by": by, "problem_count": 1}
    )
    current = _locked(eoi)
    current.deadline_extended_to = until.replace(microsecond=0)
    current.extension_granted_by = by
    current.extension_reason = reason
    _save(current, by, ["deadline_extended_to", "extension_granted_by", "extension_reason"])
    eoi_notify(eoi=current, event=EXTENSION, moment=current.deadline_extended_to, by=by)
    return current


def _last_change_by_country(eoi):
    """When someone other than the network manager last saved `eoi` (from its history)."""
    row = (eoi.history.filter(history_user__isnull=False).exclude(history_user__role=Role.MANAGER)
           .order_by("-history_date").only("history_date").first())
    return row.history_date if row else None


def _queue_confirmation(eoi, *, by, base_url):
    """One mail per recipient (the contact person and every focal point) in the
    country's working language; rows are created inside the transaction, so a
    rolled-back submission sends nothing, and the dedupe key makes it once per
    submission."""
    eoi = eoi_with_parts().get(pk=eoi.pk)
    recipients = {}
    if eoi.contact_email:
        recipients[eoi.contact_email.lower()] = eoi.contact_name
    for person in eoi.country.focal_points.filter(is_active=True).order_by("pk"):
        recipients.setdefault(person.email.lower(), person.full_name)
    context = {
        "eoi": eoi, "call": eoi.call, "country": eoi.country,
        "submitted_at": timezone.localtime(eoi.submitted_at, eoi.call.tzinfo),
        "members": eoi_members(eoi),
        "url": base_url + reverse("eoi:detail", args=[eoi.pk]),
    }
    for email, name in recipients.items():
        mail_create(
            kind=MailKind.EOI_CONFIRMATION, to_email=email, to_name=name, template="eoi/mail/confirmation",
            context=context, language=eoi.country.working_language, related=eoi, created_by=by,
            dedupe_key=f"eoi-confirmation-{eoi.pk}-{eoi.submission_number}-{email}"[:200],
        )
