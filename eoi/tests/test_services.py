from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from eoi import services
from eoi.enums import EOI_TRANSITIONS, Channel, EOIStatus
from eoi.models import ExpressionOfInterest
from outbox.enums import MailKind
from outbox.models import OutboundMail

from .factories import CallFactory, EOIFactory, aware, fill_complete

pytestmark = pytest.mark.django_db

ZONES = ["Etc/GMT+12", "Pacific/Pago_Pago", "America/Sao_Paulo", "UTC", "Africa/Nairobi", "Asia/Kathmandu",
         "Pacific/Chatham", "Pacific/Kiritimati"]  # UTC−12 … UTC+14, with the odd :45 offsets


def closed_call(zone):
    return CallFactory(opening_date=date(2023, 11, 1), deadline=aware("2023-12-15 23:59:00", zone),
                       time_zone=zone, feedback_date=date(2024, 1, 12))


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("reader_zone", ["Etc/GMT+12", "Pacific/Kiritimati"])
def test_submit_one_second_before_deadline_accepted_in_every_zone(zone, reader_zone, country, focal):
    call = closed_call(zone)
    eoi = fill_complete(EOIFactory(call=call, country=country))
    with timezone.override(reader_zone):  # the reader's time zone changes nothing
        submitted = services.eoi_submit(eoi=eoi, by=focal, now=call.deadline - timedelta(seconds=1))
    assert submitted.status == EOIStatus.SUBMITTED
    assert submitted.submitted_at == call.deadline - timedelta(seconds=1)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("reader_zone", ["Etc/GMT+12", "Pacific/Kiritimati"])
def test_submit_one_second_after_deadline_refused_in_every_zone(zone, reader_zone, country, focal):
    call = closed_call(zone)
    eoi = fill_complete(EOIFactory(call=call, country=country))
    with timezone.override(reader_zone), pytest.raises(services.DeadlinePassed):
        services.eoi_submit(eoi=eoi, by=focal, now=call.deadline + timedelta(seconds=1))
    eoi.refresh_from_db()
    assert eoi.status == EOIStatus.DRAFT
    assert not OutboundMail.objects.exists()


def test_deadline_stored_in_utc_is_the_local_deadline(country):
    call = closed_call("Pacific/Kiritimati")
    call.refresh_from_db()
    assert call.deadline == aware("2023-12-15 09:59:00", "UTC")
    assert call.local_deadline.strftime("%d %H:%M") == "15 23:59"


def test_submit_at_the_deadline_second_accepted(eoi, focal):
    fill_complete(eoi)
    assert services.eoi_submit(eoi=eoi, by=focal, now=eoi.call.deadline + timedelta(microseconds=999_999)).status == EOIStatus.SUBMITTED


def test_submit_incomplete_refused_with_every_problem(eoi, focal):
    with pytest.raises(services.Incomplete) as refused:
        services.eoi_submit(eoi=eoi, by=focal)
    assert "Question 1 has no answer yet." in refused.value.problems
    assert "Propose at least 4 team members (0 so far)." in refused.value.problems
    assert len(refused.value.problems) == 7  # three answers, team size, three contact fields
    eoi.refresh_from_db()
    assert eoi.status == EOIStatus.DRAFT


def test_submit_sends_one_confirmation_per_recipient_in_country_language(eoi, focal, make_user, country):
    from accounts.enums import Role

    second = make_user(Role.FOCAL_POINT, countries=[country], email="second@example.org")
    fill_complete(eoi)
    with translation.override("en"):
        services.eoi_submit(eoi=eoi, by=focal)
    mails = OutboundMail.objects.filter(kind=MailKind.EOI_CONFIRMATION).order_by("to_email")
    assert sorted(m.to_email for m in mails) == sorted(["awa@example.org", focal.email, second.email])
    assert {m.language for m in mails} == {"fr"}  # Senegal works in French
    assert all(m.subject.startswith("Manifestation d'intérêt reçue (Sénégal)") for m in mails)
    assert all(m.dedupe_key.startswith(f"eoi-confirmation-{eoi.pk}-1-") for m in mails)
    assert "Member 1" in mails[0].body_text


