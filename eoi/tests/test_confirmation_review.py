"""The panel sees who has not answered (issue 17): the review page shows each member's answer
and interpretation need beside them, in a number of queries that does not grow with the team."""

import re

import pytest
from django.utils import timezone

from countries.tests.factories import CountryFactory
from eoi.confirmation_models import ConfirmationState, MemberConfirmation
from eoi.models import TeamMember
from eoi.services.confirmations import confirmation_request
from evaluation.models import Assignment
from evaluation.tests.factories import call_with_criteria, facilitator, manager, under_review

pytestmark = pytest.mark.django_db


def states_shown(text):
    return re.findall(r'data-confirmation="([\w-]+)"', text)


def review_page_of(members):
    """An EOI under review with `members` members, each asked; the first confirmed with
    interpretation, the second declined, the third confirmed without, the last has no address."""
    staff = manager()
    call = call_with_criteria()
    evaluation = under_review(call, [CountryFactory(code="SN")], by=staff, members=members)["SN"]
    for member in TeamMember.objects.filter(eoi=evaluation.eoi):
        confirmation_request(member=member, by=staff)
    confirmations = list(MemberConfirmation.objects.filter(member__eoi=evaluation.eoi).order_by("member__slot"))
    answers = [(ConfirmationState.CONFIRMED, True), (ConfirmationState.DECLINED, False), (ConfirmationState.CONFIRMED, False)]
    for confirmation, (state, interpretation) in zip(confirmations, answers):
        MemberConfirmation.objects.filter(pk=confirmation.pk).update(
            state=state, consent=state == ConfirmationState.CONFIRMED, needs_interpretation=interpretation,
            answered_at=timezone.now())
    if members > 1:
        last = TeamMember.objects.get(eoi=evaluation.eoi, slot=members)
        MemberConfirmation.objects.filter(member=last).delete()
        TeamMember.objects.filter(pk=last.pk).update(email="")
    reviewer = facilitator()
    Assignment.objects.create(evaluation=evaluation, reviewer=reviewer)
    return evaluation, reviewer


def test_review_page_shows_each_members_answer_and_interpretation(client):
    evaluation, reviewer = review_page_of(5)
    client.force_login(reviewer)
    text = client.get(f"/evaluation/eois/{evaluation.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert states_shown(text) == ["confirmed", "declined", "confirmed", "waiting", "no-address"]
    assert re.findall(r'data-interpretation="(\w+)"', text) == ["yes", "no"]
    assert "needs French interpretation" in text and "no interpretation needed" in text
    assert "No e-mail address: cannot be asked to confirm" in text
    assert "2 of 5 confirmed" in text and "1 declined" in text and "1 not answered yet" in text


def test_review_page_in_french(client):
    evaluation, reviewer = review_page_of(5)
    client.force_login(reviewer)
    text = client.get(f"/evaluation/eois/{evaluation.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "pas besoin d’interprétation" in text
    assert "Pas d’adresse électronique" in text


@pytest.mark.parametrize("members", [1, 5])
def test_review_page_queries_do_not_grow_with_the_team(client, django_assert_num_queries, members):
    """The same number with 1 member as with 5: the confirmations are joined to the team's query
    (evaluation/tests/test_page_queries.py counts 14 with reviews to read; here there are none, so
    no scores to prefetch)."""
    evaluation, reviewer = review_page_of(members)
    client.force_login(reviewer)
    url = f"/evaluation/eois/{evaluation.pk}/"
    client.get(url)
    with django_assert_num_queries(13):
        response = client.get(url)
    assert len(states_shown(response.content.decode())) == members
