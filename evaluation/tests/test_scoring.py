"""Aggregation of review scores, checked against figures worked out by hand in the comments."""

from decimal import Decimal as D

import pytest

from evaluation.scoring import (
    Criterion,
    ReviewScores,
    aggregate,
    ranking,
    review_total,
)

# The seeded call's three published criteria on 0–5; the first weighs double. Sum of weights 4, so
#   total = 100 * (2*s_reform + s_alignment + s_team) / (5 * 4) = 5 * (2*s_reform + s_alignment + s_team)
CRITERIA = [
    Criterion("reform", weight=D(2)),
    Criterion("alignment", weight=D(1)),
    Criterion("team", weight=D(1)),
]


def review(reviewer, eoi, reform, alignment, team):
    return ReviewScores(reviewer, eoi, {"reform": reform, "alignment": alignment, "team": team})


# Worked example
#   A on E1: (4, 3, 5) -> 5 * (8 + 3 + 5) = 80      B on E1: (2, 3, 3) -> 5 * (4 + 3 + 3) = 50
#   A on E2: (3, 3, 3) -> 5 * (6 + 3 + 3) = 60      B on E2: (3, 2, 2) -> 5 * (6 + 2 + 2) = 50
#   E1: mean (80 + 50) / 2 = 65, spread 30, population sd = |80 - 65| = 15 -> 30 > 20: flagged
#       criterion means: reform (4 + 2) / 2 = 3, alignment (3 + 3) / 2 = 3, team (5 + 3) / 2 = 4
#   E2: mean 55, spread 10, sd 5 -> not flagged; criterion means 3, 2.5, 2.5
WORKED = [
    review("A", "E1", 4, 3, 5),
    review("B", "E1", 2, 3, 3),
    review("A", "E2", 3, 3, 3),
    review("B", "E2", 3, 2, 2),
]


def test_review_total_weighted_on_0_to_100():
    assert [review_total(r, CRITERIA) for r in WORKED] == [D("80.00"), D("50.00"), D("60.00"), D("50.00")]


def test_review_total_extremes_of_the_rubric():
    assert review_total(review("A", "E1", 5, 5, 5), CRITERIA) == D("100.00")
    assert review_total(review("A", "E1", 0, 0, 0), CRITERIA) == D("0.00")


def test_aggregate_worked_example():
    results = aggregate(WORKED, CRITERIA)

    e1, e2 = results["E1"], results["E2"]
    assert list(results) == ["E1", "E2"]
    assert (e1.review_count, e1.mean, e1.spread, e1.std_dev, e1.disagreement) == (
        2, D("65.00"), D("30.00"), D("15.00"), True)
    assert e1.criterion_means == {"reform": D("3.00"), "alignment": D("3.00"), "team": D("4.00")}
    assert (e2.mean, e2.spread, e2.std_dev, e2.disagreement) == (D("55.00"), D("10.00"), D("5.00"), False)
    assert e2.criterion_means == {"reform": D("3.00"), "alignment": D("2.50"), "team": D("2.50")}
    assert [(r.reviewer_id, r.total, r.normalised_total) for r in e1.reviews] == [
        ("A", D("80.00"), None), ("B", D("50.00"), None)]
    assert e1.normalised_mean is None


def test_aggregate_three_reviewers_population_std_dev():
    # Totals 80, 50, 50 (C scores like B): mean 60; deviations 20, -10, -10;
    # population variance (400 + 100 + 100) / 3 = 200; sd = sqrt(200) = 14.1421356... -> 14.14
    reviews = WORKED[:2] + [review("C", "E1", 2, 3, 3)]
    e1 = aggregate(reviews, CRITERIA)["E1"]
    assert (e1.mean, e1.spread, e1.std_dev) == (D("60.00"), D("30.00"), D("14.14"))


def test_disagreement_flag_at_the_threshold_boundary():
    # A: (5, 5, 5) -> 100, B: (3, 5, 5) -> 5 * (6 + 5 + 5) = 80: spread exactly 20
    reviews = [review("A", "E3", 5, 5, 5), review("B", "E3", 3, 5, 5)]
    assert aggregate(reviews, CRITERIA)["E3"].spread == D("20.00")
    assert aggregate(reviews, CRITERIA, disagreement_threshold=D(20))["E3"].disagreement is False
    assert aggregate(reviews, CRITERIA, disagreement_threshold=D("19.99"))["E3"].disagreement is True
    assert aggregate(reviews, CRITERIA, disagreement_threshold=None)["E3"].disagreement is False


def test_disagreement_flag_compares_the_rounded_spread():
    # Equal weights on 0–5: total = 100 * sum / 15. (5, 5, 2) -> 1200/15 = 80; (4, 3, 0) -> 700/15 =
    # 46.666...; spread 33.333... shown as 33.33, so a threshold of 33.33 is not exceeded.
    equal = [Criterion("a", D(1)), Criterion("b", D(1)), Criterion("c", D(1))]
    reviews = [ReviewScores("A", "E", {"a": 5, "b": 5, "c": 2}),
               ReviewScores("B", "E", {"a": 4, "b": 3, "c": 0})]
    result = aggregate(reviews, equal, disagreement_threshold=D("33.33"))["E"]
    assert (result.spread, result.disagreement) == (D("33.33"), False)
    # the mean is computed from exact totals: (80 + 46.666...) / 2 = 63.333... -> 63.33
    assert result.mean == D("63.33")


