"""What the feedback to the countries is built from, and the manager's feedback page."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from eoi.enums import EOIStatus
from eoi.models import ExpressionOfInterest
from outbox.models import OutboundMail
from outbox.selectors import LIST_COLUMNS

from .. import scoring
from ..enums import EligibilityItem, EvaluationState, ReviewState
from ..feedback import CriterionFeedback
from ..models import EligibilityCheck, Evaluation, Score
from .common import call_criteria, evaluations_of_call, not_conflicted


@dataclass
class FeedbackParts:
    criteria: list
    failed_checks: list


def feedback_parts(evaluation):
    """What the feedback is built from: criteria, their mean scores and comments, failed checks."""
    criteria = call_criteria(evaluation.eoi.call)
    scores = Score.objects.filter(
        review__evaluation=evaluation, review__state=ReviewState.SUBMITTED
    ).filter(not_conflicted("review__")).order_by("review__submitted_at", "pk")
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
            comments=[s.comment.strip() for s in own if s.comment.strip()],
        ))
    failed = [check for check in EligibilityCheck.objects.filter(evaluation=evaluation) if not check.met]
    return FeedbackParts(parts, sorted(failed, key=lambda check: EligibilityItem.values.index(check.item)))


def feedback_evaluations(call):
    """The finalised evaluations of the call whose countries hear back, with the
    country, its focal points and the call (two queries)."""
    return (
        evaluations_of_call(call).filter(state__in=EvaluationState.FINAL)
        .prefetch_related("eoi__country__focal_points").order_by("eoi__country__code")
    )


def eois_without_feedback(call):
    """EOIs of the call that get no feedback letter: withdrawn, or never submitted."""
    return (
        ExpressionOfInterest.objects.filter(call=call).exclude(status__in=EOIStatus.RECEIVED)
        .select_related("country").order_by("country__code")
    )


def feedback_mails_by_evaluation(batch):
    """{evaluation id: [mail]} of a feedback batch (one query)."""
    kind = ContentType.objects.get_for_model(Evaluation)
    mails = {}
    for mail in (OutboundMail.objects.filter(batch=batch, related_type=kind)
                 .only(*LIST_COLUMNS, "related_id").order_by("to_email", "pk")):
        mails.setdefault(mail.related_id, []).append(mail)
    return mails
