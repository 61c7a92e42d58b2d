"""Pages: what people see and what their forms change."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from countries.enums import MembershipLevel
from countries.tests.factories import CoreGroupMemberFactory, CountryFactory
from membership.enums import ApplicationState as S
from membership.enums import MeetingState
from membership.models import MembershipApplication, SteeringMeeting

from .confirming import apply_and_confirm
from .factories import AgendaItemFactory, MembershipApplicationFactory, SteeringMeetingFactory
from .test_constraints import FORM_DATA


def test_apply_page_in_french_lists_countries_by_french_name(client, db):
    page = client.get(reverse("membership:apply"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<option value="BJ">Bénin</option>' in page
    assert '<html lang="fr">' in page


def test_apply_creates_the_application_and_thanks_the_applicant(client, db):
    response = apply_and_confirm(client, FORM_DATA, follow=True)
    application = MembershipApplication.objects.get()
    assert (application.country.code, application.state, application.language) == ("BJ", S.PENDING, "fr")
    assert "r.h@example.org" in response.content.decode()


def test_apply_thanks_page_needs_a_submission_in_this_session(client, db):
    MembershipApplicationFactory()
    assert client.get(reverse("membership:apply_done")).status_code == 404


def test_apply_with_missing_fields_keeps_what_was_typed(client, db):
    data = FORM_DATA | {"motivation": "", "institution": "Ministère de l'Économie"}
    response = client.post(reverse("membership:apply"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the following:" in page
    assert "Ministère de l&#x27;Économie" in page
    assert '<option value="BJ" selected>' in page
    assert not MembershipApplication.objects.exists()


def test_apply_for_an_associate_member_explains_the_path_to_full_membership(client, db):
    CountryFactory(code="BJ", membership_level=MembershipLevel.ASSOCIATE, member_since=date(2025, 1, 1))
    page = client.post(reverse("membership:apply"), FORM_DATA).content.decode()
    assert "already an associate member of the JLN" in page
    assert not MembershipApplication.objects.exists()


def test_steering_home_is_the_membership_agenda(client, steering):
    AgendaItemFactory(application__country__code="BJ", application__institution="ANPS Bénin")
    MembershipApplicationFactory(country__code="TG", state=S.DEFERRED)
    client.force_login(steering)
    response = client.get(reverse("accounts:home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("membership:agenda")
    page = response.content.decode()
    assert "ANPS Bénin" in page
    assert "Togo" in page  # waiting for a meeting


def test_decide_page_records_the_decision_and_shows_it_on_the_meeting(client, steering):
    item = AgendaItemFactory(application__country__code="BJ")
    client.force_login(steering)
    response = client.post(
        reverse("membership:application_decide", args=[item.application.pk]),
        {"decision": "approved", "minutes": "Unanimous approval."}, follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("membership:meeting_detail", args=[item.meeting.pk])
    assert "Unanimous approval." in page
    item.application.country.refresh_from_db()
    assert item.application.country.membership_level == MembershipLevel.ASSOCIATE


def test_decide_without_minutes_keeps_the_choice_and_changes_nothing(client, steering):
    item = AgendaItemFactory()
    client.force_login(steering)
    response = client.post(reverse("membership:application_decide", args=[item.application.pk]), {"decision": "declined"})
    assert response.status_code == 200
    assert re.search(r'name="decision" value="declined"[^>]*checked', response.content.decode())
    assert MembershipApplication.objects.get().state == S.ON_AGENDA


def test_decide_before_the_meeting_day_shows_the_date_and_no_form(client, steering):
    item = AgendaItemFactory(meeting__date=timezone.localdate() + timedelta(days=2))
    client.force_login(steering)
    page = client.get(reverse("membership:application_detail", args=[item.application.pk])).content.decode()
    assert "The decision can be recorded from the day of the meeting" in page
    assert 'name="minutes"' not in page


def test_schedule_meeting_puts_waiting_applications_on_its_agenda(client, manager):
    waiting = MembershipApplicationFactory(country__code="BJ")
    client.force_login(manager)
    response = client.post(reverse("membership:meeting_create"), {"date": "2099-06-01", "place": "", "online": "on"})
    meeting = SteeringMeeting.objects.get()
    assert response["Location"] == reverse("membership:meeting_detail", args=[meeting.pk])
    assert list(meeting.items.values_list("application", flat=True)) == [waiting.pk]


@pytest.mark.parametrize("data, field_error", [
    ({"date": "2000-01-01", "place": "Accra"}, "Choose today or a later date."),
    ({"date": "2099-01-01", "place": ""}, "Give the place of the meeting, or tick “online”."),
])
def test_schedule_meeting_refuses_bad_input_with_a_message(client, manager, data, field_error):
    client.force_login(manager)
    response = client.post(reverse("membership:meeting_create"), data)
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert not SteeringMeeting.objects.exists()


def test_cancel_meeting_by_the_manager(client, manager):
    meeting = SteeringMeetingFactory(date=timezone.localdate() + timedelta(days=5))
    client.force_login(manager)
    client.post(reverse("membership:meeting_cancel", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CANCELLED


def test_upgrade_page_records_full_membership_shown_in_the_country_history(client, manager):
    country = CountryFactory(code="KE", membership_level=MembershipLevel.ASSOCIATE, member_since=date(2023, 4, 1))
    CoreGroupMemberFactory(core_group__country=country)
    client.force_login(manager)
    response = client.post(reverse("membership:country_upgrade", args=[country.pk]), {"on": "2025-01-15"}, follow=True)
    page = response.content.decode()
    country.refresh_from_db()
    assert (country.membership_level, country.member_since) == (MembershipLevel.FULL, date(2025, 1, 15))
    assert "Membership history" in page
    history = page.split("Membership history")[1]
    assert history.index("Associate member") < history.index("Full member")
    assert manager.full_name in history


def test_upgrade_of_an_ineligible_country_shows_why(client, manager):
    country = CountryFactory(code="KE", membership_level=MembershipLevel.ASSOCIATE, member_since=date(2023, 4, 1))
    client.force_login(manager)
    response = client.post(reverse("membership:country_upgrade", args=[country.pk]), {"on": "2025-01-15"})
    assert "not eligible for full membership on that date" in response.content.decode()
    country.refresh_from_db()
    assert country.membership_level == MembershipLevel.ASSOCIATE


def test_eligibility_page_flags_eligible_countries(client, steering):
    eligible = CountryFactory(code="KE", membership_level=MembershipLevel.ASSOCIATE, member_since=date(2020, 1, 1))
    CoreGroupMemberFactory(core_group__country=eligible)
    CountryFactory(code="ML", membership_level=MembershipLevel.ASSOCIATE, member_since=date(2020, 1, 1))
    client.force_login(steering)
    page = client.get(reverse("membership:eligibility")).content.decode()
    assert page.count('class="table-success"') == 1
    assert "Record the upgrade" not in page  # only the manager records it


def test_decide_twice_shows_why_and_changes_nothing(client, steering):
    item = AgendaItemFactory()
    client.force_login(steering)
    url = reverse("membership:application_decide", args=[item.application.pk])
    client.post(url, {"decision": "approved", "minutes": "Yes."})
    response = client.post(url, {"decision": "declined", "minutes": "No."})
    assert response.status_code == 200
    assert "This application is not on a meeting&#x27;s agenda: there is nothing to decide." in response.content.decode()
    assert MembershipApplication.objects.get().state == S.APPROVED
