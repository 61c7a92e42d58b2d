"""The ranking page and its export: every EOI the user may see with the call's figures,
ranked over the whole filtered call and shown 25 rows a page."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator

from ..filters import RankingFilter
from .common import call_criteria, call_results, visible_evaluations

RANKING_PAGE_SIZE = 25


@dataclass
class RankingRow:
    evaluation: object  # an Evaluation with its EOI, country, call and settings
    result: object = None  # scoring.EOIResult, or None before any submitted review
    reviews: list = field(default_factory=list)  # [(name, total, normalised total)]
    visible: bool = True  # may this user see the figures?
    rank: int | None = None

    @property
    def mean(self):
        return self.result.mean if self.result and self.visible else None

    @property
    def review_count(self):
        """How many reviews count, or None while the user may not see the others' work."""
        if not self.visible:
            return None
        return self.result.review_count if self.result else 0

    @property
    def normalised_mean(self):
        return self.result.normalised_mean if self.result and self.visible else None


@dataclass
class Ranking:
    filter: RankingFilter
    rows: list  # RankingRow of every filtered EOI, in the chosen order
    criteria: list
    normalised: bool


def ranking(call, settings, user, data):
    """The whole ranking as `user` sees it with the filters and sort in `data` (a QueryDict)."""
    filterset = RankingFilter(data or None, queryset=visible_evaluations(user, call).order_by("pk"))
    criteria = call_criteria(call, rubric=False)
    normalised = bool(filterset.option("normalised"))
    rows = ranking_rows(
        call, user, filterset.qs, criteria=criteria, threshold=settings.disagreement_threshold,
        normalise=normalised, flagged_only=bool(filterset.option("flagged")), sort=filterset.option("sort", "mean"),
    )
    return Ranking(filterset, rows, criteria, normalised)


def ranking_page(rows, number):
    """One page of the ranking (Django's Page); ranks and order are those of all `rows`."""
    return Paginator(rows, RANKING_PAGE_SIZE).get_page(number)


def ranking_rows(call, user, evaluations, *, criteria, threshold, normalise, flagged_only=False, sort="mean"):
    """The rows of `evaluations` (Evaluation objects of `call`, with their country and call), in a
    constant number of queries whatever the number of EOIs and reviewers; ranks run over all of them."""
    results, figures = call_results(call, criteria, threshold=threshold, normalise=normalise)
    rows = []
    for evaluation in evaluations:
        result = results.get(evaluation.pk)
        visible = user.has_perm("evaluation.see_all_scores", evaluation)
        reviews = []
        if result and visible:
            for review in result.reviews:
                name = figures[(review.reviewer_id, evaluation.pk)].reviewer_name
                reviews.append((name, review.total, review.normalised_total))
        rows.append(RankingRow(evaluation, result, reviews, visible))
    if flagged_only:
        rows = [row for row in rows if row.result and row.visible and row.result.flagged]
    # Ineligible EOIs leave the ranking: they keep their figures but get no rank.
    ranked = sorted((row for row in rows if row.mean is not None and row.evaluation.eligible),
                    key=lambda row: (-row.mean, row.evaluation.pk))
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    return _sorted_rows(rows, sort)


def _sorted_rows(rows, sort):
    missing = float("inf")
    if sort == "country":
        return sorted(rows, key=lambda row: str(row.evaluation.eoi.country.name))
    if sort == "spread":
        return sorted(rows, key=lambda r: (-(r.result.spread if r.result and r.visible else -1), r.evaluation.pk))
    if sort == "reviews":
        return sorted(rows, key=lambda r: (-(r.review_count or 0), r.evaluation.pk))
    if sort == "normalised":
        return sorted(rows, key=lambda r: (-(r.normalised_mean if r.normalised_mean is not None else -1),
                                           r.evaluation.pk))
    return sorted(rows, key=lambda r: (r.rank or missing, r.evaluation.pk))
