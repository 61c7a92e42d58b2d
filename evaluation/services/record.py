"""A finalised call's record: the notes added to it afterwards (a late conflict of interest)
and the one way to change a final decision, reopening the call's decisions.

Everything else refuses to change a finalised call (errors.CallFinalised): reviews, scores,
conflicts that count, eligibility, decisions, feedback, settings and criteria.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.rules import is_manager
from outbox.enums import MailState
from outbox.models import OutboundMail
from outbox.services import TransitionNotAllowed, mail_discard

from ..enums import Decision, EvaluationState, RecordNoteKind, ReviewState
from ..models import Evaluation, EvaluationSettings, RecordNote, Review
from .errors import CallFinalised, NotAllowed
from .feedback_mail import feedback_batch


def refuse_if_call_final(call):
    """CallFinalised if `call`'s decisions are final (as saved now)."""
    if EvaluationSettings.objects.filter(call=call, finalised_at__isnull=False).exists():
        raise CallFinalised


def late_conflict_notes(*, conflict, by):
    """A conflict declared after a call's decisions were final changes none of its figures
    (selectors.common.not_conflicted): it is written as a note on each final record the
    facilitator took part in (assigned to, or reviewed, that country's EOI)."""
    evaluations = Evaluation.objects.filter(
        Q(assignments__reviewer=conflict.reviewer) | Q(reviews__reviewer=conflict.reviewer),
        eoi__country=conflict.country, eoi__call__evaluation_settings__finalised_at__lt=conflict.declared_at,
    )
    return [
        RecordNote.objects.create(
            call_id=evaluation.eoi.call_id, evaluation=evaluation, kind=RecordNoteKind.LATE_CONFLICT,
            person=conflict.reviewer, text=conflict.reason, created_by=by,
        )
        for evaluation in evaluations.select_related("eoi").distinct().order_by("pk")
    ]


def conflict_counts_in_final_record(conflict):
    """Does `conflict` take part in a final record's figures (declared before those decisions were
    final, with a submitted review it sets aside)? Removing or editing it would change them."""
    return Review.objects.filter(
        reviewer=conflict.reviewer, evaluation__eoi__country=conflict.country, state=ReviewState.SUBMITTED,
        evaluation__eoi__call__evaluation_settings__finalised_at__gte=conflict.declared_at,
    ).exists()


def _reopened_state(evaluation, previous):
    """Where a final evaluation goes back to: the open state it was in before finalising."""
    if evaluation.decision in (Decision.SELECTED, Decision.WAITLISTED):
        return EvaluationState.SHORTLISTED
    return previous or EvaluationState.UNDER_REVIEW


@transaction.atomic
def decisions_reopen(*, call, reason, by):
    """The manager reopens `call`'s final decisions, saying why. Every evaluation goes back to
    the open state it had (its decision and feedback kept, to be changed and finalised again),
    the reason is kept as a note on the record and in the history, every feedback letter
    already sent is flagged `superseded_at`, and the letters not sent yet are discarded."""
    if by is None or not is_manager(by):
        raise NotAllowed(_("Only the network manager can reopen the decisions."))
    reason = (reason or "").strip()
    if not reason:
        raise NotAllowed(_("Say why the decisions are reopened."))
    settings = EvaluationSettings.objects.select_for_update().filter(call=call).first()
    if settings is None or not settings.is_final:
        raise NotAllowed(_("The decisions on this call are not final."))
    settings.finalised_at, settings.finalised_by = None, None
    settings._history_user = by
    settings._change_reason = Truncator(reason).chars(100)
    settings.save(update_fields=["finalised_at", "finalised_by"])
    call.evaluation_settings = settings
    evaluations = list(Evaluation.objects.select_for_update().filter(eoi__call=call, state__in=EvaluationState.FINAL))
    previous = {}
    for row in (Evaluation.history.filter(id__in=[e.pk for e in evaluations], state__in=EvaluationState.OPEN)
                .order_by("history_date", "history_id").values("id", "state")):
        previous[row["id"]] = row["state"]  # the latest open state wins
    now = timezone.now()
    for evaluation in evaluations:
        evaluation.state = _reopened_state(evaluation, previous.get(evaluation.pk))
        evaluation.updated_at = now
        evaluation._history_user = by
        evaluation._change_reason = Truncator(reason).chars(100)
        evaluation.save(update_fields=["state", "updated_at"])
    letters = OutboundMail.objects.filter(batch=feedback_batch(call))
    flagged = letters.filter(state__in=[MailState.SENT, MailState.SENDING], superseded_at__isnull=True).update(
        superseded_at=now)
    for mail in letters.filter(state__in=MailState.DISCARDABLE):
        try:
            mail_discard(mail=mail, by=by)
        except TransitionNotAllowed:  # a worker claimed it meanwhile: it leaves, flag it
            OutboundMail.objects.filter(pk=mail.pk).update(superseded_at=now)
            flagged += 1
    return RecordNote.objects.create(call=call, kind=RecordNoteKind.REOPENED, text=reason, created_by=by,
                                     letters_flagged=flagged)


def record_notes(call):
    """The notes on `call`'s record, oldest first, with who wrote them and whom they concern."""
    return list(RecordNote.objects.filter(call=call).select_related("evaluation__eoi__country", "person", "created_by"))
