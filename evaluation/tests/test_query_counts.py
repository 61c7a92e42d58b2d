"""Every list page of the review runs the same number of queries for 1 EOI × 1
reviewer as for many EOIs × many reviewers (the ranking and the facilitator's
home have their own tests)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db

PAGES = ["call", "assignments", "shortlist", "decisions", "finalise", "criteria"]


def _call(manager, codes, reviewers):
    call = call_with_criteria()
    evaluations = under_review(call, [CountryFactory(code=code) for code in codes], by=manager)
    for index, evaluation in enumerate(evaluations.values()):
        for number, reviewer in enumerate(reviewers):
            review(evaluation, reviewer, ((index + number) % 6, 2, 4))
        services.clarification_ask(evaluation=evaluation, question="Which regions?", by=reviewers[0])
    services.shortlist_set(call=call, shortlisted_ids=[e.pk for e in list(evaluations.values())[:1]], by=manager)
    return call


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_manager_pages_query_count_constant(client, make_user, page):
    manager = make_user(Role.MANAGER)
    small = _call(manager, ["KE"], [facilitator()])
    large = _call(manager, ["GH", "NG", "SN", "ML", "VN", "ID"], [facilitator() for _ in range(3)])
    client.force_login(manager)
    assert _count(client, f"/evaluation/calls/{small.pk}/{page}/".replace("/call/", "/")) == _count(
        client, f"/evaluation/calls/{large.pk}/{page}/".replace("/call/", "/"))


def test_call_list_query_count_constant(client, make_user):
    manager = make_user(Role.MANAGER)
    _call(manager, ["KE"], [facilitator()])
    client.force_login(manager)
    few = _count(client, "/evaluation/calls/")
    _call(manager, ["GH", "NG"], [facilitator(), facilitator()])
    assert _count(client, "/evaluation/calls/") == few


def test_country_page_query_count_constant(client, make_user, country):
    manager = make_user(Role.MANAGER)
    focal = make_user(Role.FOCAL_POINT, countries=[country])
    _call(manager, ["SN"], [facilitator()])
    client.force_login(focal)
    few = _count(client, "/evaluation/country/")
    for _ in range(3):
        _call(manager, ["SN"], [facilitator()])
    assert _count(client, "/evaluation/country/") == few
