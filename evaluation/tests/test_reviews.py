"""Reviewing an EOI: the page beside the form, drafts, submitting, validation, history, the home page."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.enums import ReviewState
from evaluation.models import Assignment, Review, Score

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(make_user, country):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluation = under_review(call, [country], by=manager)["SN"]
    me = facilitator()
    Assignment.objects.create(evaluation=evaluation, reviewer=me)
    criteria = list(call.criteria.order_by("order"))
    return evaluation, me, criteria


def _form(criteria, scores, comments=None, **extra):
    data = dict(extra)
    for index, criterion in enumerate(criteria):
        if scores[index] is not None:
            data[f"score_{criterion.pk}"] = str(scores[index])
        data[f"comment_{criterion.pk}"] = (comments or ["Because."] * len(criteria))[index]
    return data


def test_review_page_shows_answers_team_and_composition_beside_the_form(client, assigned):
    evaluation, me, criteria = assigned
    client.force_login(me)
    response = client.get(f"/evaluation/eois/{evaluation.pk}/")
    content = response.content.decode()
    assert "A short and relevant answer." in content  # the EOI's answers
    assert "Member 1" in content and "Institution 2" in content  # its team
    assert "Participant profiles covered: 4 of 5" in content  # composition metrics
    assert "Women: 2; men: 2" in content
    assert "Level 3" in content  # the rubric as the score choices
    assert response.context["form"] is not None


def test_draft_then_submit(client, assigned):
    evaluation, me, criteria = assigned
    client.force_login(me)
    url = f"/evaluation/eois/{evaluation.pk}/"

    response = client.post(url, _form(criteria, [4, None, None], ["Good.", "", ""], draft="1"))
    assert response.status_code == 302
    draft = Review.objects.get(evaluation=evaluation, reviewer=me)
    assert draft.state == ReviewState.DRAFT
    assert [(s.value, s.comment) for s in draft.scores.order_by("criterion__order")] == [(4, "Good."), (None, ""), (None, "")]

    response = client.post(url, _form(criteria, [4, 3, 5], submit="1"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == ReviewState.SUBMITTED and draft.submitted_at is not None
    assert [s.value for s in draft.scores.order_by("criterion__order")] == [4, 3, 5]


def test_submitting_needs_every_score_and_comment_and_keeps_the_input(client, assigned):
    evaluation, me, criteria = assigned
    client.force_login(me)
    response = client.post(f"/evaluation/eois/{evaluation.pk}/",
                           _form(criteria, [4, None, 2], ["Kept text.", "x", ""], submit="1"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors[f"score_{criteria[1].pk}"] == ["Score this criterion before submitting."]
    assert errors[f"comment_{criteria[2].pk}"] == ["Explain the score in a comment before submitting."]
    assert "Kept text." in response.content.decode()
    assert not Review.objects.filter(state=ReviewState.SUBMITTED).exists()


def test_service_refuses_a_score_outside_the_scale(assigned):
    evaluation, me, criteria = assigned
    entries = {c.pk: (3, "ok") for c in criteria}
    entries[criteria[0].pk] = (6, "too high")
    with pytest.raises(ValidationError) as error:
        services.review_save(evaluation=evaluation, reviewer=me, entries=entries, submit=True)
    assert f"score_{criteria[0].pk}" in error.value.message_dict


def test_unassigned_facilitator_cannot_save_a_review(assigned):
    evaluation, _me, criteria = assigned
    with pytest.raises(services.NotAllowed):
        services.review_save(evaluation=evaluation, reviewer=facilitator(), entries={}, submit=False)


def test_every_change_to_a_score_is_in_the_history(assigned):
    evaluation, me, criteria = assigned
    review(evaluation, me, (3, 3, 3))
    review(evaluation, me, (4, 3, 3), comment="Revised after the country's answer.")
    score = Score.objects.get(review__reviewer=me, criterion=criteria[0])
    assert [h.value for h in score.history.order_by("history_date")] == [3, 4]
    assert score.history.first().history_user == me


def test_facilitator_home_lists_assigned_eois_with_review_state(client, make_user):
    manager = make_user(Role.MANAGER)
    me = facilitator()
    call = call_with_criteria()
    evaluations = under_review(call, [CountryFactory(code=c) for c in ("KE", "GH", "NG")], by=manager)
    services.assignments_make(call=call, reviewers=[me], mode="all", by=manager)
    review(evaluations["KE"], me, (1, 2, 3))
    review(evaluations["GH"], me, (1, 2, 3), submit=False)
    client.force_login(me)
    response = client.get("/evaluation/")
    states = {a.evaluation.eoi.country.code.code: (a.own_review.state if a.own_review else None)
              for a in response.context["assignments"]}
    assert states == {"KE": ReviewState.SUBMITTED, "GH": ReviewState.DRAFT, "NG": None}
    content = response.content.decode()
    assert "Not started" in content and "Draft" in content and "Submitted" in content


def test_facilitator_home_query_count_constant(client, make_user):
    manager = make_user(Role.MANAGER)
    me = facilitator()
    counts = []
    for codes in (["KE"], ["GH", "NG", "SN", "ML", "VN", "ID"]):
        call = call_with_criteria()
        evaluations = under_review(call, [CountryFactory(code=c) for c in codes], by=manager)
        services.assignments_make(call=call, reviewers=[me], mode="all", by=manager)
        for evaluation in evaluations.values():
            review(evaluation, me, (1, 2, 3))
        client.force_login(me)
        client.get("/evaluation/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/evaluation/")
        counts.append(len(queries))
    assert counts[0] == counts[1]
