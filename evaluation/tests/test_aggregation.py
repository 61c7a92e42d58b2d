"""Aggregation through the real models and selectors, on numbers worked out by hand.

Criteria weigh 2, 1, 1 on 0–5, so total = 100 * (2*a/5 + b/5 + c/5) / 4 = 5 * (2a + b + c):
    R1 on Senegal (5, 3, 1) → 5 * 14 = 70      R2 on Senegal (4, 4, 4) → 5 * 16 = 80
    R1 on Ghana   (2, 3, 3) → 5 * 10 = 50      R2 on Ghana   (5, 4, 4) → 5 * 18 = 90
Senegal: mean 75, spread 10, criterion means 4.5, 3.5, 2.5.
Ghana:   mean 70, spread 40 (> threshold 20: flagged), criterion means 3.5, 3.5, 3.5.
Normalisation: pooled totals 70, 80, 50, 90 → mean 72.5, population sd √218.75 = 14.7902.
    R1 (70, 50: mean 60, sd 10): Senegal 72.5 + 14.7902 = 87.29, Ghana 72.5 − 14.7902 = 57.71
    R2 (80, 90: mean 85, sd 5):  Senegal 72.5 − 14.7902 = 57.71, Ghana 87.29
    normalised means: Senegal 72.50, Ghana 72.50.
"""

from decimal import Decimal as D

import pytest

from accounts.enums import Role
from evaluation import services
from evaluation.selectors.common import call_criteria, call_results

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked(make_user, country, other_country):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria(weights=(2, 1, 1))
    evaluations = under_review(call, [country, other_country], by=manager)
    r1, r2 = facilitator(full_name="Reviewer One"), facilitator(full_name="Reviewer Two")
    senegal, ghana = evaluations["SN"], evaluations["GH"]
    review(senegal, r1, (5, 3, 1))
    review(senegal, r2, (4, 4, 4))
    review(ghana, r1, (2, 3, 3))
    review(ghana, r2, (5, 4, 4))
    return call, manager, senegal, ghana


def test_call_results_match_hand_computed_figures(worked):
    call, manager, senegal, ghana = worked
    criteria = call_criteria(call)
    results, _figures = call_results(call, criteria, threshold=D(20))

    sn, gh = results[senegal.pk], results[ghana.pk]
    assert [r.total for r in sn.reviews] == [D("70.00"), D("80.00")]
    assert [r.total for r in gh.reviews] == [D("50.00"), D("90.00")]
    assert (sn.mean, sn.spread, sn.disagreement) == (D("75.00"), D("10.00"), False)
    assert (gh.mean, gh.spread, gh.disagreement) == (D("70.00"), D("40.00"), True)
    assert [sn.criterion_means[c.pk] for c in criteria] == [D("4.50"), D("3.50"), D("2.50")]
    assert [gh.criterion_means[c.pk] for c in criteria] == [D("3.50"), D("3.50"), D("3.50")]


def test_normalised_figures_match_hand_computed(worked):
    call, manager, senegal, ghana = worked
    results, _ = call_results(call, call_criteria(call), threshold=D(20), normalise=True)

    assert [r.normalised_total for r in results[senegal.pk].reviews] == [D("87.29"), D("57.71")]
    assert [r.normalised_total for r in results[ghana.pk].reviews] == [D("57.71"), D("87.29")]
    assert results[senegal.pk].normalised_mean == results[ghana.pk].normalised_mean == D("72.50")


def test_draft_reviews_do_not_count(worked):
    call, manager, senegal, ghana = worked
    review(senegal, facilitator(), (0, 0, 0), submit=False)
    results, _ = call_results(call, call_criteria(call), threshold=D(20))
    assert (results[senegal.pk].review_count, results[senegal.pk].mean) == (2, D("75.00"))


def test_review_of_a_reviewer_who_declares_a_conflict_stops_counting(worked, country):
    call, manager, senegal, ghana = worked
    r1 = senegal.reviews.get(reviewer__full_name="Reviewer One").reviewer
    services.conflict_declare(reviewer=r1, country=country, reason="Former adviser.", by=r1)

    results, _ = call_results(call, call_criteria(call), threshold=D(20))
    assert (results[senegal.pk].review_count, results[senegal.pk].mean) == (1, D("80.00"))


def test_ranking_page_shows_the_hand_computed_figures(worked, client):
    call, manager, senegal, ghana = worked
    client.force_login(manager)
    response = client.get(f"/evaluation/calls/{call.pk}/ranking/", {"normalised": "on"})

    rows = response.context["rows"]
    assert [(row.evaluation.pk, row.rank, row.mean) for row in rows] == [
        (senegal.pk, 1, D("75.00")), (ghana.pk, 2, D("70.00"))]
    content = response.content.decode()
    for figure in ("75.00", "70.00", "40.00", "87.29", "57.71", "72.50", "4.50"):
        assert figure in content
    assert "to discuss" in content
