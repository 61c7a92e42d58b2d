"""Reviewing: who reviews what (assignments, conflicts of interest), the
reviews and their scores, and the clarification requests to the country."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from outbox.enums import MailKind
from outbox.services import mail_create

from ..enums import AssignmentMode, EvaluationState, ReviewState
from ..models import Assignment, ClarificationRequest, Conflict, Review, Score
from ..rules import forget_cached_permissions
from ..selectors.common import call_criteria, evaluations_of_call
from .criteria import evaluation_settings_for
from .errors import AlreadyFinal, CallFinalised, NotAllowed
from .record import conflict_counts_in_final_record, late_conflict_notes


def _check_facilitator(user):
    if user.role != Role.FACILITATOR or not user.is_active:
        raise NotAllowed(_("%(name)s is not an active facilitator.") % {"name": user})


@transaction.atomic
def assignments_make(*, call, reviewers, mode, by, per_eoi=2):
    """Assign `reviewers` to the call's open evaluations: every one of them to
    every EOI (`AssignmentMode.ALL`), or `per_eoi` reviewers per EOI spread so
    that each facilitator gets a balanced share (`BALANCED`). Existing
    assignments are kept; nobody is assigned to a country they are in conflict
    with. Returns the assignments created."""
    reviewers = sorted(reviewers, key=lambda r: (r.full_name, r.pk))
    for reviewer in reviewers:
        _check_facilitator(reviewer)
    if evaluation_settings_for(call).is_final:
        raise AlreadyFinal
    evaluations = list(evaluations_of_call(call).filter(state__in=EvaluationState.OPEN).order_by("pk"))
    conflicts = set(Conflict.objects.filter(reviewer__in=reviewers).values_list("reviewer_id", "country_id"))
    existing = set(Assignment.objects.filter(evaluation__in=evaluations).values_list("evaluation_id", "reviewer_id"))
    load = Counter(reviewer_id for _evaluation, reviewer_id in existing)

    def free(evaluation):
        return [r for r in reviewers
                if (r.pk, evaluation.eoi.country_id) not in conflicts and (evaluation.pk, r.pk) not in existing]

    wanted = []
    if mode == AssignmentMode.ALL:
        wanted = [(e, r) for e in evaluations for r in free(e)]
    else:
        # The most constrained EOIs first, then the least loaded facilitators.
        for evaluation in sorted(evaluations, key=lambda e: (len(free(e)), e.pk)):
            have = sum(1 for e_id, _r in existing if e_id == evaluation.pk)
            for reviewer in sorted(free(evaluation), key=lambda r: (load[r.pk], r.full_name, r.pk))[:max(0, per_eoi - have)]:
                wanted.append((evaluation, reviewer))
                load[reviewer.pk] += 1
    created = []
    for evaluation, reviewer in wanted:
        assignment = Assignment(evaluation=evaluation, reviewer=reviewer, assigned_by=by)
        assignment._history_user = by
        assignment.save()
        created.append(assignment)
    for reviewer in reviewers:
        forget_cached_permissions(reviewer)
    return created


@transaction.atomic
def assignment_remove(*, assignment, by):
    """Take a facilitator off an EOI; their draft review goes with it. A
    submitted review stays, so the assignment cannot be removed then."""
    if not assignment.evaluation.is_open:
        raise AlreadyFinal
    review = Review.objects.filter(evaluation=assignment.evaluation, reviewer=assignment.reviewer).first()
    if review is not None and review.is_submitted:
        raise NotAllowed(_("%(name)s has already submitted a review of this expression of interest.")
                         % {"name": assignment.reviewer})
    if review is not None:
        review._history_user = by
        review.delete()
    assignment._history_user = by
    assignment.delete()
    forget_cached_permissions(assignment.reviewer)


@transaction.atomic
def conflict_declare(*, reviewer, country, reason, by):
    """Record a conflict of interest: from now on the facilitator can neither
    review nor open this country's EOIs. Their open assignments there and any
    draft review go; a review they already submitted stays in the history but
    no longer counts — except in a call whose decisions were already final: its
    figures stay as they are and the conflict is a note on its record."""
    _check_facilitator(reviewer)
    reason = (reason or "").strip()
    if not reason:
        raise NotAllowed(_("Say briefly why there is a conflict of interest."))
    try:
        with transaction.atomic():
            conflict = Conflict(reviewer=reviewer, country=country, reason=reason, declared_by=by)
            conflict._history_user = by
            conflict.save()
    except IntegrityError:
        raise NotAllowed(_("This conflict of interest is already declared.")) from None
    for assignment in Assignment.objects.filter(
        reviewer=reviewer, evaluation__eoi__country=country, evaluation__state__in=EvaluationState.OPEN
    ).select_related("evaluation"):
        for review in Review.objects.filter(evaluation=assignment.evaluation, reviewer=reviewer, state=ReviewState.DRAFT):
            review._history_user = by
            review.delete()
        assignment._history_user = by
        assignment.delete()
    late_conflict_notes(conflict=conflict, by=by)
    forget_cached_permissions(reviewer)
    return conflict


@transaction.atomic
def conflict_remove(*, conflict, by):
    """Remove a conflict, unless a final record's figures were computed without the review it sets aside."""
    if conflict_counts_in_final_record(conflict):
        raise CallFinalised(_("This conflict of interest is part of a final record: the figures computed "
                              "without this facilitator's review cannot change."))
    conflict._history_user = by
    conflict.delete()
    forget_cached_permissions(conflict.reviewer)


