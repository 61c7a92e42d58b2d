"""Scores of reviews and their aggregation per EOI — plain Python, no Django, no database.

Scale of a total
    A review's total is on **0–100**: each criterion's score is first placed on 0..1 within that
    criterion's own scale, ``(score - min) / (max - min)``, then the weighted mean of those fractions
    is multiplied by 100::

        total = 100 * sum(weight_c * (score_c - min_c) / (max_c - min_c)) / sum(weight_c)

    So 100 always means "the top of the rubric on every criterion", 0 "the bottom on every
    criterion", whatever the scales (a call may mix 0–5 and 0–3 criteria) and whatever the weights
    add up to. Per-criterion means stay on the criterion's own scale (e.g. 3.50 out of 5).

Rounding
    Arithmetic is exact ``Decimal`` (34 significant digits, its own context, so the caller's decimal
    context does not matter). Every figure *returned* is rounded once, at the end, to 2 decimal
    places, half up (``ROUND_HALF_UP``). Means and spreads are computed from the unrounded totals,
    so a mean may differ by 0.01 from the mean of the rounded totals shown beside it.

Spread and disagreement
    ``spread`` is max − min of an EOI's review totals; ``std_dev`` is the *population* standard
    deviation (divide by n: the spread of these very reviews, not an estimate for a larger sample).
    An EOI is flagged for discussion when its rounded ``spread`` is *strictly greater* than the
    threshold (default 20 points, i.e. a full step of a 0–5 scale on every criterion); comparing the
    rounded figure means the flag always agrees with the number people see. A single review has no
    spread and is never flagged.

    Each criterion is flagged too, with the same threshold in the same unit: its spread (max − min
    of its scores, on its own scale) placed on 0–100 like a total, ``100 * spread / (max - min)``,
    rounded, strictly greater than the threshold. With the default 20 on a 0–5 criterion, scores 2
    and 4 are flagged (40 points), 3 and 4 are not (20 points); on a 0–3 criterion, 1 and 2 already
    are (33.33). So two reviews with the same total that read one criterion very differently are
    still brought to the panel's discussion.

Per-reviewer normalisation (optional)
    Corrects a harsh or lenient reviewer. For each reviewer with at least two reviews and totals that
    are not all equal, each total is turned into a z-score among *that reviewer's* totals and put back
    onto the pooled scale of *all* review totals::

        normalised = pooled_mean + pooled_sd * (total - reviewer_mean) / reviewer_sd

    then clamped to 0..100. A reviewer with a single review, or whose totals are all equal (zero
    variance), keeps their raw totals: there is nothing to estimate their bias from. Pooled and
    reviewer means/sds are population figures over the reviews passed in (one call's submitted
    reviews; each review counts once). This assumes each reviewer saw a comparable mix of EOIs
    (random or balanced assignment); it is shown *beside* the raw figures, never instead of them.
    Rescaling keeps order: within one reviewer, a higher raw total stays higher.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
DEFAULT_DISAGREEMENT_THRESHOLD = Decimal(20)
_CONTEXT = Context(prec=34, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True)
class Criterion:
    id: Hashable
    weight: Decimal
    min_score: int = 0
    max_score: int = 5


@dataclass(frozen=True)
class ReviewScores:
    """One submitted review: a score for every criterion of the call."""

    reviewer_id: Hashable
    eoi_id: Hashable
    scores: Mapping[Hashable, int | Decimal]


@dataclass(frozen=True)
class ReviewResult:
    reviewer_id: Hashable
    eoi_id: Hashable
    total: Decimal  # 0–100, 2 decimal places
    normalised_total: Decimal | None = None  # None when normalisation was not asked for


@dataclass(frozen=True)
class EOIResult:
    eoi_id: Hashable
    review_count: int
    mean: Decimal  # 0–100
    spread: Decimal  # max − min of the totals
    std_dev: Decimal  # population standard deviation of the totals
    disagreement: bool  # spread > threshold
    criterion_means: dict[Hashable, Decimal]  # on each criterion's own scale
    normalised_mean: Decimal | None = None
    reviews: tuple[ReviewResult, ...] = field(default=())
    criterion_spreads: dict[Hashable, Decimal] = field(default_factory=dict)  # max − min, own scale
    criterion_disagreements: frozenset = frozenset()  # ids of the criteria flagged (see above)

    @property
    def flagged(self) -> bool:
        """To discuss: the totals, or the scores of at least one criterion, disagree."""
        return self.disagreement or bool(self.criterion_disagreements)


def rounded(value: Decimal) -> Decimal:
    """Round a figure for display: 2 decimal places, half up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def mean_score(values: Iterable[int | Decimal]) -> Decimal | None:
    """The mean of one criterion's scores (on its own scale), rounded; None without any score.
    The only place a criterion's mean is computed: the ranking's per-criterion means
    (`aggregate`) and the feedback's (`selectors.feedback.feedback_parts`) both come from here."""
    values = [Decimal(value) for value in values]
    if not values:
        return None
    with localcontext(_CONTEXT):
        return rounded(_mean(values))


