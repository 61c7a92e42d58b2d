"""The manager's steps on mails and batches, each safe to repeat."""

from datetime import date, timedelta
from email.utils import getaddresses

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from outbox import services
from outbox.enums import MailKind, MailState
from outbox.models import OutboundMail

from .factories import OutboundMailFactory

pytestmark = pytest.mark.django_db

DEADLINE = date(2024, 1, 8)  # a Monday


def reload(mail):
    return OutboundMail.objects.get(pk=mail.pk)


def create(template, **fields):
    values = dict(
        kind=MailKind.NOTICE, to_email="awa@example.sn", template=template,
        context={"deadline": DEADLINE, "name": "Awa"}, language="fr",
    )
    return services.mail_create(**{**values, **fields})


def test_mail_create_renders_in_the_recipients_language(test_templates):
    french = create(test_templates, state=MailState.DRAFT, language="fr")
    english = create(test_templates, state=MailState.DRAFT, language="en", to_email="kofi@example.gh")

    assert french.subject == "Reminder: lundi 8 janvier 2024"
    assert english.subject == "Reminder: Monday 8 January 2024"
    assert "lundi 8 janvier 2024" in french.body_text and "lundi 8 janvier 2024" in french.body_html
    assert '<html lang="fr">' in french.body_html and '<html lang="en">' in english.body_html


