"""The automatic eligibility checklist, overrides with their reason and history."""

from datetime import timedelta

import pytest

from accounts.enums import Role
from countries.enums import MembershipLevel
from countries.tests.factories import CountryFactory
from eoi.models import TeamMember
from evaluation import services
from evaluation.enums import EligibilityItem, EvaluationState
from evaluation.models import Assignment, Evaluation

from .factories import call_with_criteria, facilitator, submitted_eoi, under_review

pytestmark = pytest.mark.django_db


def _checks(evaluation):
    return {check.item: check.met for check in evaluation.checks.all()}


def test_complete_eoi_on_time_from_a_member_country_is_eligible(make_user, country):
    evaluation = under_review(call_with_criteria(), [country], by=make_user(Role.MANAGER))["SN"]
    assert _checks(evaluation) == {item: True for item in EligibilityItem.values}
    assert evaluation.eligible and evaluation.team_size == 4


def test_each_failing_item_is_found(make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria(eligible_membership_levels=["full"])
    outsider = CountryFactory(code="BF", membership_level=MembershipLevel.NONE)
    eoi = submitted_eoi(call, outsider, members=3, submitted_at=call.deadline + timedelta(minutes=1))
    eoi.answers.filter(question__key="efforts").update(text="")
    TeamMember.objects.filter(eoi=eoi, slot=2).update(profile=None)
    eoi.contact_email = ""
    eoi.save()
    evaluation = services.evaluations_start(call=call, by=manager)[0]

    assert _checks(evaluation) == {item: False for item in EligibilityItem.values}
    assert not evaluation.eligible
    descriptions = {c.item: c.facts for c in evaluation.checks.all()}
    assert descriptions[EligibilityItem.COMPLETE] == {"unanswered": [2]}
    assert descriptions[EligibilityItem.TEAM_SIZE] == {"members": 3, "min": 4, "max": 5}
    assert descriptions[EligibilityItem.MEMBERS_PROFILED] == {"slots": [2]}
    assert descriptions[EligibilityItem.CONTACT_COMPLETE] == {"missing": ["email"]}


def test_extended_deadline_counts_as_on_time(make_user, country):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    eoi = submitted_eoi(call, country, submitted_at=call.deadline + timedelta(days=1))
    eoi.deadline_extended_to = call.deadline + timedelta(days=2)
    eoi.save()
    evaluation = services.evaluations_start(call=call, by=manager)[0]
    assert evaluation.checks.get(item=EligibilityItem.ON_TIME).met


def test_override_needs_a_reason_and_is_recorded(client, make_user, country):
    manager = make_user(Role.MANAGER)
    me = facilitator()
    evaluation = under_review(call_with_criteria(), [country], by=manager)["SN"]
    Assignment.objects.create(evaluation=evaluation, reviewer=me)
    client.force_login(me)
    url = f"/evaluation/eois/{evaluation.pk}/eligibility/on_time/"

    response = client.post(url, {"met": "no", "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    response = client.post(url, {"met": "no", "reason": "The e-mailed version arrived two days late."})
    assert response.status_code == 302

    evaluation.refresh_from_db()
    check = evaluation.checks.get(item="on_time")
    assert (check.passed, check.override, check.met, check.overridden_by) == (True, False, False, me)
    assert not evaluation.eligible
    assert check.history.first().override_reason == "The e-mailed version arrived two days late."
    assert check.history.first().history_user == me
    page = client.get(f"/evaluation/eois/{evaluation.pk}/").content.decode()
    assert "The e-mailed version arrived two days late." in page


def test_overriding_a_shortlisted_eoi_to_ineligible_takes_it_off_the_shortlist(make_user, country):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluation = under_review(call, [country], by=manager)["SN"]
    services.shortlist_set(call=call, shortlisted_ids=[evaluation.pk], by=manager)
    check = evaluation.checks.get(item="team_size")
    services.eligibility_override(check=check, met=False, reason="Two members are the same person.", by=manager)
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    assert (evaluation.state, evaluation.eligible) == (EvaluationState.UNDER_REVIEW, False)

    services.eligibility_override(check=evaluation.checks.get(item="team_size"), met=None, reason="", by=manager)
    assert Evaluation.objects.get(pk=evaluation.pk).eligible


def test_an_override_can_make_an_eoi_eligible(make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria(eligible_membership_levels=["full"])
    eoi = submitted_eoi(call, CountryFactory(code="LA", membership_level=MembershipLevel.ASSOCIATE))
    evaluation = services.evaluations_start(call=call, by=manager)[0]
    assert not evaluation.eligible
    services.eligibility_override(check=evaluation.checks.get(item="country_eligible"), met=True,
                                  reason="Became a full member before the deadline.", by=manager)
    assert Evaluation.objects.get(eoi=eoi).eligible


def test_starting_twice_creates_nothing_more(make_user, country):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    under_review(call, [country], by=manager)
    assert services.evaluations_start(call=call, by=manager) == []
    assert Evaluation.objects.count() == 1
