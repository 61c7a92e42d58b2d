"""Sending exactly once, against a real SMTP server on 127.0.0.1."""

import smtplib
from email.utils import getaddresses
from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.core.mail import get_connection
from django.utils import timezone

from outbox import sending, tasks
from outbox.enums import MailState
from outbox.models import OutboundMail

from .factories import OutboundMailFactory

pytestmark = pytest.mark.django_db


def reload(mail):
    return OutboundMail.objects.get(pk=mail.pk)


def test_send_task_run_twice_sends_once(smtp_server):
    mail = OutboundMailFactory(due=True, to_email="amina@example.org")

    tasks.send_mail_task.apply(kwargs={"mail_id": mail.pk})
    tasks.send_mail_task.apply(kwargs={"mail_id": mail.pk})

    assert smtp_server.per_recipient() == {"amina@example.org": 1}
    mail = reload(mail)
    assert (mail.state, mail.attempts, mail.delivery_uncertain) == (MailState.SENT, 1, False)
    assert mail.sent_at is not None and mail.handed_over_at is not None
    assert smtp_server.received[0].message_id == f"<outbox-{mail.pk}@jln-portal>"


def test_claim_second_claimer_gets_nothing():
    mail = OutboundMailFactory(due=True)

    first = sending.mail_claim(mail_id=mail.pk)
    second = sending.mail_claim(mail_id=mail.pk)

    assert first is not None and first.state == MailState.SENDING and first.attempts == 1
    assert second is None


@pytest.mark.parametrize("state", [MailState.DRAFT, MailState.APPROVED, MailState.SENT, MailState.DISCARDED])
def test_claim_not_scheduled_is_refused(state):
    mail = OutboundMailFactory(state=state, send_after=timezone.now(), sent_at=timezone.now())

    assert sending.mail_claim(mail_id=mail.pk) is None
    assert reload(mail).state == state


def test_claim_future_mail_is_refused():
    mail = OutboundMailFactory(state=MailState.SCHEDULED, send_after=timezone.now() + timedelta(minutes=5))

    assert sending.mail_claim(mail_id=mail.pk) is None


def test_dispatch_due_picks_only_due_scheduled_mails():
    now = timezone.now()
    due = OutboundMailFactory(state=MailState.SCHEDULED, send_after=now - timedelta(seconds=1))
    OutboundMailFactory(state=MailState.SCHEDULED, send_after=now + timedelta(hours=1))
    OutboundMailFactory(state=MailState.APPROVED)
    OutboundMailFactory(state=MailState.DRAFT)

    assert sending.mail_dispatch_due(now=now) == [due.pk]
    # Queued a moment ago: not queued again until OUTBOX_REQUEUE_AFTER has passed.
    assert sending.mail_dispatch_due(now=now + timedelta(seconds=1)) == []
    assert sending.mail_dispatch_due(now=now + sending.requeue_after() + timedelta(seconds=1)) == [due.pk]


def test_dispatch_due_busy_broker_requeues_only_after_stuck_after():
    """While the queue is long, a mail queued a while ago is probably still in
    it: it is not queued again until OUTBOX_STUCK_AFTER (no pile of copies)."""
    now = timezone.now()
    waiting = OutboundMailFactory(state=MailState.SCHEDULED, send_after=now, queued_at=now)
    later = now + sending.requeue_after() + timedelta(seconds=1)

    assert sending.mail_dispatch_due(now=later, broker_idle=False) == []
    assert sending.mail_dispatch_due(now=now + sending.stuck_after() + timedelta(seconds=1), broker_idle=False) == [waiting.pk]


def test_dispatch_due_task_sends_due_mails_once(smtp_server):
    now = timezone.now()
    due = [OutboundMailFactory(state=MailState.SCHEDULED, send_after=now - timedelta(minutes=1)) for _ in range(3)]
    later = OutboundMailFactory(state=MailState.SCHEDULED, send_after=now + timedelta(days=1))

    assert tasks.dispatch_due.apply().get() == 3
    assert tasks.dispatch_due.apply().get() == 0

    assert smtp_server.per_recipient() == {m.to_email: 1 for m in due}
    assert reload(later).state == MailState.SCHEDULED


def test_temporary_smtp_error_reschedules_with_backoff(smtp_server):
    smtp_server.handler.answer = "451 4.3.0 Mailbox busy, try again later"
    mail = OutboundMailFactory(due=True)
    before = timezone.now()

    assert sending.mail_deliver(mail_id=mail.pk) == MailState.SCHEDULED

    mail = reload(mail)
    assert mail.state == MailState.SCHEDULED and mail.attempts == 1
    assert mail.last_error == "451 4.3.0 Mailbox busy, try again later"
    assert before + timedelta(seconds=59) <= mail.send_after <= timezone.now() + timedelta(minutes=1)
    assert mail.handed_over_at is None and mail.queued_at is None
    assert smtp_server.received == []
    # Not due yet: a task delivered now does nothing.
    assert sending.mail_deliver(mail_id=mail.pk) is None

    # The retry, once due, goes through.
    smtp_server.handler.answer = "250 OK"
    OutboundMail.objects.filter(pk=mail.pk).update(send_after=timezone.now())
    assert sending.mail_deliver(mail_id=mail.pk) == MailState.SENT
    assert reload(mail).attempts == 2 and reload(mail).last_error == ""
    assert smtp_server.per_recipient() == {mail.to_email: 1}