@transaction.atomic
def review_save(*, evaluation, reviewer, entries, panel_note="", submit=False):
    """Save `reviewer`'s review of `evaluation`: `entries` is {criterion pk:
    (score or None, comment for the country)}; `panel_note` never leaves the
    panel. A draft may be partial; submitting needs a score and a comment for
    every criterion. A submitted review can still be corrected
    until the decisions are final (each change is in the history)."""
    if not evaluation.is_open:
        raise AlreadyFinal
    if not Assignment.objects.filter(evaluation=evaluation, reviewer=reviewer).exists() or Conflict.objects.filter(
        reviewer=reviewer, country_id=evaluation.eoi.country_id
    ).exists():
        raise NotAllowed(_("You are not assigned to review this expression of interest."))
    criteria = call_criteria(evaluation.eoi.call)
    review, _created = Review.objects.select_for_update().get_or_create(evaluation=evaluation, reviewer=reviewer)
    submit = submit or review.is_submitted
    errors = {}
    for criterion in criteria:
        value, text = entries.get(criterion.pk, (None, ""))
        if value is not None and value not in criterion.scale:
            errors[f"score_{criterion.pk}"] = _("Choose a score from %(min)s to %(max)s.") % {
                "min": criterion.scale_min, "max": criterion.scale_max}
        elif submit and value is None:
            errors[f"score_{criterion.pk}"] = _("Score this criterion before submitting.")
        if submit and not (text or "").strip():
            errors[f"comment_{criterion.pk}"] = _("Explain the score in a comment before submitting.")
    if errors:
        raise ValidationError(errors)
    existing = {score.criterion_id: score for score in review.scores.all()}
    for criterion in criteria:
        value, text = entries.get(criterion.pk, (None, ""))
        text = (text or "").strip()
        score = existing.get(criterion.pk)
        if score is None:
            score = Score(review=review, criterion=criterion, value=value, comment=text,
                          scale_min=criterion.scale_min, scale_max=criterion.scale_max)
        elif (score.value, score.comment) == (value, text):
            continue
        score.value, score.comment = value, text
        score._history_user = reviewer
        score.save()
    fields = ["panel_note", "updated_at"]
    review.panel_note = (panel_note or "").strip()
    review.updated_at = timezone.now()
    if submit and not review.is_submitted:
        review.state, review.submitted_at = ReviewState.SUBMITTED, timezone.now()
        fields += ["state", "submitted_at"]
    review._history_user = reviewer
    review.save(update_fields=fields)
    forget_cached_permissions(reviewer)
    return review


@transaction.atomic
def clarification_ask(*, evaluation, question, by, base_url=""):
    """Send the country's focal points a question about their EOI (by e-mail, answered in the portal)."""
    if not evaluation.is_open:
        raise AlreadyFinal
    question = (question or "").strip()
    if not question:
        raise NotAllowed(_("Write the question."))
    request = ClarificationRequest(evaluation=evaluation, question=question, asked_by=by)
    request._history_user = by
    request.save()
    link = base_url + reverse("evaluation:country_reviews")
    for person in evaluation.eoi.country.focal_points.filter(is_active=True):
        mail_create(
            kind=MailKind.NOTICE, to_email=person.email, to_name=person.full_name, language=person.language,
            template="evaluation/mail/clarification_requested", related=request, created_by=by,
            context={"request": request, "eoi": evaluation.eoi, "person": person, "link": link},
            dedupe_key=f"clarification-{request.pk}-{person.pk}",
        )
    return request


@transaction.atomic
def clarification_answer(*, clarification, answer, by, base_url=""):
    """The focal point's answer; the facilitator who asked is told by e-mail — unless they have
    since declared a conflict of interest with the country: they no longer see its EOI, so its
    answers do not reach them either (the manager and the other reviewers read it on the page)."""
    clarification = ClarificationRequest.objects.select_for_update(of=("self",)).select_related(
        "evaluation__eoi__country", "evaluation__eoi__call__evaluation_settings", "asked_by"
    ).get(pk=clarification.pk)
    if not clarification.evaluation.is_open:
        raise AlreadyFinal
    if clarification.is_answered:
        raise NotAllowed(_("This question has already been answered."))
    answer = (answer or "").strip()
    if not answer:
        raise NotAllowed(_("Write your answer."))
    clarification.answer, clarification.answered_by, clarification.answered_at = answer, by, timezone.now()
    clarification._history_user = by
    clarification.save(update_fields=["answer", "answered_by", "answered_at"])
    asker = clarification.asked_by
    conflicted = asker is not None and Conflict.objects.filter(
        reviewer=asker, country_id=clarification.evaluation.eoi.country_id).exists()
    if asker is not None and asker.is_active and not conflicted:
        mail_create(
            kind=MailKind.NOTICE, to_email=asker.email, to_name=asker.full_name, language=asker.language,
            template="evaluation/mail/clarification_answered", related=clarification, created_by=by,
            context={"request": clarification, "eoi": clarification.evaluation.eoi, "person": asker,
                     "link": base_url + reverse("evaluation:evaluation", args=[clarification.evaluation_id])},
            dedupe_key=f"clarification-answered-{clarification.pk}",
        )
    return clarification
