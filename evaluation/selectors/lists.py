"""The lists of each role: the facilitator's assignments and conflicts, the focal point's
EOIs under review, the manager's calls, a call's overview and its assignments."""

from django.db.models import Count, Prefetch, Q

from eoi.enums import CallState, EOIStatus
from eoi.models import Call

from ..enums import EvaluationState, ReviewState
from ..models import Assignment, ClarificationRequest, Conflict, Evaluation, Review
from .common import evaluations_of_call, sort_by_evaluation_country


def facilitator_assignments(user):
    """The facilitator's assigned EOIs (never a conflicted one) with their own review's state."""
    own_reviews = Review.objects.filter(reviewer=user)
    return (
        Assignment.objects.filter(reviewer=user, evaluation__eoi__status__in=EOIStatus.RECEIVED)
        .exclude(evaluation__eoi__country__review_conflicts__reviewer=user)
        .select_related("evaluation__eoi__country", "evaluation__eoi__call")
        .prefetch_related(Prefetch("evaluation__reviews", queryset=own_reviews, to_attr="own_reviews"))
        .annotate(open_questions=Count(
            "evaluation__clarifications", filter=Q(evaluation__clarifications__answered_at__isnull=True)
        ))
        .order_by("evaluation__eoi__call", "evaluation__eoi__country__code")
    )


def country_evaluations(user):
    """A focal point's submitted EOIs with the clarification requests about them."""
    evaluations = (
        Evaluation.objects.filter(eoi__country_id__in=user.focal_country_ids)
        .select_related("eoi__country", "eoi__call__evaluation_settings")
        .prefetch_related(
            Prefetch("clarifications", queryset=ClarificationRequest.objects.select_related("answered_by"))
        )
        .order_by("-eoi__call__deadline")
    )
    return evaluations


def country_facing_status(eoi):
    """What the country sees of its EOI's status: "submitted" while it is
    reviewed, the decision once the call's decisions are final."""
    evaluation = getattr(eoi, "evaluation", None)
    if evaluation is not None and evaluation.state in EvaluationState.FINAL:
        return EvaluationState(evaluation.state).label
    return EOIStatus(eoi.status).label


def conflicts_for(user):
    queryset = Conflict.objects.select_related("reviewer", "country", "declared_by")
    if user.has_perm("evaluation.manage_conflicts"):
        return queryset.order_by("reviewer__full_name", "country__code")
    return queryset.filter(reviewer=user).order_by("country__code")


def assignment_matrix(call):
    """Evaluations of the call with their assignments and reviews' states (three queries)."""
    return sort_by_evaluation_country(
        evaluations_of_call(call).prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("reviewer")),
            Prefetch("reviews", queryset=Review.objects.only("id", "evaluation_id", "reviewer_id", "state")),
        )
    )


# --- The manager's pages about calls ---------------------------------------------------------


def calls_for_evaluation():
    """Public calls with their numbers of submitted and evaluated EOIs (one query)."""
    return (
        Call.objects.filter(state__in=CallState.PUBLIC).select_related("evaluation_settings")
        .annotate(
            submitted_count=Count("eois", filter=Q(eois__status__in=EOIStatus.RECEIVED), distinct=True),
            evaluation_count=Count("eois__evaluation", filter=Q(eois__status__in=EOIStatus.RECEIVED), distinct=True),
        )
        .order_by("-deadline")
    )


def call_overview(call):
    """The call's evaluations with their numbers of assignments, submitted reviews and open questions."""
    return sort_by_evaluation_country(
        evaluations_of_call(call).annotate(
            assignment_count=Count("assignments", distinct=True),
            submitted_count=Count("reviews", filter=Q(reviews__state=ReviewState.SUBMITTED), distinct=True),
            open_questions=Count("clarifications", filter=Q(clarifications__answered_at__isnull=True), distinct=True),
        )
    )
