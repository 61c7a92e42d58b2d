"""The manager's feedback page: generate, dashboard counts and warning,
scheduling in the call's time zone; the focal point sees the decision."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone, translation

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation.services.feedback_mail import feedback_batch, feedback_mails_generate
from jln_portal.moments import moment_text
from outbox import services as outbox
from outbox.enums import MailState
from outbox.models import OutboundMail

from .factories import call_with_criteria, under_review
from .feedback_world import finalised_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return finalised_call()


def url(call, suffix=""):
    return f"/evaluation/calls/{call.pk}/feedback/{suffix}"


def test_generate_from_the_page_twice_makes_each_letter_once(world, client):
    call, manager, _evaluations, _recipients = world
    client.force_login(manager)

    first = client.post(url(call), follow=True)
    client.post(url(call))  # a double click

    assert OutboundMail.objects.filter(batch=feedback_batch(call)).count() == 8
    page = first.content.decode()
    assert "8 feedback letters prepared as drafts." in page
    assert f'href="/outbox/batches/feedback-call-{call.pk}/"' in page
    assert "Draft: <strong>8</strong>" in page
    assert "Nigeria" in page and "Withdrawn" in page  # listed as receiving no letter


def test_dashboard_counts_by_state_and_warns_near_the_feedback_date(world, client, settings):
    call, manager, _evaluations, _recipients = world
    feedback_mails_generate(call=call, by=manager)
    OutboundMail.objects.filter(to_email__endswith="@ke.example.org").update(state=MailState.SENT,
                                                                              sent_at=timezone.now())
    OutboundMail.objects.filter(to_email="contact@gh.example.org").update(state=MailState.FAILED)
    client.force_login(manager)

    far = client.get(url(call)).content.decode()
    settings.OUTBOX_BATCH_WARNING = timedelta(days=(call.feedback_date - timezone.localdate()).days + 1)
    near = client.get(url(call)).content.decode()

    for state, n in (("Draft", 4), ("Approved", 0), ("Scheduled", 0), ("Sending", 0), ("Sent", 3), ("Failed", 1)):
        assert f"{state}: <strong>{n}</strong>" in far
    assert "mails are not approved yet" not in far
    assert "4 mails are not approved yet." in near


def test_schedule_for_the_feedback_date_at_a_time_of_the_calls_zone(world, client):
    call, manager, _evaluations, _recipients = world
    batch = feedback_batch(call)
    feedback_mails_generate(call=call, by=manager)
    outbox.batch_approve(batch=batch, by=manager)
    client.force_login(manager)

    response = client.post(url(call, "schedule/"), {"when": "later", "day": call.feedback_date.isoformat(),
                                                      "time": "09:00"}, follow=True)

    expected = datetime.combine(call.feedback_date, time(9), tzinfo=call.tzinfo)
    assert set(OutboundMail.objects.filter(batch=batch).values_list("state", "send_after")) == {
        (MailState.SCHEDULED, expected)}
    with translation.override("en"):
        moment = moment_text(expected, call.time_zone)
    assert moment.endswith("09:00 (Nairobi time, UTC+3)")
    assert f"8 approved letters scheduled for {moment}." in response.content.decode()


def test_schedule_refuses_a_past_moment_and_keeps_the_input(world, client):
    call, manager, _evaluations, _recipients = world
    feedback_mails_generate(call=call, by=manager)
    outbox.batch_approve(batch=feedback_batch(call), by=manager)
    client.force_login(manager)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = client.post(url(call, "schedule/"), {"when": "later", "day": yesterday, "time": "10:30"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "This moment has passed: choose a later one, or send now." in page
    assert f'value="{yesterday}"' in page and 'value="10:30"' in page
    assert set(OutboundMail.objects.values_list("state", flat=True)) == {MailState.APPROVED}


def test_send_now_from_the_page(world, client, django_capture_on_commit_callbacks, mailoutbox):
    call, manager, _evaluations, recipients = world
    feedback_mails_generate(call=call, by=manager)
    outbox.batch_approve(batch=feedback_batch(call), by=manager)
    client.force_login(manager)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(call, "schedule/"), {"when": "now"})

    assert len(mailoutbox) == 8
    assert set(OutboundMail.objects.values_list("state", flat=True)) == {MailState.SENT}


def test_page_before_the_decisions_are_final_offers_no_generation(client, make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    client.force_login(manager)

    page = client.get(url(call)).content.decode()
    refused = client.post(url(call), follow=True).content.decode()

    assert "The feedback letters can be prepared once the decisions are final." in page
    assert "Prepare the letters" not in page
    assert "The feedback letters can be prepared once the decisions are final." in refused
    assert OutboundMail.objects.count() == 0


@pytest.mark.parametrize("n", [1, 6])
def test_feedback_page_query_count_constant(client, make_user, django_assert_num_queries, n):
    from evaluation import services
    from evaluation.enums import Decision

    manager = make_user(Role.MANAGER)
    call = call_with_criteria(target_teams=10)
    countries = [CountryFactory(code=code) for code in ["KE", "GH", "NG", "SN", "ML", "VN"][:n]]
    for country in countries:
        make_user(Role.FOCAL_POINT, countries=[country])
    for evaluation in under_review(call, countries, by=manager).values():
        services.decision_set(evaluation=evaluation, decision=Decision.NOT_SELECTED, by=manager,
                              feedback_en="Thank you.", feedback_fr="Merci.")
    services.evaluation_finalise_call(call=call, by=manager)
    feedback_mails_generate(call=call, by=manager)
    client.force_login(manager)
    client.get(url(call))  # warm the content-type cache

    with django_assert_num_queries(7):
        assert client.get(url(call)).status_code == 200


def test_focal_point_sees_the_decision_once_final(world, client):
    call, _manager, evaluations, _recipients = world
    kenya = evaluations["KE"].eoi.country
    focal = kenya.focal_points.filter(is_active=True).first()
    client.force_login(focal)

    detail = client.get(f"/eoi/{evaluations['KE'].eoi.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    home = client.get("/eoi/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<span class="badge text-bg-success">Selected</span>' in detail
    assert "Selected</span>" in home