def review_total(review: ReviewScores, criteria: Iterable[Criterion]) -> Decimal:
    """The review's weighted total on 0–100, rounded to 2 decimal places."""
    criteria = _checked_criteria(criteria)
    with localcontext(_CONTEXT):
        return rounded(_exact_total(review, criteria))


def aggregate(
    reviews: Iterable[ReviewScores],
    criteria: Iterable[Criterion],
    *,
    disagreement_threshold: Decimal | None = DEFAULT_DISAGREEMENT_THRESHOLD,
    normalise: bool = False,
) -> dict[Hashable, EOIResult]:
    """Figures per EOI, keyed by EOI id, in order of each EOI's first review.

    EOIs without any review do not appear. ``disagreement_threshold=None`` never flags.
    Raises ``ValueError`` on an incomplete or out-of-range review, an unknown criterion, or two
    reviews by the same reviewer of the same EOI.
    """
    criteria = _checked_criteria(criteria)
    reviews = list(reviews)
    _check_unique(reviews)
    with localcontext(_CONTEXT):
        totals = [_exact_total(review, criteria) for review in reviews]
        adjusted = _normalised_totals(reviews, totals) if normalise else None
        by_eoi: dict[Hashable, list[int]] = defaultdict(list)
        for index, review in enumerate(reviews):
            by_eoi[review.eoi_id].append(index)
        return {
            eoi_id: _eoi_result(eoi_id, indexes, reviews, totals, adjusted, criteria,
                                disagreement_threshold)
            for eoi_id, indexes in by_eoi.items()
        }


def ranking(results: Iterable[EOIResult], *, normalised: bool = False) -> list[EOIResult]:
    """EOIs best first; ties by EOI id ascending (ids must be mutually comparable)."""

    def score(result: EOIResult) -> Decimal:
        if normalised and result.normalised_mean is not None:
            return result.normalised_mean
        return result.mean

    return sorted(results, key=lambda result: (-score(result), result.eoi_id))


# --- internals -------------------------------------------------------------------------------


def _checked_criteria(criteria: Iterable[Criterion]) -> tuple[Criterion, ...]:
    criteria = tuple(criteria)
    if not criteria:
        raise ValueError("a call needs at least one criterion")
    if len({criterion.id for criterion in criteria}) != len(criteria):
        raise ValueError("criterion ids must be unique")
    for criterion in criteria:
        weight = criterion.weight
        if isinstance(weight, bool) or not isinstance(weight, (int, Decimal)):
            raise ValueError(f"criterion {criterion.id!r}: a weight is an int or a Decimal")
        if weight < 0:
            raise ValueError(f"criterion {criterion.id!r}: weight must not be negative")
        if criterion.min_score >= criterion.max_score:
            raise ValueError(f"criterion {criterion.id!r}: min_score must be below max_score")
    if sum(criterion.weight for criterion in criteria) <= 0:
        raise ValueError("the weights must not all be zero")
    return criteria


