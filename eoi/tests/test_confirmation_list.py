"""The manager's list of every member's request in a call (issue 17): who may see it, the
filters, the counts per answer, and a constant number of queries."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from countries.tests.factories import CountryFactory
from eoi.confirmation_models import ConfirmationState, MemberConfirmation
from eoi.services.confirmations import confirmation_answer, confirmation_request
from eoi.models import TeamMember

from .factories import CallFactory, EOIFactory, fill_complete

pytestmark = pytest.mark.django_db


def asked_call(codes, members, by):
    """A call whose EOIs (one per country code) have `members` members, each asked."""
    call = CallFactory()
    for code in codes:
        eoi = fill_complete(EOIFactory(call=call, country=CountryFactory(code=code)), members=members)
        for member in TeamMember.objects.filter(eoi=eoi).order_by("slot"):
            confirmation_request(member=member, by=by)
    return call


def answer(confirmation, confirmed, interpretation=False):
    confirmation_answer(confirmation=confirmation, confirmed=confirmed, consent=confirmed,
                        needs_interpretation=interpretation)


def counts_shown(response):
    return {name: int(n) for name, n in re.findall(r'data-count="(\w+)">(\d+)<', response.content.decode())}


def rows(response):
    return [(c.member.eoi.country.code.code, c.member.slot) for c in response.context["confirmations"]]


@pytest.fixture
def answered(manager):
    call = asked_call(["KE", "SN"], 2, manager)
    ke1, ke2, sn1, _sn2 = MemberConfirmation.objects.order_by("member__eoi__country__code", "member__slot")
    answer(ke1, True, interpretation=True)
    answer(ke2, False)
    answer(sn1, True)
    return call


def test_only_the_manager_sees_it(client, answered, focal, manager):
    url = reverse("eoi:manage_confirmations", args=[answered.pk])
    client.force_login(focal)
    assert client.get(url).status_code == 403
    client.force_login(manager)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = unescape(response.content.decode())
    assert "member1@example.org" in text and "Kenya" in text and "Senegal" in text
    assert reverse("eoi:manage_confirmations", args=[answered.pk]) in unescape(
        client.get(reverse("eoi:manage_call_edit", args=[answered.pk])).content.decode())


def test_counts_per_answer_for_the_whole_call(client, answered, manager):
    client.force_login(manager)
    response = client.get(reverse("eoi:manage_confirmations", args=[answered.pk]), {"state": "declined"})
    assert counts_shown(response) == {"total": 4, "waiting": 1, "confirmed": 2, "declined": 1, "interpretation": 1}


def test_filters_by_answer_and_country(client, answered, manager):
    client.force_login(manager)
    url = reverse("eoi:manage_confirmations", args=[answered.pk])
    assert rows(client.get(url)) == [("KE", 1), ("KE", 2), ("SN", 1), ("SN", 2)]
    assert rows(client.get(url, {"state": "confirmed"})) == [("KE", 1), ("SN", 1)]
    assert rows(client.get(url, {"state": "waiting"})) == [("SN", 2)]
    assert rows(client.get(url, {"country": "KE"})) == [("KE", 1), ("KE", 2)]
    assert rows(client.get(url, {"country": "KE", "state": "declined"})) == [("KE", 2)]


@pytest.mark.parametrize(("params", "shown"), [
    ({"state": "maybe"}, 4), ({"state": "CONFIRMED"}, 4), ({"country": "ZZ"}, 4), ({"country": "'; --", "state": "é" * 300}, 4),
    ({"country": "GH", "state": "confirmed"}, 2),  # a country of no request in this call: the valid filter still applies
])
def test_garbage_filters_are_ignored_and_said(client, answered, manager, params, shown):
    client.force_login(manager)
    response = client.get(reverse("eoi:manage_confirmations", args=[answered.pk]), params, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert len(rows(response)) == shown
    assert "Sélectionnez un choix valide" in unescape(response.content.decode())


def test_nul_in_a_filter_is_refused(client, answered, manager):
    client.force_login(manager)
    response = client.get(reverse("eoi:manage_confirmations", args=[answered.pk]) + "?state=%00",
                          HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400


def test_another_calls_requests_are_not_listed(client, answered, manager):
    other = asked_call(["GH"], 1, manager)
    client.force_login(manager)
    assert rows(client.get(reverse("eoi:manage_confirmations", args=[answered.pk]))) == [
        ("KE", 1), ("KE", 2), ("SN", 1), ("SN", 2)]
    assert rows(client.get(reverse("eoi:manage_confirmations", args=[other.pk]))) == [("GH", 1)]


@pytest.mark.parametrize(("codes", "members"), [(["KE"], 1), (["KE", "SN", "GH", "NG", "ML"], 5)])
def test_query_count_constant(client, manager, django_assert_num_queries, codes, members):
    call = asked_call(codes, members, manager)
    for confirmation in MemberConfirmation.objects.all()[::2]:
        answer(confirmation, True, interpretation=True)
    MemberConfirmation.objects.filter(state=ConfirmationState.WAITING).update(requested_at=timezone.now())
    client.force_login(manager)
    url = reverse("eoi:manage_confirmations", args=[call.pk])
    client.get(url)  # the session renewed
    # session, user, call, the countries offered, the number of rows (paginator), the rows with their
    # members, profiles, EOIs and countries, the counts
    with django_assert_num_queries(7):
        response = client.get(url, {"state": ""})
    assert len(rows(response)) == len(codes) * members
