"""Invariants kept by the database, and the messages a person sees instead of an error."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from countries.enums import MembershipLevel
from membership.enums import ApplicationState as S
from membership.forms import MembershipApplicationForm
from membership.models import AgendaItem

from .factories import AgendaItemFactory, ApplicantCountryFactory, MembershipApplicationFactory

FORM_DATA = {
    "country_code": "BJ", "region": "africa", "institution": "Ministère de la Santé",
    "contact_name": "Rodrigue Houngbédji", "contact_position": "Directeur", "contact_email": "r.h@example.org",
    "language": "fr", "commitment": "ARCH", "motivation": "Apprendre", "expected_contribution": "Étude de cas",
}


@pytest.mark.parametrize("first", [S.PENDING, S.ON_AGENDA, S.DEFERRED])
@pytest.mark.parametrize("second", [S.PENDING, S.ON_AGENDA, S.DEFERRED])
def test_open_application_unique_per_country_in_the_database(db, first, second):
    existing = MembershipApplicationFactory(state=first)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipApplicationFactory(country=existing.country, state=second)


def test_closed_applications_do_not_block_a_new_one(db):
    country = ApplicantCountryFactory(code="BJ")
    MembershipApplicationFactory(country=country, state=S.DECLINED)
    MembershipApplicationFactory(country=country, state=S.APPROVED)
    MembershipApplicationFactory(country=country, state=S.PENDING)
    assert country.membership_applications.count() == 3


def test_application_form_refuses_a_second_open_application_with_a_message(db):
    MembershipApplicationFactory(country=ApplicantCountryFactory(code="BJ"), state=S.DEFERRED)
    form = MembershipApplicationForm(data=FORM_DATA)
    assert not form.is_valid()
    assert form.errors["country_code"] == [
        f"An application for this country (Benin), submitted on {date_format(timezone.localdate())}, is already "
        "waiting for the steering group's decision. Only one application per country can be open at a time."
    ]


@pytest.mark.parametrize("level, words", [
    (MembershipLevel.FULL, "already a full member"),
    (MembershipLevel.ASSOCIATE, "already an associate member"),
])
def test_application_form_refuses_member_countries(db, level, words):
    ApplicantCountryFactory(code="BJ", membership_level=level)
    form = MembershipApplicationForm(data=FORM_DATA)
    assert not form.is_valid()
    assert words in form.errors["country_code"][0]


def test_application_form_accepts_a_country_the_portal_does_not_know(db):
    form = MembershipApplicationForm(data=FORM_DATA | {"country_code": "TG"})
    assert form.is_valid(), form.errors


def test_agenda_item_decision_needs_minutes_and_author_in_the_database(db):
    item = AgendaItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.filter(pk=item.pk).update(decision=S.APPROVED)


def test_agenda_item_one_undecided_item_per_application_in_the_database(db):
    item = AgendaItemFactory()
    other_meeting = AgendaItemFactory().meeting
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=other_meeting, application=item.application)
