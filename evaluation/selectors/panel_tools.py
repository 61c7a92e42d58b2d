"""The panel's tools for its meeting: every submitted score of a call as a raw table, the
side-by-side matrix of one EOI's reviews, and who has reviewed what (the progress page).

Blind review is the rules' business: these reads take the user and ask
`evaluation.see_all_scores` (rules.py) for every EOI; they never decide it themselves."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Subquery

from eoi.enums import EOIStatus

from .. import scoring
from ..enums import ReviewState
from ..models import Assignment, Review, Score
from .common import call_criteria, not_conflicted, review_total_of, scoring_criteria, visible_evaluations


# --- Every score of the call ----------------------------------------------------------------


def raw_scores(call, user):
    """Every score of the call's submitted reviews that counts (no conflicted reviewer) and that
    `user` may see (`evaluation.see_all_scores` of its EOI), by country, reviewer and criterion:
    Score rows with their review, reviewer, criterion and EOI. One query, plus the user's facts."""
    scores = (
        Score.objects.filter(review__state=ReviewState.SUBMITTED).filter(not_conflicted("review__"))
        .filter(review__evaluation__in=visible_evaluations(user, call).values("pk"))
        .select_related("criterion", "review__reviewer", "review__evaluation__eoi__country",
                        "review__evaluation__eoi__call__evaluation_settings")
        .order_by("review__evaluation__eoi__country__code", "review__reviewer__full_name", "review_id",
                  "criterion__order", "criterion_id")
    )
    allowed = {}
    rows = []
    for score in scores:
        evaluation = score.review.evaluation
        if evaluation.pk not in allowed:
            allowed[evaluation.pk] = user.has_perm("evaluation.see_all_scores", evaluation)
        if allowed[evaluation.pk]:
            rows.append(score)
    return rows


# --- One EOI's reviews side by side ---------------------------------------------------------


@dataclass
class MatrixRow:
    criterion: object
    cells: list  # one Score (or None) per review, in the order of `ReviewMatrix.reviews`
    mean: object = None  # over the complete reviews, on the criterion's scale
    spread: object = None
    disagreement: bool = False


@dataclass
class ReviewMatrix:
    reviews: list  # the submitted reviews that count, each with its `total` (None while incomplete)
    rows: list  # MatrixRow per criterion
    result: object = None  # scoring.EOIResult of the complete reviews, or None
    drafts: int = 0  # reviews still drafts (not shown)
    incomplete: list = field(default_factory=list)  # submitted reviews left out of the figures


def review_matrix(evaluation, threshold):
    """Every submitted review of `evaluation` that counts, criterion by criterion, with the
    figures of `scoring.aggregate` (the ranking's). Who may see it is the view's rule
    (`evaluation.see_all_scores`). Three queries: the reviews, their scores, the criteria."""
    criteria = call_criteria(evaluation.eoi.call, rubric=False)
    reviews = list(
        Review.objects.filter(evaluation=evaluation).filter(not_conflicted())
        .select_related("reviewer").order_by("submitted_at", "pk")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.order_by("criterion_id")))
    )
    submitted = [review for review in reviews if review.state == ReviewState.SUBMITTED]
    complete = []
    for review in submitted:
        review.total = review_total_of(review, criteria)
        if review.total is not None:
            complete.append(review)
    result = None
    if criteria and complete:
        figures = [scoring.ReviewScores(r.reviewer_id, evaluation.pk, {s.criterion_id: s.value for s in r.scores.all()})
                   for r in complete]
        result = scoring.aggregate(figures, scoring_criteria(criteria), disagreement_threshold=threshold)[evaluation.pk]
    rows = []
    for criterion in criteria:
        cells = [next((s for s in review.scores.all() if s.criterion_id == criterion.pk), None) for review in submitted]
        row = MatrixRow(criterion, cells)
        if result is not None:
            row.mean = result.criterion_means[criterion.pk]
            row.spread = result.criterion_spreads[criterion.pk]
            row.disagreement = criterion.pk in result.criterion_disagreements
        rows.append(row)
    return ReviewMatrix(
        reviews=submitted, rows=rows, result=result, drafts=len(reviews) - len(submitted),
        incomplete=[review for review in submitted if review.total is None],
    )


# --- Who has reviewed what --------------------------------------------------------------------


@dataclass
class FacilitatorProgress:
    reviewer: object
    submitted: list = field(default_factory=list)  # Assignment rows, each with its evaluation and country
    drafted: list = field(default_factory=list)
    not_started: list = field(default_factory=list)
    conflicted: list = field(default_factory=list)  # assigned, but a conflict since: not theirs to review

    @property
    def assigned(self):
        return len(self.submitted) + len(self.drafted) + len(self.not_started)

    @property
    def left(self):
        """What is still to do: the drafts and the reviews not started, by country."""
        return self.drafted + self.not_started


@dataclass
class Progress:
    facilitators: list  # FacilitatorProgress, by name
    assigned: int
    drafted: int
    submitted: int
    left: int


def review_progress(call):
    """Per facilitator, the call's EOIs assigned to them and where each review stands, in one
    query whatever the number of facilitators and EOIs."""
    own_review = Review.objects.filter(evaluation=OuterRef("evaluation"), reviewer=OuterRef("reviewer"))
    assignments = (
        Assignment.objects.filter(evaluation__eoi__call=call, evaluation__eoi__status__in=EOIStatus.RECEIVED)
        .select_related("reviewer", "evaluation__eoi__country")
        .annotate(review_state=Subquery(own_review.values("state")[:1]), counts=not_conflicted())
        .order_by("reviewer__full_name", "reviewer_id", "evaluation__eoi__country__code")
    )
    facilitators = {}
    for assignment in assignments:
        progress = facilitators.setdefault(assignment.reviewer_id, FacilitatorProgress(assignment.reviewer))
        if not assignment.counts:
            progress.conflicted.append(assignment)
        elif assignment.review_state == ReviewState.SUBMITTED:
            progress.submitted.append(assignment)
        elif assignment.review_state == ReviewState.DRAFT:
            progress.drafted.append(assignment)
        else:
            progress.not_started.append(assignment)
    rows = list(facilitators.values())
    return Progress(
        facilitators=rows, assigned=sum(p.assigned for p in rows), drafted=sum(len(p.drafted) for p in rows),
        submitted=sum(len(p.submitted) for p in rows), left=sum(len(p.left) for p in rows),
    )