def test_permanent_smtp_error_fails_with_the_servers_words(smtp_server):
    smtp_server.handler.answer = "550 5.1.1 No such mailbox here"
    mail = OutboundMailFactory(due=True)

    assert sending.mail_deliver(mail_id=mail.pk) == MailState.FAILED

    mail = reload(mail)
    assert (mail.state, mail.last_error, mail.handed_over_at) == (MailState.FAILED, "550 5.1.1 No such mailbox here", None)
    assert sending.mail_deliver(mail_id=mail.pk) is None
    assert smtp_server.received == []


def test_unreachable_server_is_temporary(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", smtp_free_port(), 2
    mail = OutboundMailFactory(due=True)

    assert sending.mail_deliver(mail_id=mail.pk) == MailState.SCHEDULED
    assert "ConnectionRefusedError" in reload(mail).last_error


def smtp_free_port():
    from .smtp_server import free_port

    return free_port()


def test_temporary_errors_fail_after_max_attempts(smtp_server):
    smtp_server.handler.answer = "421 4.7.0 Too busy"
    mail = OutboundMailFactory(due=True, attempts=sending.MAX_ATTEMPTS - 1)

    assert sending.mail_deliver(mail_id=mail.pk) == MailState.FAILED
    assert reload(mail).last_error.startswith("421")


def test_no_answer_after_handover_is_sent_and_flagged_uncertain(smtp_server, settings):
    settings.EMAIL_TIMEOUT = 1
    smtp_server.handler.delay = 2.5  # answers the final dot after the client gave up
    mail = OutboundMailFactory(due=True)

    assert sending.mail_deliver(mail_id=mail.pk) == MailState.SENT

    mail = reload(mail)
    assert mail.state == MailState.SENT and mail.delivery_uncertain is True
    assert mail.sent_at == mail.handed_over_at
    assert "timed out" in mail.last_error


def test_lost_claim_before_commit_point_sends_nothing(smtp_server):
    """A sweeper gave the row to another worker while this one was slow: at the
    commit point the first worker sees it, and drops the connection without
    the final dot, so the server discards the message."""
    mail = OutboundMailFactory(due=True)
    slow = sending.mail_claim(mail_id=mail.pk)
    later = timezone.now() + timedelta(seconds=1)
    sending.mail_recover_stuck(older_than=timedelta(0), now=later)
    fast = sending.mail_claim(mail_id=mail.pk, now=later)
    assert fast.attempts == 2

    assert sending.mail_send_claimed(mail=slow, connection=get_connection()) is None
    assert smtp_server.received == []
    assert reload(mail).state == MailState.SENDING  # still the second worker's

    assert sending.mail_send_claimed(mail=fast, connection=get_connection()) == MailState.SENT
    assert smtp_server.per_recipient() == {mail.to_email: 1}


def test_recover_stuck_without_handover_sends_again_once(smtp_server):
    """kill -9 before the commit point: the server has nothing; the row is retried."""
    mail = OutboundMailFactory(due=True)
    sending.mail_claim(mail_id=mail.pk)  # ...and the worker dies

    assert sending.mail_recover_stuck() == (0, 0, 0)  # too recent: the worker may be alive
    long_ago = timezone.now() - sending.stuck_after() - timedelta(seconds=1)
    OutboundMail.objects.filter(pk=mail.pk).update(claimed_at=long_ago)
    assert sending.mail_recover_stuck() == (1, 0, 0)
    assert reload(mail).state == MailState.SCHEDULED

    assert sending.mail_deliver(mail_id=mail.pk) == MailState.SENT
    assert smtp_server.per_recipient() == {mail.to_email: 1}


def test_recover_stuck_after_handover_is_presumed_sent_not_resent():
    """kill -9 after the commit point: the server probably has it; never resent blindly."""
    mail = OutboundMailFactory(due=True)
    claimed = sending.mail_claim(mail_id=mail.pk)
    OutboundMail.objects.filter(pk=mail.pk).update(handed_over_at=claimed.claimed_at)  # ...and the worker dies

    assert sending.mail_recover_stuck(older_than=timedelta(0), now=timezone.now() + timedelta(seconds=1)) == (0, 1, 0)

    mail = reload(mail)
    assert (mail.state, mail.delivery_uncertain, mail.sent_at) == (MailState.SENT, True, claimed.claimed_at)
    assert sending.mail_deliver(mail_id=mail.pk) is None


def test_recover_stuck_after_too_many_attempts_fails():
    mail = OutboundMailFactory(due=True, attempts=sending.MAX_ATTEMPTS - 1)
    sending.mail_claim(mail_id=mail.pk)

    assert sending.mail_recover_stuck(older_than=timedelta(0), now=timezone.now() + timedelta(seconds=1)) == (0, 0, 1)
    assert reload(mail).state == MailState.FAILED


def test_finishing_a_claim_taken_over_changes_nothing():
    """The fencing token: a worker whose claim was taken over cannot mark the row."""
    mail = OutboundMailFactory(due=True)
    old = sending.mail_claim(mail_id=mail.pk)
    later = timezone.now() + timedelta(seconds=1)
    sending.mail_recover_stuck(older_than=timedelta(0), now=later)
    assert sending.mail_claim(mail_id=mail.pk, now=later).attempts == 2

    assert sending._while_claimed(old).update(state=MailState.SENT, sent_at=timezone.now()) == 0


def test_message_parts_and_headers_reach_the_server(smtp_server):
    mail = OutboundMailFactory(
        due=True, to_name="Awa Ndiaye", to_email="awa@example.sn", language="fr",
        subject="Retour sur votre manifestation d'intérêt", body_text="Bonjour,\n.\nUne ligne qui commence par un point.\n",
        body_html="<p>Bonjour</p>",
    )

    sending.mail_deliver(mail_id=mail.pk)

    [received] = smtp_server.received
    assert received.to == ("awa@example.sn",)
    assert received.subject and "intérêt" in str(email_header(received.subject))
    parts = {part.get_content_type(): part.get_payload(decode=True).decode() for part in received.message.walk()
             if not part.is_multipart()}
    assert parts["text/plain"].replace("\r\n", "\n") == "Bonjour,\n.\nUne ligne qui commence par un point.\n"
    assert parts["text/html"] == "<p>Bonjour</p>"


def email_header(value):
    from email.header import decode_header, make_header

    return make_header(decode_header(value))


def test_locmem_backend_sends_once_and_marks_handover():
    mail = OutboundMailFactory(due=True)

    assert sending.mail_deliver(mail_id=mail.pk) == MailState.SENT
    assert sending.mail_deliver(mail_id=mail.pk) is None
    assert len(django_mail.outbox) == 1 and reload(mail).handed_over_at is not None


@pytest.mark.parametrize(
    ("error", "temporary"),
    [
        (smtplib.SMTPResponseException(451, b"later"), True),
        (smtplib.SMTPResponseException(550, b"no"), False),
        (smtplib.SMTPRecipientsRefused({"a@b.c": (450, b"busy")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b.c": (550, b"unknown")}), False),
        (smtplib.SMTPAuthenticationError(535, b"bad credentials"), True),
        (smtplib.SMTPServerDisconnected("gone"), True),
        (ConnectionRefusedError(), True),
        (TimeoutError(), True),
        (ValueError("bad header"), False),
    ],
)
def test_is_temporary_classifies_errors(error, temporary):
    assert sending.is_temporary(error) is temporary


def test_refused_recipient_fails_before_the_commit_point(smtp_server):
    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 5.1.1 Unknown user"

    smtp_server.handler.handle_RCPT = refuse
    mail = OutboundMailFactory(due=True)

    assert sending.mail_deliver(mail_id=mail.pk) == MailState.FAILED

    mail = reload(mail)
    assert mail.last_error.endswith(f"{mail.to_email}>: 550 5.1.1 Unknown user") and mail.handed_over_at is None


@pytest.mark.parametrize("name", ["Ba, Awa", "Awa Bâ (DSS)", 'N\'Diaye "Awa"', "Awa\r\nBcc: evil@evil.example"])
def test_send_name_with_specials_reaches_only_the_row_address(smtp_server, name):
    mail = OutboundMailFactory(due=True, to_email="awa@example.org", to_name=name)

    assert sending.mail_deliver(mail_id=mail.pk) == MailState.SENT

    received = smtp_server.received
    assert [item.to for item in received] == [("awa@example.org",)]
    assert [address for _n, address in getaddresses(received[0].message.get_all("To"))] == ["awa@example.org"]
    assert received[0].message.get_all("Bcc") is None and reload(mail).to_email == "awa@example.org"


def test_send_crafted_name_delivers_only_to_the_real_address(smtp_server):
    mail = OutboundMailFactory(due=True, to_email="awa@example.org", to_name="x@evil.example (")

    assert sending.mail_deliver(mail_id=mail.pk) == MailState.SENT

    assert smtp_server.per_recipient() == {"awa@example.org": 1}
    header = smtp_server.received[0].message["To"]
    assert getaddresses([header]) == [("x@evil.example (", "awa@example.org")]


def test_recipient_header_that_would_deliver_elsewhere_is_refused():
    mail = OutboundMailFactory.build(to_email="awa@example.org, evil@evil.example", to_name="Awa")

    with pytest.raises(sending.AddressMismatch):
        sending.recipient_header(mail)


def test_message_replies_to_the_network_manager(settings):
    """A country answering a letter writes to the network manager, not to the no-reply sender."""
    settings.NETWORK_MANAGER_EMAIL = "JLN network manager <manager@jln.example.org>"
    mail = OutboundMailFactory(to_email="amina@example.org")

    message = sending.build_message(mail, get_connection()).message()

    assert message["Reply-To"] == "JLN network manager <manager@jln.example.org>"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