def _check_unique(reviews: list[ReviewScores]) -> None:
    seen = set()
    for review in reviews:
        key = (review.reviewer_id, review.eoi_id)
        if key in seen:
            raise ValueError(f"reviewer {key[0]!r} reviewed EOI {key[1]!r} twice")
        seen.add(key)


def _score(review: ReviewScores, criterion: Criterion) -> Decimal:
    if criterion.id not in review.scores:
        raise ValueError(f"review of EOI {review.eoi_id!r} by {review.reviewer_id!r}: "
                         f"criterion {criterion.id!r} not scored")
    value = review.scores[criterion.id]
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError(f"criterion {criterion.id!r}: a score is an int or a Decimal")
    value = Decimal(value)
    if not criterion.min_score <= value <= criterion.max_score:
        raise ValueError(f"criterion {criterion.id!r}: score {value} outside "
                         f"{criterion.min_score}–{criterion.max_score}")
    return value


def _exact_total(review: ReviewScores, criteria: tuple[Criterion, ...]) -> Decimal:
    unknown = set(review.scores) - {criterion.id for criterion in criteria}
    if unknown:
        raise ValueError(f"unknown criteria {sorted(map(repr, unknown))}")
    weighted = sum(
        Decimal(c.weight) * (_score(review, c) - c.min_score) / (c.max_score - c.min_score)
        for c in criteria
    )
    return HUNDRED * weighted / sum(Decimal(c.weight) for c in criteria)


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values) / len(values)


def _std_dev(values: list[Decimal]) -> Decimal:
    """Population standard deviation (divide by n)."""
    mean = _mean(values)
    return (sum((value - mean) ** 2 for value in values) / len(values)).sqrt()


def _normalised_totals(reviews: list[ReviewScores], totals: list[Decimal]) -> list[Decimal]:
    pooled_mean, pooled_sd = _mean(totals), _std_dev(totals)
    by_reviewer: dict[Hashable, list[int]] = defaultdict(list)
    for index, review in enumerate(reviews):
        by_reviewer[review.reviewer_id].append(index)
    adjusted = list(totals)
    for indexes in by_reviewer.values():
        own = [totals[index] for index in indexes]
        own_sd = _std_dev(own)
        if len(own) < 2 or own_sd == 0:
            continue  # nothing to estimate this reviewer's bias from: raw totals kept
        own_mean = _mean(own)
        for index in indexes:
            value = pooled_mean + pooled_sd * (totals[index] - own_mean) / own_sd
            adjusted[index] = min(HUNDRED, max(Decimal(0), value))
    return adjusted


def _eoi_result(eoi_id, indexes, reviews, totals, adjusted, criteria, threshold) -> EOIResult:
    own = [totals[index] for index in indexes]
    spread = rounded(max(own) - min(own))
    criterion_means, criterion_spreads, criterion_disagreements = {}, {}, set()
    for criterion in criteria:
        values = [_score(reviews[index], criterion) for index in indexes]
        criterion_means[criterion.id] = mean_score(values)
        criterion_spreads[criterion.id] = rounded(max(values) - min(values))
        on_hundred = rounded(HUNDRED * (max(values) - min(values)) / (criterion.max_score - criterion.min_score))
        if threshold is not None and on_hundred > threshold:
            criterion_disagreements.add(criterion.id)
    review_results = tuple(
        ReviewResult(
            reviewer_id=reviews[index].reviewer_id,
            eoi_id=eoi_id,
            total=rounded(totals[index]),
            normalised_total=rounded(adjusted[index]) if adjusted is not None else None,
        )
        for index in indexes
    )
    return EOIResult(
        eoi_id=eoi_id,
        review_count=len(indexes),
        mean=rounded(_mean(own)),
        spread=spread,
        std_dev=rounded(_std_dev(own)),
        disagreement=threshold is not None and spread > threshold,
        criterion_means=criterion_means,
        normalised_mean=(rounded(_mean([adjusted[index] for index in indexes]))
                         if adjusted is not None else None),
        reviews=review_results,
        criterion_spreads=criterion_spreads,
        criterion_disagreements=frozenset(criterion_disagreements),
    )
