"""Every read a page of the evaluation needs, with its joins and prefetches.

Scores are aggregated by `evaluation/scoring.py` (pure): `call_results()`
loads a call's submitted scores in one query and hands them over. Reviews by
a facilitator who has since declared a conflict with the country are left out.
"""

from dataclasses import dataclass, field
from functools import cache
from decimal import Decimal
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db.models import (
    CharField, Count, Exists, Max, OuterRef, Prefetch, Q, Subquery, Value, prefetch_related_objects,
)
from django.db.models.functions import Cast, Concat
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from accounts.rules import is_facilitator, is_manager
from countries.models import Country
from countries.selectors import country_names, sort_by_name
from eoi.enums import EOIStatus, QuestionKind
from eoi.models import Answer, ExpressionOfInterest, TeamMember
from eoi.selectors import eoi_composition, eoi_members, questions_with_answer
from jln_portal.cache import get_or_build

from . import scoring
from .enums import Decision, EligibilityItem, EvaluationState, ReviewState
from .feedback import CriterionFeedback
from .models import (
    Assignment, ClarificationRequest, Conflict, Criterion, EligibilityCheck, Evaluation, EvaluationSettings, Review,
    RubricLevel, Score, SelectionFactor,
)

# --- Building blocks --------------------------------------------------------------------------


def settings_or_default(call):
    """The call's evaluation settings, or the defaults (unsaved) before the review starts."""
    return getattr(call, "evaluation_settings", None) or EvaluationSettings(call=call)


def eoi_for_checks():
    """EOIs with what the eligibility checklist reads."""
    return ExpressionOfInterest.objects.select_related("call", "country").prefetch_related(
        "answers", "team_members", "call__questions"
    )


def call_criteria(call):
    """The call's criteria in order, with their rubric (two queries)."""
    return list(Criterion.objects.filter(call=call).prefetch_related("rubric").order_by("order", "pk"))


def scoring_criteria(criteria):
    return [scoring.Criterion(id=c.pk, weight=c.weight, min_score=c.scale_min, max_score=c.scale_max) for c in criteria]


def evaluations_of_call(call):
    """The call's evaluations of EOIs still submitted (not withdrawn or reopened)."""
    return (
        Evaluation.objects.filter(eoi__call=call, eoi__status__in=EOIStatus.RECEIVED)
        .select_related("eoi__country", "eoi__call__evaluation_settings")
    )


def visible_evaluations(user, call):
    """What `user` may see of a call: everything for the manager, the assigned
    and non-conflicted EOIs for a facilitator, nothing for anyone else."""
    queryset = evaluations_of_call(call)
    if is_manager(user):
        return queryset
    if is_facilitator(user):
        return queryset.filter(assignments__reviewer=user).exclude(eoi__country__review_conflicts__reviewer=user)
    return queryset.none()


def _not_conflicted(prefix=""):
    """Reviews whose reviewer has no conflict with the EOI's country."""
    return ~Exists(Conflict.objects.filter(
        reviewer=OuterRef(f"{prefix}reviewer"), country=OuterRef(f"{prefix}evaluation__eoi__country")
    ))


@dataclass
class ReviewFigures:
    review_id: int
    reviewer_id: int
    reviewer_name: str
    evaluation_id: int
    scores: dict  # {criterion id: score}


def submitted_reviews(*, call=None, evaluation=None):
    """Complete, submitted, non-conflicted reviews with their scores, in one query."""
    rows = Score.objects.filter(review__state=ReviewState.SUBMITTED).filter(_not_conflicted("review__"))
    rows = rows.filter(review__evaluation=evaluation) if evaluation is not None else rows.filter(
        review__evaluation__eoi__call=call, review__evaluation__eoi__status__in=EOIStatus.RECEIVED
    )
    reviews = {}
    for review_id, reviewer_id, name, evaluation_id, criterion_id, value in rows.values_list(
        "review_id", "review__reviewer_id", "review__reviewer__full_name", "review__evaluation_id",
        "criterion_id", "value",
    ).order_by("review__evaluation_id", "review__submitted_at", "review_id"):
        figures = reviews.get(review_id)
        if figures is None:
            figures = reviews[review_id] = ReviewFigures(review_id, reviewer_id, name, evaluation_id, {})
        if value is not None:
            figures.scores[criterion_id] = value
    return list(reviews.values())