def test_mail_create_scheduled_is_sent_after_commit(test_templates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail = create(test_templates)
        assert django_mail.outbox == []

    assert len(django_mail.outbox) == 1 and reload(mail).state == MailState.SENT


def test_mail_create_draft_is_not_sent(test_templates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mail = create(test_templates, state=MailState.DRAFT, batch="feedback-call-1")

    assert callbacks == [] and mail.state == MailState.DRAFT and mail.batch == "feedback-call-1"


def test_mail_create_same_dedupe_key_twice_makes_one_mail(test_templates):
    first = create(test_templates, state=MailState.DRAFT, dedupe_key="feedback:eoi-7:awa@example.sn")
    second = create(test_templates, state=MailState.DRAFT, dedupe_key="feedback:eoi-7:awa@example.sn")

    assert first.pk == second.pk and OutboundMail.objects.count() == 1


def test_mail_create_replace_discarded_regenerates_a_discarded_draft(test_templates, manager):
    key = "feedback:eoi-7:awa@example.sn"
    first = create(test_templates, state=MailState.DRAFT, dedupe_key=key)
    assert create(test_templates, state=MailState.DRAFT, dedupe_key=key, replace_discarded=True).pk == first.pk

    services.mail_discard(mail=first, by=manager)
    again = create(test_templates, state=MailState.DRAFT, dedupe_key=key, replace_discarded=True)

    assert again.pk != first.pk and again.dedupe_key == key
    assert reload(first).dedupe_key is None and reload(first).state == MailState.DISCARDED


def test_mail_create_rejects_a_bad_address(test_templates):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        create(test_templates, to_email="not an address")
    assert OutboundMail.objects.count() == 0


def test_mail_edit_regenerates_html_in_the_mails_language(manager):
    mail = OutboundMailFactory(language="fr", body_html="<p>old</p>")

    mail = services.mail_edit(mail=mail, subject="Nouveau sujet", body_text="Bonjour <Awa>,\n\nhttps://jln.example/x", by=manager)

    assert (mail.subject, mail.body_text) == ("Nouveau sujet", "Bonjour <Awa>,\n\nhttps://jln.example/x")
    assert "<p>Bonjour &lt;Awa&gt;,</p>" in mail.body_html
    assert '<a href="https://jln.example/x"' in mail.body_html
    assert '<html lang="fr">' in mail.body_html
    assert mail.history.first().history_user == manager


def test_mail_edit_of_approved_mail_returns_it_to_draft(manager):
    mail = services.mail_approve(mail=OutboundMailFactory(), by=manager)

    mail = services.mail_edit(mail=mail, subject="Changed", body_text="Changed text", by=manager)

    assert (mail.state, mail.approved_by, mail.approved_at) == (MailState.DRAFT, None, None)


@pytest.mark.parametrize("state", [MailState.SCHEDULED, MailState.SENT, MailState.DISCARDED])
def test_mail_edit_refused_once_out_of_drafts(state, manager):
    mail = OutboundMailFactory(state=state, send_after=timezone.now(), sent_at=timezone.now())

    with pytest.raises(services.TransitionNotAllowed):
        services.mail_edit(mail=mail, subject="x", body_text="y", by=manager)
    assert reload(mail).subject == mail.subject


def test_mail_approve_twice_is_harmless(manager):
    mail = OutboundMailFactory()

    first = services.mail_approve(mail=mail, by=manager)
    second = services.mail_approve(mail=mail, by=manager)

    assert first.state == second.state == MailState.APPROVED
    assert second.approved_at == first.approved_at
    assert mail.history.count() == 2  # created, approved: the second click left no trace


def test_mail_schedule_now_sends_once_even_when_clicked_twice(manager, django_capture_on_commit_callbacks):
    mail = services.mail_approve(mail=OutboundMailFactory(), by=manager)

    with django_capture_on_commit_callbacks(execute=True):
        services.mail_schedule(mail=mail, by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.mail_schedule(mail=mail, by=manager)

    assert len(django_mail.outbox) == 1 and reload(mail).state == MailState.SENT


def test_mail_schedule_later_waits_for_its_time(manager, django_capture_on_commit_callbacks):
    mail = services.mail_approve(mail=OutboundMailFactory(), by=manager)
    later = timezone.now() + timedelta(days=2)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mail = services.mail_schedule(mail=mail, by=manager, send_after=later)

    assert callbacks == [] and (mail.state, mail.send_after) == (MailState.SCHEDULED, later)


def test_mail_schedule_draft_is_refused(manager):
    with pytest.raises(services.TransitionNotAllowed):
        services.mail_schedule(mail=OutboundMailFactory(), by=manager)


def test_mail_unschedule_returns_to_approved_but_not_once_claimed(manager):
    later = timezone.now() + timedelta(days=1)
    mail = OutboundMailFactory(state=MailState.SCHEDULED, send_after=later)
    claimed = OutboundMailFactory(state=MailState.SENDING, send_after=later, claimed_at=timezone.now())

    assert services.mail_unschedule(mail=mail, by=manager).state == MailState.APPROVED
    with pytest.raises(services.TransitionNotAllowed):
        services.mail_unschedule(mail=claimed, by=manager)
    with pytest.raises(services.TransitionNotAllowed):
        services.mail_unschedule(mail=OutboundMailFactory(state=MailState.DRAFT), by=manager)


def test_mail_discard_twice_is_harmless_and_sent_mail_cannot_be_discarded(manager):
    mail = OutboundMailFactory()
    services.mail_discard(mail=mail, by=manager)

    assert services.mail_discard(mail=mail, by=manager).state == MailState.DISCARDED
    with pytest.raises(services.TransitionNotAllowed):
        services.mail_discard(mail=OutboundMailFactory(state=MailState.SENT, sent_at=timezone.now()), by=manager)


def test_mail_resend_creates_a_new_record_and_sends_it(manager, django_capture_on_commit_callbacks):
    original = OutboundMailFactory(state=MailState.SENT, sent_at=timezone.now(), batch="feedback-call-1")

    with django_capture_on_commit_callbacks(execute=True):
        copy = services.mail_resend(mail=original, by=manager, seen_resends=0)

    copy = reload(copy)
    assert copy.pk != original.pk and copy.resend_of == original and copy.created_by == manager
    assert (copy.subject, copy.body_text, copy.to_email, copy.batch) == (
        original.subject, original.body_text, original.to_email, original.batch)
    assert copy.state == MailState.SENT and len(django_mail.outbox) == 1
    assert reload(original).state == MailState.SENT and reload(original).sent_at == original.sent_at


def test_mail_resend_twice_from_the_same_page_makes_one_copy(manager):
    original = OutboundMailFactory(state=MailState.FAILED, last_error="550 no")

    first = services.mail_resend(mail=original, by=manager, seen_resends=0)
    double_click = services.mail_resend(mail=original, by=manager, seen_resends=0)
    deliberate = services.mail_resend(mail=original, by=manager, seen_resends=1)

    assert first.pk == double_click.pk != deliberate.pk
    assert original.resends.count() == 2


def test_mail_resend_of_a_draft_is_refused(manager):
    with pytest.raises(services.TransitionNotAllowed):
        services.mail_resend(mail=OutboundMailFactory(), by=manager)


def test_batch_approve_approves_only_that_batchs_drafts_once(manager):
    drafts = OutboundMailFactory.create_batch(3, batch="feedback-call-1")
    discarded = OutboundMailFactory(batch="feedback-call-1", state=MailState.DISCARDED)
    other = OutboundMailFactory(batch="feedback-call-2")

    assert services.batch_approve(batch="feedback-call-1", by=manager) == 3
    assert services.batch_approve(batch="feedback-call-1", by=manager) == 0

    assert {reload(m).state for m in drafts} == {MailState.APPROVED}
    assert {reload(m).approved_by for m in drafts} == {manager}
    assert reload(discarded).state == MailState.DISCARDED and reload(other).state == MailState.DRAFT
    assert drafts[0].history.first().history_user == manager


def test_batch_schedule_sends_approved_now_and_leaves_drafts(manager, django_capture_on_commit_callbacks):
    approved = OutboundMailFactory.create_batch(2, batch="b1", state=MailState.APPROVED)
    draft = OutboundMailFactory(batch="b1")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.batch_schedule(batch="b1", by=manager) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert services.batch_schedule(batch="b1", by=manager) == 0

    assert {reload(m).state for m in approved} == {MailState.SENT}
    assert reload(draft).state == MailState.DRAFT
    assert sorted(getaddresses([m.to[0]])[0] for m in django_mail.outbox) == sorted((m.to_name, m.to_email) for m in approved)


def test_batch_schedule_later_sets_the_time(manager):
    OutboundMailFactory.create_batch(2, batch="b1", state=MailState.APPROVED)
    later = timezone.now() + timedelta(days=3)

    services.batch_schedule(batch="b1", by=manager, send_after=later)

    assert set(OutboundMail.objects.values_list("state", "send_after")) == {(MailState.SCHEDULED, later)}


def test_batch_status_warns_when_the_date_is_near_and_mails_are_not_approved(manager):
    now = timezone.now()
    OutboundMailFactory.create_batch(2, batch="feedback-call-1")
    OutboundMailFactory(batch="feedback-call-1", state=MailState.SENT, sent_at=now)

    near = services.batch_status(batch="feedback-call-1", deadline=now + timedelta(days=2), now=now)
    far = services.batch_status(batch="feedback-call-1", deadline=now + timedelta(days=10), now=now)
    past = services.batch_status(batch="feedback-call-1", deadline=now - timedelta(hours=1), now=now)

    assert (near.total, near.not_approved, near.counts[MailState.SENT]) == (3, 2, 1)
    assert (near.warning, near.overdue) == (True, False)
    assert far.warning is False
    assert (past.warning, past.overdue) == (True, True)

    services.batch_approve(batch="feedback-call-1", by=manager)
    services.batch_schedule(batch="feedback-call-1", by=manager, send_after=now + timedelta(days=1))
    done = services.batch_status(batch="feedback-call-1", deadline=now + timedelta(days=2), now=now)
    assert done.warning is False and done.counts[MailState.SCHEDULED] == 2


def test_batch_status_without_deadline_uses_the_first_scheduled_time():
    soon = timezone.now() + timedelta(hours=5)
    OutboundMailFactory(batch="b1", state=MailState.SCHEDULED, send_after=soon)
    OutboundMailFactory(batch="b1")

    status = services.batch_status(batch="b1")

    assert status.deadline == soon and status.warning is True
