"""The ranking page: filters, sorting, hidden scores, and a constant number of queries."""

import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.selectors import ranking as ranking_selectors
from evaluation.models import Assignment, EvaluationSettings

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db

MANY_CODES = ["KE", "GH", "NG", "SN", "ML", "VN", "ID", "PH"]


def _call_with(manager, codes, reviewers, regions=None):
    call = call_with_criteria()
    countries = [CountryFactory(code=code, region=(regions or {}).get(code, "africa")) for code in codes]
    evaluations = under_review(call, countries, by=manager)
    for index, code in enumerate(codes):
        for number, reviewer in enumerate(reviewers):
            review(evaluations[code], reviewer, ((index + number) % 6, 3, (index * 2) % 6))
    return call, evaluations


def _ranking_queries(client, user, call, params=None):
    client.force_login(user)
    url = f"/evaluation/calls/{call.pk}/ranking/"
    client.get(url, params or {})  # warm up the session and the content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("params", [{}, {"normalised": "on", "sort": "spread", "eligibility": "all"}])
def test_ranking_query_count_constant_for_the_manager(client, make_user, params):
    manager = make_user(Role.MANAGER)
    small, _ = _call_with(manager, ["KE"], [facilitator()])
    large, _ = _call_with(manager, MANY_CODES, [facilitator() for _ in range(4)])

    few, small_page = _ranking_queries(client, manager, small, params)
    many, large_page = _ranking_queries(client, manager, large, params)
    assert len(small_page.context["rows"]) == 1 and len(large_page.context["rows"]) == len(MANY_CODES)
    # Session and user (2), call, criteria, the filtered EOIs with their country and call, the
    # call's submitted scores (4).
    assert few == many == 6


def test_ranking_query_count_constant_for_a_facilitator(client, make_user):
    manager = make_user(Role.MANAGER)
    one, many_reviewers = facilitator(), [facilitator() for _ in range(4)]
    small, _ = _call_with(manager, ["KE"], [one])
    large, _ = _call_with(manager, MANY_CODES, [one, *many_reviewers])

    few, small_page = _ranking_queries(client, one, small)
    many, large_page = _ranking_queries(client, one, large)
    assert len(large_page.context["rows"]) == len(MANY_CODES)
    assert few == many


def test_facilitator_sees_only_assigned_non_conflicted_eois(client, make_user):
    manager = make_user(Role.MANAGER)
    me = facilitator()
    call, evaluations = _call_with(manager, ["KE", "GH", "NG"], [facilitator()])
    Assignment.objects.create(evaluation=evaluations["KE"], reviewer=me)
    Assignment.objects.create(evaluation=evaluations["GH"], reviewer=me)
    services.conflict_declare(reviewer=me, country=evaluations["GH"].eoi.country, reason="Adviser.", by=me)
    client.force_login(me)
    rows = client.get(f"/evaluation/calls/{call.pk}/ranking/").context["rows"]
    assert [row.evaluation.eoi.country.code.code for row in rows] == ["KE"]


def test_scores_hidden_until_own_review_submitted_when_the_call_says_so(client, make_user):
    manager = make_user(Role.MANAGER)
    me = facilitator()
    call, evaluations = _call_with(manager, ["KE"], [facilitator()])
    kenya = evaluations["KE"]
    Assignment.objects.create(evaluation=kenya, reviewer=me)
    client.force_login(me)

    row = client.get(f"/evaluation/calls/{call.pk}/ranking/").context["rows"][0]
    assert (row.visible, row.mean) == (False, None)
    page = client.get(f"/evaluation/eois/{kenya.pk}/")
    assert page.context["page"].others is None
    assert "hidden until you submit" in page.content.decode()

    review(kenya, me, (5, 5, 5), submit=False)
    assert client.get(f"/evaluation/eois/{kenya.pk}/").context["page"].others is None  # a draft is not enough
    review(kenya, me, (5, 5, 5))
    row = client.get(f"/evaluation/calls/{call.pk}/ranking/").context["rows"][0]
    assert row.visible and row.result.review_count == 2
    assert len(client.get(f"/evaluation/eois/{kenya.pk}/").context["page"].others) == 1


def test_scores_visible_at_once_when_the_call_does_not_hide_them(client, make_user):
    manager = make_user(Role.MANAGER)
    me = facilitator()
    call, evaluations = _call_with(manager, ["KE"], [facilitator()])
    EvaluationSettings.objects.filter(call=call).update(hide_scores_until_submitted=False)
    Assignment.objects.create(evaluation=evaluations["KE"], reviewer=me)
    client.force_login(me)
    assert client.get(f"/evaluation/calls/{call.pk}/ranking/").context["rows"][0].visible


