"""What the evaluation's reads share: a call's settings and criteria, the evaluations a user
may see, and the call's figures (`call_results`: its submitted scores in one query, handed to
the pure `evaluation/scoring.py`). Reviews by a facilitator who has since declared a conflict
with the country are left out — unless the conflict came after the call's decisions were
final: a final record's figures never change (the conflict is a note on it instead)."""

from dataclasses import dataclass
from datetime import datetime, timezone

from django.db.models import DateTimeField, Exists, OuterRef, Value
from django.db.models.functions import Coalesce

from accounts.rules import is_facilitator, is_manager
from eoi.enums import EOIStatus
from eoi.models import ExpressionOfInterest

from .. import scoring
from ..enums import ReviewState
from ..models import Conflict, Criterion, Evaluation, EvaluationSettings, Score, SelectionFactor


def settings_or_default(call):
    """The call's evaluation settings, or the defaults (unsaved) before the review starts."""
    return getattr(call, "evaluation_settings", None) or EvaluationSettings(call=call)


def eoi_for_checks():
    """EOIs with what the eligibility checklist reads."""
    return ExpressionOfInterest.objects.select_related("call", "country").prefetch_related(
        "answers", "team_members", "call__questions"
    )


def eois_waiting(call):
    """Submitted EOIs of `call` not under review yet (the manager starts them)."""
    return ExpressionOfInterest.objects.filter(call=call, status__in=EOIStatus.RECEIVED, evaluation__isnull=True)


def criteria_in_order():
    return Criterion.objects.order_by("order", "pk")


def call_criteria(call, *, rubric=True):
    """The call's criteria in order, with their rubric (two queries; one without `rubric`)."""
    criteria = criteria_in_order().filter(call=call)
    return list(criteria.prefetch_related("rubric") if rubric else criteria)


def selection_factors(call):
    """The selection factors the call names (not scored), in order."""
    return SelectionFactor.objects.filter(call=call).order_by("order", "pk")


def scoring_criteria(criteria):
    return [scoring.Criterion(id=c.pk, weight=c.weight, min_score=c.scale_min, max_score=c.scale_max) for c in criteria]


def evaluation_for_permission():
    """Evaluations with what the permission rules read (country, call settings)."""
    return Evaluation.objects.select_related("eoi__country", "eoi__call__evaluation_settings")


def evaluations_of_call(call):
    """The call's evaluations of EOIs still submitted (not withdrawn or reopened)."""
    return evaluation_for_permission().filter(eoi__call=call, eoi__status__in=EOIStatus.RECEIVED)


def visible_evaluations(user, call):
    """What `user` may see of a call: everything for the manager, the assigned
    and non-conflicted EOIs for a facilitator, nothing for anyone else."""
    queryset = evaluations_of_call(call)
    if is_manager(user):
        return queryset
    if is_facilitator(user):
        return queryset.filter(assignments__reviewer=user).exclude(eoi__country__review_conflicts__reviewer=user)
    return queryset.none()


NEVER = datetime(9999, 12, 31, tzinfo=timezone.utc)


def not_conflicted(prefix=""):
    """Reviews whose reviewer has no conflict with the EOI's country that counts: every
    conflict while the call's decisions are open; once they are final, only the conflicts
    declared before they were made final."""
    finalised = OuterRef(f"{prefix}evaluation__eoi__call__evaluation_settings__finalised_at")
    return ~Exists(Conflict.objects.filter(
        reviewer=OuterRef(f"{prefix}reviewer"), country=OuterRef(f"{prefix}evaluation__eoi__country"),
        declared_at__lte=Coalesce(finalised, Value(NEVER), output_field=DateTimeField()),
    ))


def sort_by_evaluation_country(evaluations):
    return sorted(evaluations, key=lambda e: str(e.eoi.country.name))


# --- The call's figures ------------------------------------------------------------------------


@dataclass
class ReviewFigures:
    review_id: int
    reviewer_id: int
    reviewer_name: str
    evaluation_id: int
    scores: dict  # {criterion id: score}


def submitted_reviews(call):
    """The call's complete or partial submitted, non-conflicted reviews with their scores, in one query."""
    rows = (
        Score.objects.filter(review__state=ReviewState.SUBMITTED).filter(not_conflicted("review__"))
        .filter(review__evaluation__eoi__call=call, review__evaluation__eoi__status__in=EOIStatus.RECEIVED)
        .values_list("review_id", "review__reviewer_id", "review__reviewer__full_name", "review__evaluation_id",
                     "criterion_id", "value")
        .order_by("review__evaluation_id", "review__submitted_at", "review_id")
    )
    reviews = {}
    for review_id, reviewer_id, name, evaluation_id, criterion_id, value in rows:
        figures = reviews.get(review_id)
        if figures is None:
            figures = reviews[review_id] = ReviewFigures(review_id, reviewer_id, name, evaluation_id, {})
        if value is not None:
            figures.scores[criterion_id] = value
    return list(reviews.values())


def call_results(call, criteria, *, threshold, normalise=False):
    """({evaluation id: scoring.EOIResult} for every reviewed EOI of the call,
    {(reviewer id, evaluation id): ReviewFigures}) from the complete reviews.
    Normalisation looks at every review of the call."""
    criterion_ids = {c.pk for c in criteria}
    reviews = [r for r in submitted_reviews(call) if set(r.scores) == criterion_ids]
    if not criteria or not reviews:
        return {}, {}
    results = scoring.aggregate(
        [scoring.ReviewScores(reviewer_id=r.reviewer_id, eoi_id=r.evaluation_id, scores=r.scores) for r in reviews],
        scoring_criteria(criteria), disagreement_threshold=threshold, normalise=normalise,
    )
    return results, {(r.reviewer_id, r.evaluation_id): r for r in reviews}


def review_total_of(review, criteria):
    """The total on 0–100 of a `Review` whose scores are prefetched, or None while a criterion
    of `criteria` has no score."""
    scores = {s.criterion_id: s.value for s in review.scores.all() if s.value is not None}
    if not criteria or set(scores) != {c.pk for c in criteria}:
        return None
    return scoring.review_total(scoring.ReviewScores(review.reviewer_id, review.evaluation_id, scores),
                                scoring_criteria(criteria))
