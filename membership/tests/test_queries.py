"""The lists cost the same number of queries with one row and with many."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_countries import countries

from countries.enums import MembershipLevel
from countries.tests.factories import CoreGroupFactory, CoreGroupMemberFactory, CountryFactory
from membership import services
from membership.enums import ApplicationState as S

from .factories import AgendaItemFactory, MembershipApplicationFactory, SteeringMeetingFactory


@pytest.fixture
def codes():
    """ISO codes for new countries (not the fixtures' Senegal and Ghana)."""
    return iter([code for code, _name in countries if code not in {"SN", "GH"}])


def add_agenda_rows(n, codes, steering):
    meeting = SteeringMeetingFactory()
    for _ in range(n):
        AgendaItemFactory(meeting=meeting, application__country__code=next(codes))
        MembershipApplicationFactory(country__code=next(codes), state=S.DEFERRED)
    decided = AgendaItemFactory(meeting=SteeringMeetingFactory(), application__country__code=next(codes))
    services.application_decide(application=decided.application, decision=S.DECLINED, minutes="No.", by=steering)


def add_associates(n, codes, steering):
    for _ in range(n):
        country = CountryFactory(code=next(codes), membership_level=MembershipLevel.ASSOCIATE,
                                 member_since=date(2020, 1, 1))
        CoreGroupMemberFactory.create_batch(2, core_group=CoreGroupFactory(country=country))


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


PAGES = {
    "agenda": ("membership:agenda", add_agenda_rows),
    "application_list": ("membership:application_list", add_agenda_rows),
    "meeting_list": ("membership:meeting_list", add_agenda_rows),
    "eligibility": ("membership:eligibility", add_associates),
}


@pytest.mark.parametrize("page", PAGES)
def test_list_query_count_constant(client, steering, codes, page):
    url_name, add_rows = PAGES[page]
    client.force_login(steering)
    add_rows(1, codes, steering)
    one = count_queries(client, reverse(url_name))
    add_rows(6, codes, steering)
    assert count_queries(client, reverse(url_name)) == one


def test_meeting_detail_query_count_constant(client, steering, codes):
    meeting = SteeringMeetingFactory(date=timezone.localdate() - timedelta(days=1))
    AgendaItemFactory(meeting=meeting, application__country__code=next(codes))
    client.force_login(steering)
    url = reverse("membership:meeting_detail", args=[meeting.pk])
    one = count_queries(client, url)
    for _ in range(6):
        item = AgendaItemFactory(meeting=meeting, application__country__code=next(codes))
        services.application_decide(application=item.application, decision=S.APPROVED, minutes="Yes.", by=steering)
    assert count_queries(client, url) == one