def test_ranking_filters_and_sorting(client, make_user):
    manager = make_user(Role.MANAGER)
    regions = {"VN": "asia", "ID": "asia"}
    call, evaluations = _call_with(manager, ["KE", "VN", "ID", "GH"], [facilitator(), facilitator()], regions)
    check = evaluations["GH"].checks.get(item="country_eligible")
    services.eligibility_override(check=check, met=False, reason="Not a member.", by=manager)
    client.force_login(manager)
    url = f"/evaluation/calls/{call.pk}/ranking/"

    default = [row.evaluation.eoi.country.code.code for row in client.get(url).context["rows"]]
    assert "GH" not in default and len(default) == 3  # ineligible EOIs leave the ranking
    with_ineligible = client.get(url, {"eligibility": "all"}).context["rows"]
    ghana = next(row for row in with_ineligible if row.evaluation.eoi.country.code == "GH")
    assert ghana.rank is None and ghana.result is not None
    asia = [row.evaluation.eoi.country.code.code for row in client.get(url, {"region": "asia"}).context["rows"]]
    assert sorted(asia) == ["ID", "VN"]

    by_mean = client.get(url, {"sort": "mean"}).context["rows"]
    means = [row.mean for row in by_mean]
    assert means == sorted(means, reverse=True) and [row.rank for row in by_mean] == [1, 2, 3]
    by_spread = [row.result.spread for row in client.get(url, {"sort": "spread"}).context["rows"]]
    assert by_spread == sorted(by_spread, reverse=True)
    by_country = [str(row.evaluation.eoi.country.name) for row in client.get(url, {"sort": "country"}).context["rows"]]
    assert by_country == sorted(by_country)


def test_flagged_filter_keeps_only_disagreements(client, make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluations = under_review(call, [CountryFactory(code="KE"), CountryFactory(code="GH")], by=manager)
    a, b = facilitator(), facilitator()
    review(evaluations["KE"], a, (5, 5, 5))
    review(evaluations["KE"], b, (1, 1, 1))  # 100 vs 20: spread 80
    review(evaluations["GH"], a, (3, 3, 3))
    review(evaluations["GH"], b, (3, 3, 4))  # 60 vs 66.67
    client.force_login(manager)
    rows = client.get(f"/evaluation/calls/{call.pk}/ranking/", {"flagged": "on"}).context["rows"]
    assert [(row.evaluation.eoi.country.code, row.result.spread) for row in rows] == [("KE", D("80.00"))]


def test_ranking_speaks_french(client, make_user):
    manager = make_user(Role.MANAGER, language="fr")
    call, _ = _call_with(manager, ["SN"], [facilitator()])
    client.force_login(manager)
    content = client.get(f"/evaluation/calls/{call.pk}/ranking/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Classement" in content and "Moyenne" in content and "Sénégal" in content


def test_ranking_pages_continue_the_ranks_and_keep_the_filters(client, make_user, monkeypatch):
    monkeypatch.setattr(ranking_selectors, "RANKING_PAGE_SIZE", 3)
    manager = make_user(Role.MANAGER)
    regions = {code: ("asia" if code in ("VN", "ID", "PH") else "africa") for code in MANY_CODES}
    call, _ = _call_with(manager, MANY_CODES, [facilitator(), facilitator()], regions)
    client.force_login(manager)
    url = f"/evaluation/calls/{call.pk}/ranking/"

    first, second, third = (client.get(url, {"page": number}).context for number in (1, 2, 3))
    assert [row.rank for row in first["rows"]] == [1, 2, 3]
    assert [row.rank for row in second["rows"]] == [4, 5, 6]
    assert [row.rank for row in third["rows"]] == [7, 8]
    assert first["page_obj"].paginator.count == len(MANY_CODES)
    # The figures are those of the whole call, whatever the page.
    means = [row.mean for context in (first, second, third) for row in context["rows"]]
    assert means == sorted(means, reverse=True)

    asia = client.get(url, {"region": "asia", "sort": "country", "page": 1})
    assert [str(row.evaluation.eoi.country.name) for row in asia.context["rows"]] == sorted(
        str(row.evaluation.eoi.country.name) for row in asia.context["rows"])
    assert {row.evaluation.eoi.country.code.code for row in asia.context["rows"]} == {"VN", "ID", "PH"}
    # The "Next" link keeps the sort and the filters.
    page_two = client.get(url, {"sort": "spread", "eligibility": "all", "page": 2}).content.decode()
    next_link = re.findall(r'href="(\?[^"]*)"', page_two)[-1].replace("&amp;", "&")
    assert next_link.count("page=") == 1  # replaced, not added to the current page's
    following = client.get(url + next_link).context
    assert following["page_obj"].number == 3 and following["filter"].form.cleaned_data["sort"] == "spread"
    assert following["filter"].form.cleaned_data["eligibility"] == "all"
    spreads = [row.result.spread for number in (1, 2, 3)
               for row in client.get(url, {"sort": "spread", "page": number}).context["rows"]]
    assert spreads == sorted(spreads, reverse=True)


def test_ranking_export_holds_every_page(client, make_user, monkeypatch):
    monkeypatch.setattr(ranking_selectors, "RANKING_PAGE_SIZE", 3)
    manager = make_user(Role.MANAGER)
    call, _ = _call_with(manager, MANY_CODES, [facilitator()])
    client.force_login(manager)
    response = client.get(f"/evaluation/calls/{call.pk}/ranking/export.csv", {"page": 2})
    assert len(response.content.decode().strip().splitlines()) == 1 + len(MANY_CODES)