def test_single_review_has_no_spread_and_no_flag():
    result = aggregate([WORKED[0]], CRITERIA, disagreement_threshold=D(0))["E1"]
    assert (result.review_count, result.mean, result.spread, result.std_dev, result.disagreement) == (
        1, D("80.00"), D("0.00"), D("0.00"), False)


def test_review_total_rounds_half_up():
    # Weights 1 and 31 (sum 32): total = 100 * (s1/5 + 31*s2/5) / 32 = 0.625 * (s1 + 31*s2).
    # (1, 0) -> 0.625 exactly: half up gives 0.63 (half-even would give 0.62).
    criteria = [Criterion("a", D(1)), Criterion("b", D(31))]
    assert review_total(ReviewScores("A", "E", {"a": 1, "b": 0}), criteria) == D("0.63")


def test_review_total_mixed_scales_and_offset_minimum():
    # a: 0–3, b: 0–5, c: 1–5, equal weights: total = 100 * (a/3 + b/5 + (c-1)/4) / 3
    criteria = [Criterion("a", D(1), 0, 3), Criterion("b", D(1), 0, 5), Criterion("c", D(1), 1, 5)]
    # (3, 0, 1): 100 * (1 + 0 + 0) / 3 = 33.333... -> 33.33
    assert review_total(ReviewScores("A", "E", {"a": 3, "b": 0, "c": 1}), criteria) == D("33.33")
    # (1, 5, 3): 100 * (1/3 + 1 + 1/2) / 3 = 100 * (11/6) / 3 = 61.111... -> 61.11
    assert review_total(ReviewScores("A", "E", {"a": 1, "b": 5, "c": 3}), criteria) == D("61.11")


def test_zero_weight_criterion_does_not_count():
    criteria = [Criterion("a", D(1)), Criterion("b", D(0))]
    assert review_total(ReviewScores("A", "E", {"a": 4, "b": 0}), criteria) == D("80.00")


def test_caller_decimal_context_does_not_change_results():
    import decimal

    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)):
        assert aggregate(WORKED, CRITERIA)["E1"].mean == D("65.00")
        assert review_total(ReviewScores("A", "E", {"a": 1, "b": 0}),
                            [Criterion("a", D(1)), Criterion("b", D(31))]) == D("0.63")


# --- per-reviewer normalisation ------------------------------------------------------------------
# One criterion, 0–5, weight 1: total = 20 * score.
ONE = [Criterion("q", D(1))]


def scored(reviewer, eoi, score):
    return ReviewScores(reviewer, eoi, {"q": score})


def test_normalisation_corrects_a_harsh_and_a_lenient_reviewer():
    # A (harsh): E1 20, E2 60 -> mean 40, sd 20.   B (lenient): E1 60, E2 100 -> mean 80, sd 20.
    # Pooled totals 20, 60, 60, 100: mean 60, variance (1600 + 0 + 0 + 1600) / 4 = 800,
    # sd = sqrt(800) = 28.2842712...
    # Both reviewers: E1 z = -1 -> 60 - 28.2843 = 31.7157 -> 31.72; E2 z = +1 -> 88.2843 -> 88.28.
    reviews = [scored("A", "E1", 1), scored("A", "E2", 3), scored("B", "E1", 3), scored("B", "E2", 5)]
    results = aggregate(reviews, ONE, normalise=True)

    assert [r.normalised_total for r in results["E1"].reviews] == [D("31.72"), D("31.72")]
    assert [r.normalised_total for r in results["E2"].reviews] == [D("88.28"), D("88.28")]
    assert (results["E1"].mean, results["E1"].normalised_mean) == (D("40.00"), D("31.72"))
    assert (results["E2"].mean, results["E2"].normalised_mean) == (D("80.00"), D("88.28"))
    # raw figures are untouched: the reviewers still disagree by 40 points on each EOI
    assert results["E1"].spread == D("40.00") and results["E1"].disagreement is True


def test_normalisation_leaves_single_review_and_zero_variance_reviewers_unchanged():
    # A: E1 20, E2 60 (mean 40, sd 20); C: only E1, 40; D: E1 60 and E2 60 (zero variance).
    # Pooled totals 20, 60, 40, 60, 60: mean 48; deviations -28, 12, -8, 12, 12;
    # variance (784 + 144 + 64 + 144 + 144) / 5 = 256; sd 16.
    # A: E1 z = -1 -> 48 - 16 = 32; E2 z = +1 -> 64. C and D keep 40, 60, 60.
    reviews = [scored("A", "E1", 1), scored("A", "E2", 3), scored("C", "E1", 2),
               scored("D", "E1", 3), scored("D", "E2", 3)]
    results = aggregate(reviews, ONE, normalise=True)

    assert [(r.reviewer_id, r.normalised_total) for r in results["E1"].reviews] == [
        ("A", D("32.00")), ("C", D("40.00")), ("D", D("60.00"))]
    assert [(r.reviewer_id, r.normalised_total) for r in results["E2"].reviews] == [
        ("A", D("64.00")), ("D", D("60.00"))]
    # E1: (32 + 40 + 60) / 3 = 44; E2: (64 + 60) / 2 = 62
    assert (results["E1"].normalised_mean, results["E2"].normalised_mean) == (D("44.00"), D("62.00"))


