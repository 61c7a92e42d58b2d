from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction

from eoi.models import Call, ExpressionOfInterest, TeamMember

from .factories import CallFactory, EOIFactory, aware

pytestmark = pytest.mark.django_db


def test_eoi_unique_per_country_and_call_refused_twice(country):
    eoi = EOIFactory(country=country)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpressionOfInterest.objects.create(call=eoi.call, country=country)
    assert ExpressionOfInterest.objects.filter(call=eoi.call, country=country).count() == 1


def test_eoi_same_country_other_call_allowed(country):
    EOIFactory(country=country)
    EOIFactory(country=country)
    assert ExpressionOfInterest.objects.filter(country=country).count() == 2


@pytest.mark.parametrize(
    "opening, deadline, feedback",
    [
        (date(2023, 12, 16), "2023-12-15 23:59", date(2024, 1, 12)),  # opens after the deadline
        (date(2023, 11, 1), "2023-12-15 23:59", date(2023, 12, 10)),  # feedback before the deadline
        (date(2023, 11, 1), "2023-12-15 23:59", date(2023, 12, 15)),  # feedback on the deadline day
    ],
)
def test_call_dates_out_of_order_refused_by_database(opening, deadline, feedback):
    call = CallFactory.build(opening_date=opening, deadline=aware(deadline, "UTC"), feedback_date=feedback)
    with pytest.raises(IntegrityError), transaction.atomic():
        call.save()
    assert not Call.objects.exists()


def test_call_team_size_range_refused_when_min_above_max():
    call = CallFactory.build(min_team_size=6, max_team_size=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        call.save()


def test_call_dates_in_order_saved():
    call = CallFactory(opening_date=date(2023, 11, 1), deadline=aware("2023-12-15 23:59", "Africa/Nairobi"),
                       feedback_date=date(2024, 1, 12))
    assert call.local_deadline.strftime("%Y-%m-%d %H:%M %Z") == "2023-12-15 23:59 EAT"
    call.refresh_from_db()
    assert call.deadline.utcoffset() == timedelta(0)
    assert call.deadline.hour == 20


@pytest.mark.parametrize("typed", [
    {"name": "Awa Ba"}, {"position": "Directrice"}, {"organisation": "Ministère"}, {"level": "national"},
    {"gender": "female"}, {"email": "awa@example.org"}, {"why_role_matters": "Elle pilote la réforme."},
    {"commits_to_meetings": True}, {"profile": True},
])
def test_team_member_with_any_person_field_is_filled_in_python_and_in_the_database(country, typed):
    eoi = EOIFactory(country=country)
    if typed.get("profile"):
        typed = {"profile": eoi.call.profiles.first()}
    filled = TeamMember.objects.create(eoi=eoi, slot=1, **typed)
    empty = TeamMember.objects.create(eoi=eoi, slot=2)
    assert (filled.is_filled, empty.is_filled) == (True, False)
    assert list(TeamMember.objects.filled()) == [filled]
    assert TeamMember.values_filled({field: getattr(filled, field) for field in TeamMember.PERSON_FIELDS})


def test_every_person_field_counts_for_filled():
    """A field added to the team row and to PERSON_FIELDS is part of the one rule."""
    person = {f.attname for f in TeamMember._meta.concrete_fields} - {"id", "eoi_id", "slot"}
    assert set(TeamMember.PERSON_FIELDS) == person
