"""Sending outbox rows exactly once: claim, deliver, dispatch, recover.

Every step is a conditional UPDATE on the row, so it can be repeated, run by
two workers at once or interrupted at any instruction (kill -9) without a mail
leaving twice:

- claim:    SCHEDULED and due → SENDING, attempts + 1. Only one caller wins;
            `attempts` is then the claim's fencing token.
- commit:   handed_over_at is set (only while the claim still stands) after
            the whole message reached the SMTP server and before its final dot
            (outbox/smtp.py, outbox/handover.py). No row with this mark is
            ever sent again.
- finish:   SENDING → SENT / SCHEDULED (temporary error, retried after a
            backoff kept in `send_after`) / FAILED, only while the claim stands.
- recover:  rows left in SENDING longer than OUTBOX_STUCK_AFTER by a dead
            worker: without the mark → SCHEDULED again (nothing was accepted);
            with it → SENT, flagged `delivery_uncertain` (never resent blindly).
- dispatch: due SCHEDULED rows not queued recently get a task; a task the
            broker lost (Redis restart) is re-queued after OUTBOX_REQUEUE_AFTER
            once the queue is empty (after OUTBOX_STUCK_AFTER in any case).

Nothing waits in the broker: no countdown, no ETA, no Celery retry delay.
"""

import logging
import smtplib
from datetime import timedelta
from email.utils import formataddr, getaddresses

import psycopg2
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import DatabaseError
from django.db.models import F, Q
from django.utils import timezone

from . import handover, smtp
from .enums import MailState
from .models import OutboundMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def stuck_after():
    return getattr(settings, "OUTBOX_STUCK_AFTER", timedelta(minutes=5))


def requeue_after():
    return getattr(settings, "OUTBOX_REQUEUE_AFTER", timedelta(minutes=2))


def backoff(attempts):
    """Delay before retry n (1-based): 1, 2, 4 … minutes, at most 30."""
    return timedelta(minutes=min(30, 2 ** max(0, attempts - 1)))


def is_temporary(error):
    """Worth trying again later: 4xx answers, refused or dropped connections,
    time-outs, and authentication errors (a configuration problem that is
    fixed on the server, not a property of the message)."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _reply in error.recipients.values())
    return isinstance(error, (smtplib.SMTPServerDisconnected, OSError, SoftTimeLimitExceeded, DatabaseError, psycopg2.Error))


def describe(error):
    """The server's own words for an SMTP error, else the exception."""
    def reply(code, text):
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return f"{code} {text}"

    if isinstance(error, smtplib.SMTPResponseException):
        return reply(error.smtp_code, error.smtp_error)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{address}: {reply(*answer)}" for address, answer in error.recipients.items())
    return f"{type(error).__name__}: {error}"


def mail_claim(*, mail_id, now=None):
    """Take a due SCHEDULED mail for sending. None if it is not due, not
    scheduled, or another worker has it."""
    now = now or timezone.now()
    claimed = OutboundMail.objects.filter(
        pk=mail_id, state=MailState.SCHEDULED, send_after__lte=now
    ).update(state=MailState.SENDING, claimed_at=now, handed_over_at=None, attempts=F("attempts") + 1)
    return OutboundMail.objects.get(pk=mail_id) if claimed else None


def _while_claimed(mail):
    """The row, as long as the claim `mail` came from still stands."""
    return OutboundMail.objects.filter(pk=mail.pk, state=MailState.SENDING, attempts=mail.attempts)


class AddressMismatch(ValueError):
    """The header would deliver elsewhere than the row's address (a permanent failure)."""


def recipient_header(mail):
    """The To: of `mail`: its name quoted as RFC 5322 asks ("Ba, Awa" <awa@…>), so no
    comma, parenthesis or @ in a name can add or change a recipient. Raises
    AddressMismatch unless the header parses back to exactly the row's address."""
    name = " ".join((mail.to_name or "").split())  # no line break can reach a header
    header = formataddr((name, mail.to_email)) if name else mail.to_email
    parsed = [address for _name, address in getaddresses([header])]
    if parsed != [mail.to_email]:
        raise AddressMismatch(f"the recipient header {header!r} does not name only {mail.to_email}")
    return header


def build_message(mail, connection):
    message = EmailMultiAlternatives(
        subject=mail.subject, body=mail.body_text, from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient_header(mail)],
        headers={"Message-ID": mail.message_id}, connection=connection,
        reply_to=[settings.NETWORK_MANAGER_EMAIL] if settings.NETWORK_MANAGER_EMAIL else None,
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    return message