def call_results(call, criteria, *, threshold, normalise=False):
    """{evaluation id: scoring.EOIResult} for every reviewed EOI of the call,
    and {review id: ReviewFigures}. Normalisation looks at every review of the call."""
    criterion_ids = {c.pk for c in criteria}
    reviews = [r for r in submitted_reviews(call=call) if set(r.scores) == criterion_ids]
    if not criteria or not reviews:
        return {}, {}
    results = scoring.aggregate(
        [scoring.ReviewScores(reviewer_id=r.reviewer_id, eoi_id=r.evaluation_id, scores=r.scores) for r in reviews],
        scoring_criteria(criteria), disagreement_threshold=threshold, normalise=normalise,
    )
    return results, {(r.reviewer_id, r.evaluation_id): r for r in reviews}


# --- Ranking ----------------------------------------------------------------------------------


def figures_inputs(call):
    """(versions, names) of the call's ranking figures, in one query: per reviewer of a
    submitted review of the call, their name, how many they submitted and when the latest
    changed, beside the latest change to the call's EOIs (their status) and to any conflict
    of interest. Submitted reviews are never deleted and every save of a review (or of its
    scores, which change only through `services.review_save`) sets its `updated_at`; every
    change to an EOI or a conflict writes a history row with a new, larger id. So any change
    to what `call_results` reads changes `versions` (jln_portal/cache.py)."""
    eois = ExpressionOfInterest.history.filter(call_id=call.pk).order_by("-history_id").values("history_id")[:1]
    conflicts = Conflict.history.order_by("-history_id").values("history_id")[:1]
    rows = list(
        Review.objects.filter(evaluation__eoi__call=call, state=ReviewState.SUBMITTED).order_by("reviewer_id")
        .values_list("reviewer_id", "reviewer__full_name")
        .annotate(count=Count("pk"), latest=Max("updated_at"), eois=Subquery(eois), conflicts=Subquery(conflicts))
    )
    versions = tuple((reviewer_id, count, latest.isoformat()) for reviewer_id, _name, count, latest, *_ in rows)
    if rows:
        versions += rows[0][4:]
    return versions, {row[0]: row[1] for row in rows}


def cached_call_results(call, criteria, *, threshold, normalise=False):
    """(`call_results`' figures, {reviewer id: name}): the figures from the cache when nothing
    they are computed from has changed since (`figures_inputs`, the criteria's weights and
    scales, the threshold, the normalisation), else computed and stored."""
    versions, names = figures_inputs(call)
    if not versions:
        return {}, names
    scales = tuple((c.pk, str(c.weight), c.scale_min, c.scale_max) for c in criteria)
    results = get_or_build(
        "ranking-figures", (call.pk, versions, scales, str(threshold), bool(normalise)),
        lambda: call_results(call, criteria, threshold=threshold, normalise=normalise)[0],
    )
    return results, names


RANKING_PAGE_SIZE = 25


@dataclass
class RankingRow:
    evaluation: Evaluation  # or a RankedEvaluation until the row is shown (`ranking_page`)
    result: object = None  # scoring.EOIResult, or None before any submitted review
    reviews: list = field(default_factory=list)  # [(name, total, normalised total)]
    visible: bool = True  # may this user see the figures?
    rank: int | None = None

    @property
    def mean(self):
        return self.result.mean if self.result and self.visible else None

    @property
    def normalised_mean(self):
        return self.result.normalised_mean if self.result and self.visible else None


class RankedEOI(NamedTuple):
    country_id: int
    call: object
    pk: int
    country_region: str


class RankedEvaluation(NamedTuple):
    """What ranking, sorting, the permission rules and the shown page read of an evaluation
    (`pk`, `eligible`, `eoi.country_id`, `eoi.call`; state, country code and region),
    without model instances: building 200 model instances would cost more than the ranking
    itself (and 200 frozen dataclasses a millisecond: named tuples are built at C speed)."""

    pk: int
    eligible: bool
    country_code: str
    eoi: RankedEOI
    state: str

    @property
    def country_name(self):
        return country_names()[self.country_code]  # as Country.name


def ranked_evaluations(evaluations, call):
    """`evaluations` (a queryset of `call`) as RankedEvaluation, in one light query."""
    return [
        RankedEvaluation(pk, eligible, code, RankedEOI(country_id, call, eoi_id, region), state)
        for pk, eligible, state, eoi_id, country_id, code, region in evaluations.values_list(
            "pk", "eligible", "state", "eoi_id", "eoi__country_id", "eoi__country__code", "eoi__country__region")
    ]


