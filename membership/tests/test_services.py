"""The workflow: transitions allowed and refused, agendas, decisions and their effects."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from countries.enums import MembershipLevel
from membership import services
from membership.enums import TRANSITIONS, ApplicationState, MeetingState
from membership.models import AgendaItem, MembershipApplication, SteeringMeeting

from .factories import AgendaItemFactory, ApplicantCountryFactory, MembershipApplicationFactory, SteeringMeetingFactory

S = ApplicationState
# The specification of the workflow, written out independently of enums.TRANSITIONS.
ALLOWED = {
    (S.PENDING, S.ON_AGENDA),
    (S.ON_AGENDA, S.APPROVED), (S.ON_AGENDA, S.DEFERRED), (S.ON_AGENDA, S.DECLINED), (S.ON_AGENDA, S.PENDING),
    (S.DEFERRED, S.ON_AGENDA),
}
TODAY = timezone.localdate


def submit(code="BJ", **overrides):
    data = {
        "country_code": code, "region": "africa", "institution": "Ministère de la Santé",
        "contact_name": "Rodrigue Houngbédji", "contact_position": "Directeur", "contact_email": "r.h@example.org",
        "language": "fr", "commitment": "ARCH", "motivation": "Apprendre", "expected_contribution": "Étude de cas",
    }
    return services.application_submit(**(data | overrides))


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_application_move_follows_the_workflow(db, current, target, steering):
    application = MembershipApplicationFactory(state=current)
    if (current, target) in ALLOWED:
        services._application_move(application, target, by=steering)
        application.refresh_from_db()
        assert application.state == target
        assert application.history.first().history_user == steering
    else:
        with pytest.raises(ValidationError):
            services._application_move(application, target, by=steering)
        application.refresh_from_db()
        assert application.state == current


def test_transitions_table_covers_every_state():
    assert set(TRANSITIONS) == set(S)
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == ALLOWED


@pytest.mark.parametrize("state", [S.PENDING, S.DEFERRED, S.APPROVED, S.DECLINED])
def test_application_decide_refused_when_not_on_an_agenda(db, state, steering):
    application = MembershipApplicationFactory(state=state)
    with pytest.raises(ValidationError, match="not on a meeting"):
        services.application_decide(application=application, decision=S.APPROVED, minutes="Yes.", by=steering)
    application.refresh_from_db()
    assert application.state == state


@pytest.mark.parametrize("decision", [S.PENDING, S.ON_AGENDA, "maybe"])
def test_application_decide_refuses_what_is_not_a_decision(db, decision, steering):
    item = AgendaItemFactory()
    with pytest.raises(ValidationError):
        services.application_decide(application=item.application, decision=decision, minutes="x", by=steering)
    item.refresh_from_db()
    assert item.decision == ""


def test_application_decide_requires_minutes(db, steering):
    item = AgendaItemFactory()
    with pytest.raises(ValidationError, match="minutes"):
        services.application_decide(application=item.application, decision=S.APPROVED, minutes="  ", by=steering)


def test_application_decide_refused_before_the_meeting_day(db, steering):
    item = AgendaItemFactory(meeting__date=TODAY() + timedelta(days=1))
    with pytest.raises(ValidationError, match="from the day of the meeting"):
        services.application_decide(application=item.application, decision=S.APPROVED, minutes="Yes.", by=steering)
    assert item.application.country.membership_level == MembershipLevel.NONE


def test_application_decide_approved_makes_the_country_associate_from_the_meeting_date(db, steering):
    meeting_day = TODAY() - timedelta(days=3)
    item = AgendaItemFactory(meeting__date=meeting_day)
    services.application_decide(application=item.application, decision=S.APPROVED, minutes="Welcome.", by=steering)
    item.refresh_from_db()
    country = item.application.country
    country.refresh_from_db()
    assert (item.decision, item.minutes, item.decided_by) == (S.APPROVED, "Welcome.", steering)
    assert item.decided_at is not None
    assert (country.membership_level, country.member_since) == (MembershipLevel.ASSOCIATE, meeting_day)
    latest = country.history.first()
    assert (latest.membership_level, latest.history_user) == (MembershipLevel.ASSOCIATE, steering)
    assert MembershipApplication.objects.get().state == S.APPROVED


def test_application_decide_declined_leaves_the_country_a_non_member(db, steering):
    item = AgendaItemFactory()
    services.application_decide(application=item.application, decision=S.DECLINED, minutes="Not now.", by=steering)
    item.application.country.refresh_from_db()
    assert item.application.country.membership_level == MembershipLevel.NONE
    # Declined is closed: the country may apply again.
    assert submit(code=item.application.country.code.code).state == S.PENDING


def test_application_decide_last_item_marks_the_meeting_held(db, steering):
    first = AgendaItemFactory()
    second = AgendaItemFactory(meeting=first.meeting)
    services.application_decide(application=first.application, decision=S.APPROVED, minutes="Yes.", by=steering)
    assert SteeringMeeting.objects.get().state == MeetingState.SCHEDULED
    services.application_decide(application=second.application, decision=S.DECLINED, minutes="No.", by=steering)
    assert SteeringMeeting.objects.get().state == MeetingState.HELD


def test_application_decide_deferred_goes_on_the_next_meetings_agenda(db, steering):
    item = AgendaItemFactory()
    later = SteeringMeetingFactory(date=TODAY() + timedelta(days=120))
    services.application_decide(application=item.application, decision=S.DEFERRED, minutes="More info.", by=steering)
    application = MembershipApplication.objects.get()
    assert application.state == S.ON_AGENDA
    assert list(application.agenda_items.values_list("meeting", "decision").order_by("meeting__date")) == [
        (item.meeting.pk, S.DEFERRED), (later.pk, ""),
    ]


def test_application_deferred_waits_and_goes_on_the_next_meeting_scheduled(db, steering, manager):
    item = AgendaItemFactory()
    services.application_decide(application=item.application, decision=S.DEFERRED, minutes="Later.", by=steering)
    assert MembershipApplication.objects.get().state == S.DEFERRED
    meeting = services.meeting_schedule(date=TODAY() + timedelta(days=90), place="", online=True, by=manager)
    assert list(meeting.items.values_list("application", flat=True)) == [item.application.pk]
    assert MembershipApplication.objects.get().state == S.ON_AGENDA


def test_meeting_schedule_puts_only_waiting_applications_on_its_agenda(db, manager):
    pending = MembershipApplicationFactory(state=S.PENDING)
    deferred = MembershipApplicationFactory(state=S.DEFERRED)
    MembershipApplicationFactory(state=S.APPROVED)
    MembershipApplicationFactory(state=S.DECLINED)
    elsewhere = AgendaItemFactory()
    meeting = services.meeting_schedule(date=TODAY() + timedelta(days=30), place="Accra", online=False, by=manager)
    assert set(meeting.items.values_list("application", flat=True)) == {pending.pk, deferred.pk}
    assert elsewhere.meeting.items.count() == 1


def test_meeting_schedule_refuses_a_past_date(db, manager):
    with pytest.raises(ValidationError):
        services.meeting_schedule(date=TODAY() - timedelta(days=1), place="Accra", online=False, by=manager)
    assert not SteeringMeeting.objects.exists()


def test_application_submit_goes_on_the_next_scheduled_meeting(db):
    SteeringMeetingFactory(date=TODAY() - timedelta(days=10))  # past, decisions still to record
    cancelled = SteeringMeetingFactory(date=TODAY() + timedelta(days=5), state=MeetingState.CANCELLED)
    following = SteeringMeetingFactory(date=TODAY() + timedelta(days=20))
    SteeringMeetingFactory(date=TODAY() + timedelta(days=200))
    application = submit()
    assert application.state == S.ON_AGENDA
    assert list(application.agenda_items.values_list("meeting", flat=True)) == [following.pk]
    assert not cancelled.items.exists()


def test_application_submit_without_a_meeting_waits(db):
    application = submit()
    assert application.state == S.PENDING
    assert not AgendaItem.objects.exists()


def test_application_submit_records_an_unknown_country(db):
    application = submit(code="TG", region="africa", language="fr")
    country = application.country
    assert (country.code, country.region, country.working_language, country.membership_level) == (
        "TG", "africa", "fr", MembershipLevel.NONE
    )


@pytest.mark.parametrize("level", [MembershipLevel.ASSOCIATE, MembershipLevel.FULL])
def test_application_submit_refused_for_members(db, level):
    ApplicantCountryFactory(code="BJ", membership_level=level)
    with pytest.raises(ValidationError, match="already a member"):
        submit()
    assert not MembershipApplication.objects.exists()


def test_meeting_cancel_moves_its_applications_to_the_next_meeting(db, manager):
    item = AgendaItemFactory(meeting__date=TODAY() + timedelta(days=3))
    later = SteeringMeetingFactory(date=TODAY() + timedelta(days=60))
    services.meeting_cancel(meeting=item.meeting, by=manager)
    assert SteeringMeeting.objects.get(pk=item.meeting.pk).state == MeetingState.CANCELLED
    assert list(AgendaItem.objects.values_list("meeting", "application")) == [(later.pk, item.application.pk)]
    assert MembershipApplication.objects.get().state == S.ON_AGENDA


def test_meeting_cancel_without_another_meeting_puts_applications_back_to_waiting(db, manager):
    item = AgendaItemFactory(meeting__date=TODAY() + timedelta(days=3))
    services.meeting_cancel(meeting=item.meeting, by=manager)
    assert not AgendaItem.objects.exists()
    assert MembershipApplication.objects.get().state == S.PENDING


def test_meeting_cancel_refused_once_a_decision_is_recorded(db, manager, steering):
    item = AgendaItemFactory()
    AgendaItemFactory(meeting=item.meeting)
    services.application_decide(application=item.application, decision=S.APPROVED, minutes="Yes.", by=steering)
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=item.meeting, by=manager)
    assert SteeringMeeting.objects.get().state == MeetingState.SCHEDULED
