"""A refused page says why, in the reader's language, when saying it reveals nothing: a
facilitator's own conflict of interest, a manager's page opened by a facilitator. The status
stays what the rules say; any other refusal keeps the plain page."""

import pytest
from django.conf import settings

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services

from evaluation.models import Assignment

from .factories import call_with_criteria, facilitator, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    mali = CountryFactory(code="ML")
    evaluations = under_review(call, [mali, CountryFactory(code="GH")], by=manager)
    me = facilitator()
    for evaluation in evaluations.values():
        Assignment.objects.create(evaluation=evaluation, reviewer=me)
    return call, manager, evaluations, me, mali


def test_conflicted_facilitator_is_told_why_in_english_and_french(world, client):
    _call, _manager, evaluations, me, mali = world
    services.conflict_declare(reviewer=me, country=mali, reason="Worked for its ministry.", by=me)
    client.force_login(me)
    url = f"/evaluation/eois/{evaluations['ML'].pk}/"

    english = client.get(url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = client.get(url)

    assert english.status_code == french.status_code == 404
    assert "You declared a conflict of interest with Mali" in english.content.decode()
    assert "Vous avez déclaré un conflit d’intérêts avec ce pays (Mali)" in french.content.decode()


def test_manager_page_opened_by_a_facilitator_says_it_is_for_the_manager(world, client):
    call, _manager, _evaluations, me, _mali = world
    client.force_login(me)

    response = client.get(f"/evaluation/calls/{call.pk}/shortlist/")

    assert response.status_code == 404
    assert "This page is for the JLN network manager" in response.content.decode()


def test_other_refusals_keep_the_plain_page(world, client, make_user):
    _call, _manager, evaluations, _me, _mali = world
    stranger = facilitator()
    client.force_login(stranger)

    response = client.get(f"/evaluation/eois/{evaluations['GH'].pk}/")

    assert response.status_code == 404
    page = response.content.decode()
    assert 'id="refusal-reason"' not in page and "This page does not exist, or you do not have access to it." in page