def ranking_criteria(call):
    """The call's criteria in order, without their rubric (one query): all the ranking shows."""
    return list(Criterion.objects.filter(call=call).order_by("order", "pk"))


def ranking_rows(call, user, evaluations, *, criteria, threshold, normalise, flagged_only=False, sort="mean"):
    """The ranking's rows, in a constant number of queries whatever the number
    of EOIs and reviewers. `evaluations`: Evaluation objects (with their country
    and call) or `ranked_evaluations()`; ranks run over all of them."""
    results, names = cached_call_results(call, criteria, threshold=threshold, normalise=normalise)
    rows = []
    for evaluation in evaluations:
        result = results.get(evaluation.pk)
        visible = user.has_perm("evaluation.see_all_scores", evaluation)
        reviews = []
        if result and visible:
            for review in result.reviews:
                reviews.append((names[review.reviewer_id], review.total, review.normalised_total))
        rows.append(RankingRow(evaluation, result, reviews, visible))
    if flagged_only:
        rows = [row for row in rows if row.result and row.visible and row.result.disagreement]
    # Ineligible EOIs leave the ranking: they keep their figures but get no rank.
    ranked = sorted((row for row in rows if row.mean is not None and row.evaluation.eligible),
                    key=lambda row: (-row.mean, row.evaluation.pk))
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    return _sorted_rows(rows, sort)


def with_evaluations(rows, call):
    """Give `rows` their Evaluation objects with the country and what the ranking's page and
    export show of them (one query)."""
    full = (
        Evaluation.objects.select_related("eoi__country")
        .only("id", "state", "eligible", "decision", "team_size", "eoi__id", "eoi__call_id", "eoi__country__code",
              "eoi__country__region", "eoi__country__working_language")
        .in_bulk([row.evaluation.pk for row in rows])
    )
    for row in rows:
        row.evaluation = full[row.evaluation.pk]
        row.evaluation.eoi.call = call
    return rows


def shown_evaluation(ranked):
    """The Evaluation (with its EOI and country) of a RankedEvaluation, from what it holds: as
    the database would give it with `only()` (any other field is read when asked for)."""
    eoi = ranked.eoi
    evaluation = Evaluation.from_db(None, ["id", "state", "eligible", "eoi_id"],
                                    [ranked.pk, ranked.state, ranked.eligible, eoi.pk])
    evaluation.eoi = ExpressionOfInterest.from_db(None, ["id", "call_id", "country_id"], [eoi.pk, eoi.call.pk,
                                                                                        eoi.country_id])
    evaluation.eoi.call = eoi.call
    evaluation.eoi.country = Country.from_db(None, ["id", "code", "region"],
                                             [eoi.country_id, ranked.country_code, eoi.country_region])
    return evaluation


