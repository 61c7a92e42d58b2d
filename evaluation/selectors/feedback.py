"""What the feedback to the countries is built from, and the manager's feedback page."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from eoi.enums import EOIStatus
from eoi.models import ExpressionOfInterest
from outbox.enums import MailKind, MailState
from outbox.models import OutboundMail
from outbox.selectors import LIST_COLUMNS

from .. import scoring
from ..enums import EligibilityItem, EvaluationState, ReviewState
from ..feedback import CriterionFeedback
from ..models import EligibilityCheck, Evaluation, Score
from .common import call_criteria, not_conflicted


@dataclass
class FeedbackParts:
    criteria: list
    failed_checks: list


def feedback_parts(evaluation):
    """What the feedback is built from: criteria, their mean scores and comments, failed checks."""
    criteria = call_criteria(evaluation.eoi.call)
    scores = Score.objects.filter(
        review__evaluation=evaluation, review__state=ReviewState.SUBMITTED
    ).filter(not_conflicted("review__")).select_related("review__reviewer").order_by("review__submitted_at", "pk")
    by_criterion = {}
    for score in scores:
        if score.value is not None:
            by_criterion.setdefault(score.criterion_id, []).append(score)
    parts = []
    for criterion in criteria:
        own = by_criterion.get(criterion.pk, [])
        parts.append(CriterionFeedback(
            names={"en": criterion.name_en, "fr": criterion.name_fr or criterion.name_en},
            scale_max=criterion.scale_max, mean=scoring.mean_score(s.value for s in own),
            rubric={level.score: {"en": level.description_en, "fr": level.description_fr or level.description_en}
                    for level in criterion.rubric.all()},
            comments=[(s.review.reviewer.language, s.comment.strip()) for s in own if s.comment.strip()],
        ))
    failed = [check for check in EligibilityCheck.objects.filter(evaluation=evaluation) if not check.met]
    return FeedbackParts(parts, sorted(failed, key=lambda check: EligibilityItem.values.index(check.item)))


def comments_not_drafted(evaluation):
    """{language: [(criterion name, comment)]}: the comments for the country that the draft in
    that language leaves out, because their reviewer writes in the other (feedback.py)."""
    from ..feedback import comments_left_out

    criteria = feedback_parts(evaluation).criteria
    return {language: left for language in ("en", "fr") if (left := comments_left_out(criteria, language))}


@dataclass
class CallFeedback:
    evaluations: list  # the finalised evaluations whose countries hear back, by country code
    without_feedback: list  # the EOIs that get no letter: withdrawn, or never submitted


def call_feedback(call):
    """Who hears back about `call`, from its EOIs with their evaluation, country and the
    country's focal points (two queries)."""
    eois = (
        ExpressionOfInterest.objects.filter(call=call)
        .select_related("country", "call__evaluation_settings", "evaluation")
        .prefetch_related("country__focal_points").order_by("country__code")
    )
    feedback = CallFeedback([], [])
    for eoi in eois:
        evaluation = getattr(eoi, "evaluation", None)
        if eoi.status not in EOIStatus.RECEIVED:
            feedback.without_feedback.append(eoi)
        elif evaluation is not None and evaluation.state in EvaluationState.FINAL:
            feedback.evaluations.append(evaluation)
    return feedback


def letters_as_sent(evaluation_ids):
    """{evaluation id: OutboundMail}: the feedback letter a record quotes, as it left (or will
    leave) the outbox, with the manager's edits — a sent one if there is one, else the latest one
    not discarded (one query). Every recipient of an EOI's letter reads the same text but for the
    greeting, so one of them stands for all."""
    rows = (OutboundMail.objects.filter(kind=MailKind.FEEDBACK, related_type__app_label="evaluation",
                                        related_type__model="evaluation", related_id__in=list(evaluation_ids))
            .exclude(state=MailState.DISCARDED).order_by("related_id", "pk"))
    letters = {}
    for mail in rows:  # later rows win, unless the one held was sent and this one was not
        held = letters.get(mail.related_id)
        if held is None or mail.state == MailState.SENT or held.state != MailState.SENT:
            letters[mail.related_id] = mail
    return letters


def feedback_mails_by_evaluation(batch):
    """{evaluation id: [mail]} of a feedback batch (one query)."""
    kind = ContentType.objects.get_for_model(Evaluation)
    mails = {}
    for mail in (OutboundMail.objects.filter(batch=batch, related_type=kind)
                 .only(*LIST_COLUMNS, "related_id").order_by("to_email", "pk")):
        mails.setdefault(mail.related_id, []).append(mail)
    return mails
