"""Assigning facilitators (all, or a balanced share) and conflicts of interest."""

from collections import Counter

import pytest

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.enums import AssignmentMode, ReviewState
from evaluation.models import Assignment, Conflict, Review

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db

CODES = ["KE", "GH", "NG", "SN", "ML", "VN", "ID"]


@pytest.fixture
def call_of_seven(make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluations = under_review(call, [CountryFactory(code=code) for code in CODES], by=manager)
    return call, manager, evaluations


def test_assign_all_gives_every_facilitator_every_eoi(call_of_seven):
    call, manager, evaluations = call_of_seven
    team = [facilitator(), facilitator()]
    created = services.assignments_make(call=call, reviewers=team, mode=AssignmentMode.ALL, by=manager)
    assert len(created) == 14
    assert services.assignments_make(call=call, reviewers=team, mode=AssignmentMode.ALL, by=manager) == []


def test_balanced_share_gives_each_eoi_its_reviewers_and_each_facilitator_a_fair_load(call_of_seven):
    call, manager, evaluations = call_of_seven
    team = [facilitator() for _ in range(3)]
    services.assignments_make(call=call, reviewers=team, mode=AssignmentMode.BALANCED, per_eoi=2, by=manager)

    per_eoi = Counter(Assignment.objects.values_list("evaluation_id", flat=True))
    per_reviewer = Counter(Assignment.objects.values_list("reviewer_id", flat=True))
    assert set(per_eoi.values()) == {2}
    assert sorted(per_reviewer.values()) == [4, 5, 5]  # 14 reviews over 3 people


def test_balanced_share_skips_conflicts(call_of_seven):
    call, manager, evaluations = call_of_seven
    team = [facilitator(), facilitator()]
    kenya = evaluations["KE"].eoi.country
    services.conflict_declare(reviewer=team[0], country=kenya, reason="Worked for its ministry.", by=team[0])
    services.assignments_make(call=call, reviewers=team, mode=AssignmentMode.BALANCED, per_eoi=2, by=manager)
    assert list(Assignment.objects.filter(evaluation=evaluations["KE"]).values_list("reviewer", flat=True)) == [
        team[1].pk]


def test_declaring_a_conflict_removes_assignment_and_draft(call_of_seven, client):
    call, manager, evaluations = call_of_seven
    me = facilitator()
    kenya = evaluations["KE"]
    review(kenya, me, (1, 1, 1), submit=False)
    client.force_login(me)
    response = client.post("/evaluation/conflicts/", {"country": kenya.eoi.country.pk,
                                                      "reason": "My spouse works at its Ministry of Health."})
    assert response.status_code == 302
    assert Conflict.objects.get(reviewer=me).reason == "My spouse works at its Ministry of Health."
    assert not Assignment.objects.filter(reviewer=me, evaluation=kenya).exists()
    assert not Review.objects.filter(reviewer=me, evaluation=kenya, state=ReviewState.DRAFT).exists()
    assert client.get(f"/evaluation/eois/{kenya.pk}/").status_code == 404


def test_conflict_form_requires_a_reason_and_keeps_the_choice(call_of_seven, client):
    call, manager, evaluations = call_of_seven
    me = facilitator()
    client.force_login(me)
    country = evaluations["GH"].eoi.country
    response = client.post("/evaluation/conflicts/", {"country": country.pk, "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert response.context["form"]["country"].value() == str(country.pk)
    assert not Conflict.objects.exists()


def test_manager_can_remove_an_assignment_but_not_after_a_submitted_review(call_of_seven, client):
    call, manager, evaluations = call_of_seven
    me = facilitator()
    services.assignments_make(call=call, reviewers=[me], mode=AssignmentMode.ALL, by=manager)
    review(evaluations["KE"], me, (2, 2, 2))
    client.force_login(manager)
    kept = Assignment.objects.get(reviewer=me, evaluation=evaluations["KE"])
    removed = Assignment.objects.get(reviewer=me, evaluation=evaluations["GH"])
    client.post(f"/evaluation/assignments/{removed.pk}/remove/")
    client.post(f"/evaluation/assignments/{kept.pk}/remove/")
    assert list(Assignment.objects.filter(reviewer=me, evaluation__in=[evaluations["KE"], evaluations["GH"]])) == [kept]


def test_only_facilitators_can_be_assigned(call_of_seven, make_user):
    call, manager, evaluations = call_of_seven
    with pytest.raises(services.NotAllowed):
        services.assignments_make(call=call, reviewers=[make_user(Role.STEERING)], mode=AssignmentMode.ALL, by=manager)