def ranking_page(rows, call, number):
    """One page of the ranking (Django's Page): ranks and order are those of all `rows`;
    the page's rows get their evaluations (no query: `shown_evaluation`)."""
    page = Paginator(rows, RANKING_PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    for row in page.object_list:
        if isinstance(row.evaluation, RankedEvaluation):
            row.evaluation = shown_evaluation(row.evaluation)
    return page


def _country_name(evaluation):
    if isinstance(evaluation, RankedEvaluation):
        return evaluation.country_name
    return str(evaluation.eoi.country.name)


def _sorted_rows(rows, sort):
    missing = float("inf")
    if sort == "country":
        names = {id(row): _country_name(row.evaluation) for row in rows}
        return sorted(rows, key=lambda row: names[id(row)])
    if sort == "spread":
        return sorted(rows, key=lambda r: (-(r.result.spread if r.result and r.visible else -1), r.evaluation.pk))
    if sort == "reviews":
        return sorted(rows, key=lambda r: (-(r.result.review_count if r.result else 0), r.evaluation.pk))
    if sort == "normalised":
        return sorted(rows, key=lambda r: (-(r.normalised_mean if r.normalised_mean is not None else -1),
                                           r.evaluation.pk))
    return sorted(rows, key=lambda r: (r.rank or missing, r.evaluation.pk))


# --- Capacity, shortlist and decisions ----------------------------------------------------------


@dataclass(frozen=True)
class Capacity:
    target_teams: int
    max_participants: int
    teams: int
    participants: int

    @property
    def teams_exceeded(self):
        return self.teams > self.target_teams

    @property
    def participants_exceeded(self):
        return self.participants > self.max_participants

    @property
    def exceeded(self):
        return self.teams_exceeded or self.participants_exceeded


def capacity_of(call, evaluations):
    """The call's capacity against `evaluations` (participants: each team's size)."""
    evaluations = list(evaluations)
    return Capacity(
        target_teams=call.target_teams, max_participants=call.max_participants,
        teams=len(evaluations), participants=sum(e.team_size for e in evaluations),
    )


def shortlisted(evaluations):
    return [e for e in evaluations if e.state == EvaluationState.SHORTLISTED]


def to_be_selected(evaluations):
    return [e for e in evaluations if e.decision == Decision.SELECTED]


def decision_evaluations(call):
    """Every evaluation a decision is taken on, with the country and the call."""
    return evaluations_of_call(call).order_by("eoi__country__code")


def finalise_problems(call, evaluations):
    """Every reason the call's decisions cannot be made final yet (translated sentences)."""
    from .services.evaluations import eois_waiting

    problems = []
    if not evaluations:
        problems.append(_("No expression of interest is under review."))
    waiting = eois_waiting(call).count()
    if waiting:
        problems.append(_("%(count)s submitted expression(s) of interest are not under review yet.") % {"count": waiting})
    for evaluation in sorted(evaluations, key=lambda e: str(e.eoi.country.name)):
        country = evaluation.eoi.country.name
        if not evaluation.decision:
            problems.append(_("%(country)s: no decision yet.") % {"country": country})
        if not evaluation.feedback_en.strip() or not evaluation.feedback_fr.strip():
            problems.append(_("%(country)s: the feedback must be written in English and in French.") % {"country": country})
    capacity = capacity_of(call, to_be_selected(evaluations))
    if capacity.teams_exceeded:
        problems.append(_("%(teams)s teams would be selected; the call takes at most %(target)s.")
                        % {"teams": capacity.teams, "target": capacity.target_teams})
    if capacity.participants_exceeded:
        problems.append(_("The selected teams have %(people)s participants; the call takes at most %(max)s.")
                        % {"people": capacity.participants, "max": capacity.max_participants})
    return problems


# --- Feedback to the countries ------------------------------------------------------------------


def feedback_evaluations(call):
    """The finalised evaluations of the call whose countries hear back, with the
    country, its focal points and the call (three queries)."""
    return (
        evaluations_of_call(call).filter(state__in=EvaluationState.FINAL)
        .select_related("eoi__call").prefetch_related("eoi__country__focal_points")
        .order_by("eoi__country__code")
    )


def eois_without_feedback(call):
    """EOIs of the call that get no feedback letter: withdrawn, or never submitted."""
    return (
        ExpressionOfInterest.objects.filter(call=call).exclude(status__in=EOIStatus.RECEIVED)
        .select_related("country").order_by("country__code")
    )


def feedback_mails_by_evaluation(batch):
    """{evaluation id: [mail]} of a feedback batch (one query)."""
    from django.contrib.contenttypes.models import ContentType
    from outbox.models import OutboundMail
    from outbox.selectors import LIST_COLUMNS

    kind = ContentType.objects.get_for_model(Evaluation)
    mails = {}
    for mail in (OutboundMail.objects.filter(batch=batch, related_type=kind)
                 .only(*LIST_COLUMNS, "related_id").order_by("to_email", "pk")):
        mails.setdefault(mail.related_id, []).append(mail)
    return mails


# --- One EOI -------------------------------------------------------------------------------------


def _scalar(queryset, group, aggregate):
    """A subquery: `aggregate` over the rows of `queryset` (filtered on an OuterRef to `group`)."""
    return Subquery(queryset.order_by().values(group).annotate(value=aggregate).values("value"))


def _last_history(model, **filters):
    """The id of the latest history row of `model`'s rows matching `filters`: every save or
    delete through the ORM (a page, the admin, the shell) writes one, with a larger id."""
    history = model.history.model.objects.filter(**filters)
    return _scalar(history, next(iter(filters)), Max("history_id"))


def _text(expression):
    return Cast(expression, output_field=CharField())


def evaluation_for_page():
    """Evaluations with what the review page reads of them, and in the same query the versions
    of what it caches (jln_portal/cache.py): the EOI's content (`content_versions`: its, its
    answers' and its team's latest history rows; the call's `updated_at` for the questionnaire)
    and the call's criteria with their rubric, and its selection factors (`criteria_version`,
    `factors_version`: numbers of rows and latest `updated_at` — a row added or changed moves
    the latest change, a row deleted the number). The checklist and the questions to the
    country come in two prefetches."""
    return _evaluations_with_versions().prefetch_related(
        Prefetch("checks", queryset=EligibilityCheck.objects.select_related("overridden_by")),
        Prefetch("clarifications", queryset=ClarificationRequest.objects.select_related("asked_by", "answered_by")),
    )


@cache
def _evaluations_with_versions():
    """Built once per process, as a view's class-level queryset is (each request works on a
    clone): resolving these subqueries cost ≈ 3 ms a request."""
    eoi, call = OuterRef("eoi_id"), OuterRef("eoi__call_id")
    criteria = Concat(
        _text(Count("pk", distinct=True)), Value("/"), _text(Count("rubric")), Value("/"),
        _text(Max("updated_at")), Value("/"), _text(Max("rubric__updated_at")), output_field=CharField(),
    )
    factors = Concat(_text(Count("pk")), Value("/"), _text(Max("updated_at")), output_field=CharField())
    return evaluation_for_permission().annotate(
        eoi_history=_last_history(ExpressionOfInterest, id=eoi),
        answers_history=_last_history(Answer, eoi_id=eoi),
        team_history=_last_history(TeamMember, eoi_id=eoi),
        criteria_version=_scalar(Criterion.objects.filter(call_id=call), "call_id", criteria),
        factors_version=_scalar(SelectionFactor.objects.filter(call_id=call), "call_id", factors),
    )


def content_versions(evaluation):
    """The versions of the EOI's answers, team and contact as the review page shows them (read by
    `evaluation_for_page`): the cache key of that part of the page, with the language."""
    eoi = evaluation.eoi
    return (eoi.pk, evaluation.eoi_history, evaluation.answers_history, evaluation.team_history,
            eoi.call.updated_at.isoformat())


def page_criteria(evaluation):
    """(criteria with their rubric, selection factors) of the EOI's call, from the cache while
    none of them changed (`criteria_version`, `factors_version`), else read (three queries) and stored."""
    call = evaluation.eoi.call

    def build():
        return call_criteria(call), list(SelectionFactor.objects.filter(call=call).order_by("order", "pk"))

    return get_or_build("review-criteria", (call.pk, evaluation.criteria_version, evaluation.factors_version), build)


def evaluation_for_permission():
    """Evaluations with what the permission rules read (country, call settings)."""
    return Evaluation.objects.select_related("eoi__country", "eoi__call__evaluation_settings")


def questions_with_answers(eoi):
    """[(question, answer)] of the call's text questions in order (one query)."""
    questions = questions_with_answer(eoi.pk).filter(call_id=eoi.call_id, kind=QuestionKind.TEXT)
    return [(question, question.answer_text or "") for question in questions]


class EOIContent:
    """The EOI's answers, team and its composition, read only when the page shows them
    (not when its cached copy is shown: `content_versions`), in three queries."""

    def __init__(self, eoi):
        self.eoi = eoi

    @cached_property
    def questions(self):
        return questions_with_answers(self.eoi)

    @cached_property
    def members(self):
        members = TeamMember.objects.select_related("profile").order_by("slot")
        prefetch_related_objects([self.eoi], Prefetch("team_members", queryset=members), "call__profiles")
        return eoi_members(self.eoi)

    @cached_property
    def composition(self):
        return eoi_composition(self.eoi, self.members)


@dataclass
class ScoreOnPage:
    criterion: Criterion
    value: int | None
    comment: str


@dataclass
class ReviewOnPage:
    pk: int
    reviewer_id: int
    reviewer_name: str
    state: str
    comment: str
    scores: list = field(default_factory=list)  # [ScoreOnPage] in the criteria's order
    total: Decimal | None = None  # of a complete review of another reviewer

    @property
    def is_submitted(self):
        return self.state == ReviewState.SUBMITTED


@dataclass
class PageReviews:
    own: ReviewOnPage | None  # the user's own review, draft or submitted
    others: list | None  # the other submitted reviews, with `total`; None: hidden from the user


def reviews_for_page(evaluation, user, criteria, *, see_all):
    """The user's own review and, when `see_all`, the other submitted reviews by facilitators
    without a conflict with the country, each with its scores (one query: reviews left-joined
    to their scores)."""
    wanted = Q(reviewer=user)
    if see_all:
        wanted |= Q(Q(state=ReviewState.SUBMITTED), _not_conflicted())
    by_id = {c.pk: c for c in criteria}
    position = {c.pk: index for index, c in enumerate(criteria)}
    reviews = {}
    for pk, reviewer_id, name, state, comment, criterion_id, value, score_comment in (
        Review.objects.filter(evaluation=evaluation).filter(wanted).order_by("submitted_at", "pk")
        .values_list("pk", "reviewer_id", "reviewer__full_name", "state", "comment",
                     "scores__criterion_id", "scores__value", "scores__comment")
    ):
        review = reviews.get(pk)
        if review is None:
            review = reviews[pk] = ReviewOnPage(pk, reviewer_id, name, state, comment)
        if criterion_id in by_id:
            review.scores.append(ScoreOnPage(by_id[criterion_id], value, score_comment))
    for review in reviews.values():
        review.scores.sort(key=lambda score: position[score.criterion.pk])
    own = next((review for review in reviews.values() if review.reviewer_id == user.pk), None)
    if not see_all:
        return PageReviews(own, None)
    others = [review for review in reviews.values() if review.reviewer_id != user.pk]
    for review in others:
        scores = {s.criterion.pk: s.value for s in review.scores if s.value is not None}
        if criteria and set(scores) == set(by_id):
            review.total = scoring.review_total(scoring.ReviewScores(review.reviewer_id, evaluation.pk, scores),
                                                scoring_criteria(criteria))
    return PageReviews(own, others)


@dataclass
class FeedbackParts:
    criteria: list
    failed_checks: list


def feedback_parts(evaluation):
    """What the feedback is built from: criteria, their mean scores and comments, failed checks."""
    criteria = call_criteria(evaluation.eoi.call)
    scores = Score.objects.filter(
        review__evaluation=evaluation, review__state=ReviewState.SUBMITTED
    ).filter(_not_conflicted("review__")).order_by("review__submitted_at", "pk")
    by_criterion = {}
    for score in scores:
        by_criterion.setdefault(score.criterion_id, []).append(score)
    parts = []
    for criterion in criteria:
        own = [s for s in by_criterion.get(criterion.pk, []) if s.value is not None]
        mean = scoring.rounded(sum(Decimal(s.value) for s in own) / len(own)) if own else None
        parts.append(CriterionFeedback(
            names={"en": criterion.name_en, "fr": criterion.name_fr or criterion.name_en},
            scale_max=criterion.scale_max, mean=mean,
            rubric={level.score: {"en": level.description_en, "fr": level.description_fr or level.description_en}
                    for level in criterion.rubric.all()},
            comments=[s.comment.strip() for s in own if s.comment.strip()],
        ))
    failed = [check for check in EligibilityCheck.objects.filter(evaluation=evaluation) if not check.met]
    return FeedbackParts(parts, sorted(failed, key=lambda check: EligibilityItem.values.index(check.item)))


# --- Lists for each role ---------------------------------------------------------------------


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


def sort_by_evaluation_country(evaluations):
    return sorted(evaluations, key=lambda e: str(e.eoi.country.name))


def sort_countries(countries):
    return sort_by_name(countries)


# --- The manager's pages about calls ---------------------------------------------------------


def calls_for_evaluation():
    """Public calls with their numbers of submitted and evaluated EOIs (one query)."""
    from eoi.enums import CallState
    from eoi.models import Call

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


# --- Shortlist and the suggested selection ---------------------------------------------------------


def selection_rules(call, settings):
    from .selection import SelectionRules

    languages = {"fr": settings.min_french_teams, "en": settings.min_english_teams}
    return SelectionRules(
        max_teams=call.target_teams, min_teams=min(call.min_teams, call.target_teams),
        max_participants=call.max_participants, min_regions=settings.min_regions,
        max_per_region=settings.max_per_region, min_per_language={k: v for k, v in languages.items() if v},
    )


@dataclass
class ShortlistData:
    rows: list  # RankingRow of every open evaluation, best first; ineligible ones last
    suggestion: object  # selection.Selection, or None without any reviewed eligible EOI
    shortlist_capacity: Capacity
    selected_capacity: Capacity
    names: dict  # {evaluation id: country name}


def shortlist_data(call, settings, user):
    """What the shortlist page shows: ranked EOIs, the live capacity and the
    suggested selection computed by `selection.suggest_selection` (exact)."""
    from .selection import Candidate, suggest_selection

    criteria = call_criteria(call)
    evaluations = list(evaluations_of_call(call).filter(state__in=EvaluationState.OPEN))
    rows = ranking_rows(call, user, evaluations, criteria=criteria, threshold=settings.disagreement_threshold,
                        normalise=False)
    rows.sort(key=lambda row: (not row.evaluation.eligible, row.rank or float("inf"), row.evaluation.pk))
    candidates = [
        Candidate(id=row.evaluation.pk, score=row.result.mean, participants=row.evaluation.team_size,
                  region=row.evaluation.eoi.country.region, language=row.evaluation.eoi.country.working_language)
        for row in rows if row.evaluation.eligible and row.result is not None
    ]
    suggestion = suggest_selection(candidates, selection_rules(call, settings)) if candidates else None
    return ShortlistData(
        rows=rows, suggestion=suggestion,
        shortlist_capacity=capacity_of(call, shortlisted(evaluations)),
        selected_capacity=capacity_of(call, to_be_selected(evaluations)),
        names={e.pk: str(e.eoi.country.name) for e in evaluations},
    )


# --- Audit history ----------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    when: object
    who: object
    subject: str
    action: str  # "+" created, "~" changed, "-" deleted
    changes: list  # [(field label, old, new)]


HISTORY_FIELDS = {
    Evaluation: ("state", "decision", "eligible", "feedback_en", "feedback_fr"),
    EligibilityCheck: ("passed", "override", "override_reason"),
    Assignment: ("reviewer",),
    Review: ("state", "comment"),
    Score: ("value", "comment"),
    ClarificationRequest: ("question", "answer"),
}


def evaluation_history(evaluation):
    """Every recorded change to the evaluation, its checklist, assignments,
    reviews, scores and questions, newest first (a constant number of queries)."""
    from accounts.models import User

    review_ids = Review.history.filter(evaluation_id=evaluation.pk).values("id")
    sources = {
        Evaluation: Evaluation.history.filter(id=evaluation.pk),
        EligibilityCheck: EligibilityCheck.history.filter(evaluation_id=evaluation.pk),
        Assignment: Assignment.history.filter(evaluation_id=evaluation.pk),
        Review: Review.history.filter(evaluation_id=evaluation.pk),
        Score: Score.history.filter(review_id__in=review_ids),
        ClarificationRequest: ClarificationRequest.history.filter(evaluation_id=evaluation.pk),
    }
    records = {model: list(qs.select_related("history_user").order_by("history_date", "history_id"))
               for model, qs in sources.items()}
    people = {u.pk: u for u in User.objects.filter(pk__in={
        r.reviewer_id for model in (Assignment, Review) for r in records[model]})}
    criteria = {c.pk: c for c in Criterion.objects.filter(call_id=evaluation.eoi.call_id)}
    reviewer_of = {r.id: people.get(r.reviewer_id) for r in records[Review]}
    entries = []
    for model, rows in records.items():
        previous = {}
        for record in rows:
            subject = str(model._meta.verbose_name).capitalize()
            if model is EligibilityCheck:
                subject = str(EligibilityItem(record.item).label)
            elif model in (Assignment, Review):
                subject = f"{subject} – {people.get(record.reviewer_id, '')}"
            elif model is Score:
                criterion = criteria.get(record.criterion_id)
                subject = f"{subject} – {criterion.key if criterion else ''} – {reviewer_of.get(record.review_id, '')}"
            before = previous.get(record.id)
            changes = []
            for name in HISTORY_FIELDS[model]:
                label = model._meta.get_field(name).verbose_name
                new = _display(model, name, getattr(record, f"{name}_id" if name == "reviewer" else name), people)
                old = _display(model, name, getattr(before, f"{name}_id" if name == "reviewer" else name), people) \
                    if before is not None else None
                if before is None or old != new:
                    changes.append((label, old, new))
            action = record.history_type
            if action == "~" and not changes:
                previous[record.id] = record
                continue
            entries.append(HistoryEntry(record.history_date, record.history_user, subject, action, changes))
            previous[record.id] = record
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _display(model, name, value, people):
    if value is None or value == "":
        return "—"
    if name == "reviewer":
        return str(people.get(value, value))
    field_ = model._meta.get_field(name)
    if field_.choices:
        return str(dict(field_.choices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)