def test_normalisation_clamps_to_the_scale():
    # A: E1 0, E2 100 (mean 50, sd 50); B: E3 100, E4 100 (zero variance: unchanged).
    # Pooled 0, 100, 100, 100: mean 75, variance (5625 + 3 * 625) / 4 = 1875, sd 43.3012701...
    # A on E2: 75 + 43.30 = 118.30 -> clamped to 100; A on E1: 75 - 43.3013 = 31.6987 -> 31.70.
    reviews = [scored("A", "E1", 0), scored("A", "E2", 5), scored("B", "E3", 5), scored("B", "E4", 5)]
    results = aggregate(reviews, ONE, normalise=True)
    assert results["E2"].normalised_mean == D("100.00")
    assert results["E1"].normalised_mean == D("31.70")


def test_normalisation_of_identical_reviewers_changes_nothing():
    # Two reviewers with the same totals on the same EOIs: their mean/sd equal the pooled ones.
    reviews = [scored(r, e, s) for r in ("A", "B") for e, s in (("E1", 1), ("E2", 2), ("E3", 4))]
    results = aggregate(reviews, ONE, normalise=True)
    assert [results[e].normalised_mean for e in ("E1", "E2", "E3")] == [D("20.00"), D("40.00"), D("80.00")]


# --- ranking and bad input -----------------------------------------------------------------------


def test_ranking_best_first_ties_by_id():
    reviews = [scored("A", "E2", 3), scored("A", "E1", 3), scored("A", "E3", 5), scored("A", "E0", 1)]
    results = aggregate(reviews, ONE)
    assert [r.eoi_id for r in ranking(results.values())] == ["E3", "E1", "E2", "E0"]


def test_ranking_by_normalised_mean():
    # A (lenient): E1 80, E2 100 (mean 90, sd 10); B (harsh): E3 40, E4 60 (mean 50, sd 10).
    # Raw order: E2, E1, E4, E3. Pooled 80, 100, 40, 60: mean 70, variance
    # (100 + 900 + 900 + 100) / 4 = 500, sd 22.3607. z = -1 -> 47.64 (E1, E3), z = +1 -> 92.36
    # (E2, E4): normalised order E2, E4 (tie, by id), then E1, E3.
    reviews = [scored("A", "E1", 4), scored("A", "E2", 5), scored("B", "E3", 2), scored("B", "E4", 3)]
    results = aggregate(reviews, ONE, normalise=True)
    assert [r.eoi_id for r in ranking(results.values())] == ["E2", "E1", "E4", "E3"]
    assert [r.eoi_id for r in ranking(results.values(), normalised=True)] == ["E2", "E4", "E1", "E3"]
    assert (results["E4"].normalised_mean, results["E1"].normalised_mean) == (D("92.36"), D("47.64"))


@pytest.mark.parametrize(
    "scores, message",
    [
        ({"reform": 4, "alignment": 3}, "not scored"),
        ({"reform": 4, "alignment": 3, "team": 6}, "outside"),
        ({"reform": -1, "alignment": 3, "team": 3}, "outside"),
        ({"reform": 4, "alignment": 3, "team": 3, "other": 1}, "unknown criteria"),
        ({"reform": 4.0, "alignment": 3, "team": 3}, "int or a Decimal"),
        ({"reform": True, "alignment": 3, "team": 3}, "int or a Decimal"),
    ],
)
def test_aggregate_rejects_bad_reviews(scores, message):
    with pytest.raises(ValueError, match=message):
        aggregate([ReviewScores("A", "E1", scores)], CRITERIA)


def test_aggregate_rejects_two_reviews_by_one_reviewer_of_one_eoi():
    with pytest.raises(ValueError, match="twice"):
        aggregate([WORKED[0], WORKED[0]], CRITERIA)


@pytest.mark.parametrize(
    "criteria, message",
    [
        ([], "at least one"),
        ([Criterion("a", D(0))], "not all be zero"),
        ([Criterion("a", D(-1)), Criterion("b", D(2))], "negative"),
        ([Criterion("a", 0.5)], "int or a Decimal"),
        ([Criterion("a", D(1), 5, 5)], "below max_score"),
        ([Criterion("a", D(1)), Criterion("a", D(1))], "unique"),
    ],
)
def test_aggregate_rejects_bad_criteria(criteria, message):
    with pytest.raises(ValueError, match=message):
        aggregate([], criteria)


def test_aggregate_without_reviews_is_empty():
    assert aggregate([], CRITERIA) == {}
