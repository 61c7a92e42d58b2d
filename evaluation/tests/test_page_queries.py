"""The evaluation's main pages run a fixed number of queries, nothing cached, whatever the
number of EOIs and reviews (one EOI with one review, or eight with four reviews each; the
feedback page: test_feedback_pages.py).

Every signed-in request costs 2 of them: the session and the user (the session is renewed at
most once a minute, jln_portal/sessions.py: not on the measured request)."""

import pytest

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.enums import Decision
from evaluation.models import Assignment

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db

SIZES = {"few": (["KE"], 1), "many": (["KE", "GH", "NG", "SN", "ML", "VN", "ID", "PH"], 4)}


def _call(manager, me, size):
    """A call whose EOIs `me` reviews (submitted) beside `others` facilitators each; the
    first EOI shortlisted and selected, the others not selected, with feedback."""
    codes, others = SIZES[size]
    call = call_with_criteria(target_teams=8, max_participants=40)
    evaluations = list(under_review(call, [CountryFactory(code=code) for code in codes], by=manager).values())
    reviewers = [facilitator() for _ in range(others)]
    for index, evaluation in enumerate(evaluations):
        review(evaluation, me, (index % 6, 3, 4))
        for number, reviewer in enumerate(reviewers):
            review(evaluation, reviewer, ((index + number) % 6, 2, 5))
        services.clarification_ask(evaluation=evaluation, question="Which regions?", by=me)
    services.shortlist_set(call=call, shortlisted_ids=[evaluations[0].pk], by=manager)
    for number, evaluation in enumerate(evaluations):
        services.decision_set(evaluation=evaluation, decision=Decision.SELECTED if number == 0 else
                              Decision.NOT_SELECTED, by=manager, feedback_en="Thank you.", feedback_fr="Merci.")
    return call, evaluations[-1]


def _assert_queries(client, django_assert_num_queries, user, url, count):
    client.force_login(user)
    client.get(url)  # the session and the content types, as on any later request
    with django_assert_num_queries(count):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("page", "count"), [
    # decisions: + the notes on the final record, the call's meetings (each one's participants list);
    # finalise: + stale feedback, unanswered questions, submitted reviews per EOI (its warnings)
    ("ranking", 6), ("shortlist", 6), ("decisions", 6), ("finalise", 8),
])
def test_manager_pages(client, make_user, django_assert_num_queries, size, page, count):
    manager = make_user(Role.MANAGER)
    call, _evaluation = _call(manager, facilitator(), size)
    _assert_queries(client, django_assert_num_queries, manager, f"/evaluation/calls/{call.pk}/{page}/", count)


@pytest.mark.parametrize("size", SIZES)
def test_ranking_of_a_facilitator(client, make_user, django_assert_num_queries, size):
    """One more than the manager's: the facilitator's facts for the rules."""
    me = facilitator()
    call, _evaluation = _call(make_user(Role.MANAGER), me, size)
    _assert_queries(client, django_assert_num_queries, me, f"/evaluation/calls/{call.pk}/ranking/", 7)


@pytest.mark.parametrize("size", SIZES)
def test_review_form(client, make_user, django_assert_num_queries, size):
    """The page's own 12: the evaluation with its EOI, country, call and settings; the checklist;
    the questions to the country; the reviews the user may read and their scores; the criteria
    and their rubric; the selection factors; the team and the call's profiles; the questions
    with this EOI's answers; the facilitator's facts for the rules."""
    me = facilitator()
    call, evaluation = _call(make_user(Role.MANAGER), me, size)
    Assignment.objects.get_or_create(evaluation=evaluation, reviewer=me)
    _assert_queries(client, django_assert_num_queries, me, f"/evaluation/eois/{evaluation.pk}/", 14)