def test_confirmation_once_per_submission_and_again_after_reopen(eoi, focal):
    fill_complete(eoi)
    services.eoi_submit(eoi=eoi, by=focal)
    services.eoi_reopen(eoi=eoi, by=focal)
    services.eoi_submit(eoi=eoi, by=focal)
    keys = list(OutboundMail.objects.filter(to_email="awa@example.org", kind=MailKind.EOI_CONFIRMATION).values_list("dedupe_key", flat=True))
    assert sorted(keys) == [f"eoi-confirmation-{eoi.pk}-1-awa@example.org", f"eoi-confirmation-{eoi.pk}-2-awa@example.org"]


def test_confirmation_none_when_the_transaction_rolls_back(eoi, focal, django_capture_on_commit_callbacks):
    fill_complete(eoi)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.eoi_submit(eoi=eoi, by=focal)
            raise RuntimeError("something after the submission failed")
    assert callbacks == []
    assert not OutboundMail.objects.exists()
    eoi.refresh_from_db()
    assert eoi.status == EOIStatus.DRAFT and eoi.submission_number == 0


def test_confirmation_sent_after_commit_through_the_outbox_task(eoi, focal, mailoutbox, django_capture_on_commit_callbacks):
    fill_complete(eoi)
    with django_capture_on_commit_callbacks(execute=True):
        services.eoi_submit(eoi=eoi, by=focal)
    members = [f"member{n}@example.org" for n in range(1, 5)]  # each member's request to confirm (issue 17)
    assert sorted(m.to[0].split("<")[-1].rstrip(">") for m in mailoutbox) == sorted(["awa@example.org", focal.email, *members])
    assert OutboundMail.objects.filter(state="sent").count() == 6


def test_withdraw_then_reopen_before_deadline(eoi, focal):
    fill_complete(eoi)
    services.eoi_submit(eoi=eoi, by=focal)
    withdrawn = services.eoi_withdraw(eoi=eoi, by=focal)
    assert withdrawn.status == EOIStatus.WITHDRAWN and withdrawn.withdrawn_at is not None
    reopened = services.eoi_reopen(eoi=eoi, by=focal)
    assert reopened.status == EOIStatus.REOPENED
    assert services.eoi_edit_refusal(eoi=reopened, by=focal) is None


def test_withdraw_after_deadline_refused(eoi, focal):
    fill_complete(eoi)
    services.eoi_submit(eoi=eoi, by=focal)
    with pytest.raises(services.DeadlinePassed):
        services.eoi_withdraw(eoi=eoi, by=focal, now=eoi.call.deadline + timedelta(seconds=1))


def test_withdraw_a_draft_is_not_a_transition(eoi, focal):
    with pytest.raises(services.TransitionNotAllowed):
        services.eoi_withdraw(eoi=eoi, by=focal)


def test_submitted_eoi_is_read_only(eoi, focal):
    fill_complete(eoi)
    services.eoi_submit(eoi=eoi, by=focal)
    eoi.refresh_from_db()
    with pytest.raises(services.NotEditable):
        services.eoi_save(eoi=eoi, data={"answers": {}, "members": {}, "contact": {}}, expected_version=eoi.version, by=focal)


def test_extension_lets_one_country_submit_after_the_deadline(eoi, focal, manager, other_country):
    fill_complete(eoi)
    after = eoi.call.deadline + timedelta(hours=1)
    with pytest.raises(services.DeadlinePassed):
        services.eoi_submit(eoi=eoi, by=focal, now=after)
    services.eoi_grant_extension(call=eoi.call, country=eoi.country, until=eoi.call.deadline + timedelta(days=2),
                                 reason="Ministry network outage", by=manager)
    eoi.refresh_from_db()
    assert services.eoi_submit(eoi=eoi, by=focal, now=after).status == EOIStatus.SUBMITTED
    other = services.eoi_grant_extension(call=eoi.call, country=other_country, until=eoi.call.deadline + timedelta(days=1),
                                         reason="", by=manager)
    assert other.status == EOIStatus.DRAFT and other.extension_granted_by == manager


def test_extension_before_the_call_deadline_refused(eoi, manager):
    with pytest.raises(services.EOIError):
        services.eoi_grant_extension(call=eoi.call, country=eoi.country, until=eoi.call.deadline, reason="", by=manager)


def test_record_email_eoi_submitted_at_time_of_receipt(call, country, manager):
    eoi = services.eoi_record_email(call=call, country=country, by=manager)
    assert eoi.channel == Channel.EMAIL
    fill_complete(eoi)
    received = call.deadline - timedelta(hours=2)
    later = call.deadline + timedelta(days=3)  # typed in after the deadline
    submitted = services.eoi_submit(eoi=eoi, by=manager, received_at=received, now=later)
    assert (submitted.status, submitted.submitted_at, submitted.channel) == (EOIStatus.SUBMITTED, received, Channel.EMAIL)