def mail_send_claimed(*, mail, connection):
    """Send a mail this worker has claimed and record the outcome.
    Returns the row's new state, or None if the claim was lost."""
    try:
        smtp.send(build_message(mail, connection), connection=connection, handover=handover.for_mail(mail))
    except smtp.ClaimLost:
        logger.warning("Mail %s was taken over by another worker before sending; not sent here.", mail.pk)
        return None
    except smtp.NoAnswer as error:
        logger.error("Mail %s: no answer from the mail server after hand-over: %s", mail.pk, error)
        _while_claimed(mail).update(
            state=MailState.SENT, sent_at=F("handed_over_at"), delivery_uncertain=True, last_error=str(error)
        )
        return MailState.SENT
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the row
        logger.warning("Sending mail %s failed: %s", mail.pk, describe(error))
        if is_temporary(error) and mail.attempts < MAX_ATTEMPTS:
            _while_claimed(mail).update(
                state=MailState.SCHEDULED, send_after=timezone.now() + backoff(mail.attempts),
                queued_at=None, handed_over_at=None, last_error=describe(error),
            )
            return MailState.SCHEDULED
        _while_claimed(mail).update(state=MailState.FAILED, handed_over_at=None, last_error=describe(error))
        return MailState.FAILED
    _while_claimed(mail).update(state=MailState.SENT, sent_at=timezone.now(), last_error="")
    return MailState.SENT


def mail_deliver(*, mail_id, connection=None):
    """Claim and send one mail. Returns the state this attempt left it in,
    or None if there was nothing to do (not due, or someone else has it)."""
    mail = mail_claim(mail_id=mail_id)
    if mail is None:
        return None
    own_connection = connection is None
    connection = connection or get_connection()
    try:
        return mail_send_claimed(mail=mail, connection=connection)
    finally:
        if own_connection:
            try:
                connection.close()  # QUIT, after the row is marked
            except Exception as error:  # noqa: BLE001 - the mail is already recorded
                logger.info("Closing the mail connection failed: %s", error)


def mail_dispatch_due(*, limit=500, now=None, broker_idle=True):
    """Ids of due mails that need a send task, marked as queued now.

    A mail never queued is always taken. One queued more than
    OUTBOX_REQUEUE_AFTER ago whose task has still not run was probably lost by
    the broker: it is queued again if the broker's queue is empty (`broker_idle`:
    its task cannot be waiting there), or in any case after OUTBOX_STUCK_AFTER
    (a task held by a worker killed with kill -9 comes back only after the
    visibility timeout). So a long queue is not filled again with copies."""
    now = now or timezone.now()
    stale_after = requeue_after() if broker_idle else max(requeue_after(), stuck_after())
    due = Q(state=MailState.SCHEDULED, send_after__lte=now) & (
        Q(queued_at__isnull=True) | Q(queued_at__lt=now - stale_after)
    )
    ids = list(
        OutboundMail.objects.filter(due).order_by("send_after", "pk").values_list("pk", flat=True)[:limit]
    )
    if ids:
        OutboundMail.objects.filter(due, pk__in=ids).update(queued_at=now)
    return ids


INTERRUPTED = "Interrupted: the worker stopped while sending (recovered by the sweeper)."
UNCERTAIN = (
    "Interrupted after the mail server had received the whole message: presumed sent, "
    "not sent again. Check the mail server's log before resending."
)


def mail_recover_stuck(*, older_than=None, now=None):
    """Rows left in SENDING by a worker that died. Returns (requeued,
    presumed_sent, failed). Safe against a live worker: every UPDATE here and
    the worker's commit point are conditional on `handed_over_at`, so exactly
    one of them wins a given row."""
    now = now or timezone.now()
    older_than = stuck_after() if older_than is None else older_than
    stuck = OutboundMail.objects.filter(state=MailState.SENDING, claimed_at__lt=now - older_than)
    presumed = stuck.filter(handed_over_at__isnull=False).update(
        state=MailState.SENT, sent_at=F("handed_over_at"), delivery_uncertain=True, last_error=UNCERTAIN
    )
    failed = stuck.filter(handed_over_at__isnull=True, attempts__gte=MAX_ATTEMPTS).update(
        state=MailState.FAILED, last_error=INTERRUPTED
    )
    requeued = stuck.filter(handed_over_at__isnull=True).update(
        state=MailState.SCHEDULED, send_after=now, queued_at=None, last_error=INTERRUPTED
    )
    if requeued or presumed or failed:
        logger.warning("Recovered stuck mails: %s requeued, %s presumed sent, %s failed", requeued, presumed, failed)
    return requeued, presumed, failed
