"""Disagreement flagged per criterion, not only on totals (issue 14, "the panel's tools"): two
reviews with close totals that read one criterion very differently are brought to the panel."""

from decimal import Decimal as D
from io import BytesIO

import pytest
from openpyxl import load_workbook

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation.scoring import Criterion, ReviewScores, aggregate

from .factories import call_with_criteria, facilitator, review, under_review

CRITERIA = [Criterion("a", weight=D(1)), Criterion("b", weight=D(1)), Criterion("c", weight=D(1), max_score=3)]


def _result(first, second, threshold=D(20)):
    reviews = [ReviewScores("R1", "E", dict(zip("abc", first))), ReviewScores("R2", "E", dict(zip("abc", second)))]
    return aggregate(reviews, CRITERIA, disagreement_threshold=threshold)["E"]


def test_criterion_flagged_when_totals_agree():
    # Totals 100*(4/5 + 2/5 + 2/3)/3 = 62.22 and 100*(2/5 + 4/5 + 2/3)/3 = 62.22: no spread at all,
    # but criteria a and b are 2 points apart on 0–5 (40 points out of 100 > 20).
    result = _result((4, 2, 2), (2, 4, 2))
    assert (result.spread, result.disagreement) == (D("0.00"), False)
    assert result.criterion_disagreements == {"a", "b"}
    assert result.criterion_spreads == {"a": D("2.00"), "b": D("2.00"), "c": D("0.00")}
    assert result.flagged is True


def test_criterion_threshold_is_strict_and_on_the_criterion_scale():
    # One step on 0–5 is 20 points: not above 20. One step on 0–3 is 33.33: above.
    result = _result((3, 3, 1), (4, 3, 2))
    assert result.criterion_disagreements == {"c"}
    assert _result((3, 3, 1), (4, 3, 1)).flagged is False
    assert _result((4, 2, 2), (2, 4, 2), threshold=None).criterion_disagreements == frozenset()


def test_single_review_never_flagged_per_criterion():
    result = aggregate([ReviewScores("R1", "E", {"a": 0, "b": 5, "c": 3})], CRITERIA)["E"]
    assert result.criterion_disagreements == frozenset() and not result.flagged


@pytest.mark.django_db
def test_ranking_page_and_export_flag_the_criterion(client, make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluations = under_review(call, [CountryFactory(code="KE"), CountryFactory(code="GH")], by=manager)
    first, second = facilitator(), facilitator()
    review(evaluations["KE"], first, (5, 1, 3))
    review(evaluations["KE"], second, (1, 5, 3))  # same totals (60), criteria 1 and 2 four points apart
    review(evaluations["GH"], first, (3, 3, 3))
    review(evaluations["GH"], second, (3, 3, 3))
    client.force_login(manager)
    url = f"/evaluation/calls/{call.pk}/ranking/"
    rows = client.get(url, {"flagged": "on"}).context["rows"]
    assert [str(row.evaluation.eoi.country.code) for row in rows] == ["KE"]
    content = client.get(url).content.decode()
    assert content.count("data-criterion-disagreement") == 2
    assert "to discuss: scores 4 apart" in content
    sheet = load_workbook(BytesIO(client.get(f"{url}export.xlsx").content)).active
    table = list(sheet.values)
    column = table[0].index("Criteria where reviewers disagree")
    by_country = {line[1]: line[column] for line in table[1:]}
    assert by_country == {"Kenya": "1, 2", "Ghana": None}