def test_record_email_received_after_deadline_refused(call, country, manager):
    eoi = fill_complete(services.eoi_record_email(call=call, country=country, by=manager))
    with pytest.raises(services.DeadlinePassed):
        services.eoi_submit(eoi=eoi, by=manager, received_at=call.deadline + timedelta(seconds=1),
                            now=call.deadline + timedelta(days=1))


def test_record_email_refused_when_already_submitted(eoi, focal, manager):
    fill_complete(eoi)
    services.eoi_submit(eoi=eoi, by=focal)
    with pytest.raises(services.NotEditable):
        services.eoi_record_email(call=eoi.call, country=eoi.country, by=manager)


def test_start_twice_returns_the_same_eoi(call, country, focal):
    first = services.eoi_start(call=call, country=country, by=focal)
    second = services.eoi_start(call=call, country=country, by=focal)
    assert first.pk == second.pk
    assert ExpressionOfInterest.objects.count() == 1


def test_save_records_who_and_when_in_history(eoi, focal):
    data = {"answers": {}, "members": {1: None}, "contact": {"name": "Awa", "position": "", "email": ""}}
    saved = services.eoi_save(eoi=eoi, data=data, expected_version=1, by=focal)
    assert saved.version == 2
    latest = saved.history.latest()
    assert (latest.history_user, latest.contact_name, latest.version) == (focal, "Awa", 2)


def test_save_with_an_old_version_refused_and_nothing_overwritten(eoi, focal, other_focal):
    first = {"answers": {}, "members": {}, "contact": {"name": "First", "position": "", "email": ""}}
    second = {"answers": {}, "members": {}, "contact": {"name": "Second", "position": "", "email": ""}}
    services.eoi_save(eoi=eoi, data=first, expected_version=1, by=focal)
    with pytest.raises(services.ConcurrentEdit) as refused:
        services.eoi_save(eoi=eoi, data=second, expected_version=1, by=focal)
    assert refused.value.current.version == 2
    eoi.refresh_from_db()
    assert eoi.contact_name == "First"


def test_start_refused_for_a_membership_level_the_call_excludes(country, focal):
    call = CallFactory(eligible_membership_levels=["full"])
    country.membership_level = "associate"
    country.save()
    with pytest.raises(services.NotEditable) as refused, translation.override("fr"):
        services.eoi_start(call=call, country=country, by=focal)
    assert str(refused.value.message) == "Cet appel est ouvert à ces niveaux d'adhésion au JLN uniquement\u00a0: Membre à part entière."
    assert not ExpressionOfInterest.objects.exists()


def test_withdrawable_and_reopenable_statuses_follow_the_transitions():
    assert EOIStatus.WITHDRAWABLE == {EOIStatus.SUBMITTED}
    assert EOIStatus.REOPENABLE == {EOIStatus.SUBMITTED, EOIStatus.WITHDRAWN}
    for status in EOIStatus:
        assert (status in EOIStatus.REOPENABLE) == (EOIStatus.REOPENED in EOI_TRANSITIONS.get(status, ()))


@pytest.mark.parametrize("channel", [Channel.PORTAL, Channel.EMAIL])
@pytest.mark.parametrize("late", [False, True])
def test_detail_page_offers_withdraw_exactly_when_the_service_accepts_it(client, call, country, manager, channel,
                                                                         late):
    """One rule (services.eoi_status_change_refusal) for the page's button and the service: after
    the deadline only the manager, on an EOI received by e-mail."""
    eoi = fill_complete(EOIFactory(call=call, country=country, channel=channel))
    services.eoi_submit(eoi=eoi, by=manager, received_at=timezone.now() - timedelta(minutes=1)
                        if channel == Channel.EMAIL else None)
    if late:
        ExpressionOfInterest.objects.filter(pk=eoi.pk).update(deadline_extended_to=None)
        call.deadline = timezone.now() - timedelta(seconds=1)
        call.save()
    client.force_login(manager)
    page = client.get(reverse("eoi:detail", args=[eoi.pk])).content.decode()
    offered = reverse("eoi:withdraw", args=[eoi.pk]) in page
    try:
        services.eoi_withdraw(eoi=eoi, by=manager)
    except services.DeadlinePassed:
        accepted = False
    else:
        accepted = True
    assert offered == accepted == (not late or channel == Channel.EMAIL)
