"""Every change of an outgoing mail's state happens here.

Sending is safe to repeat: a worker first *claims* a row with a conditional
UPDATE (SCHEDULED and due → SENDING) and sends only if it won the claim, so a
double click, a task delivered twice or two dispatchers never send twice.
Scheduling lives in the database (`send_after`), never in broker countdowns.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .enums import MailState, TRANSITIONS
from .models import OutboundMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
STUCK_AFTER = timedelta(minutes=10)


class TransitionNotAllowed(Exception):
    pass


def mail_render(*, template, context, language):
    """(subject, text, html) of `template` (a prefix: `<prefix>_subject.txt`,
    `_body.txt`, `_body.html`) rendered in `language`."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}_body.txt", context)
        html = render_to_string(f"{template}_body.html", context)
    return subject, text, html


def mail_create(
    *, kind, to_email, template, context, language, to_name="", related=None, dedupe_key=None,
    state=MailState.SCHEDULED, send_after=None, created_by=None,
):
    """Render and store one mail. SCHEDULED mails (the default: transactional
    mail) are queued for sending when the surrounding transaction commits.
    With `dedupe_key`, a second call returns the first mail and sends nothing."""
    if dedupe_key:
        existing = OutboundMail.objects.filter(dedupe_key=dedupe_key).first()
        if existing:
            return existing
    subject, text, html = mail_render(template=template, context=context, language=language)
    mail = OutboundMail(
        kind=kind, state=state, to_email=to_email, to_name=to_name, language=language,
        subject=subject, body_text=text, body_html=html, dedupe_key=dedupe_key, created_by=created_by,
        send_after=send_after or (timezone.now() if state == MailState.SCHEDULED else None),
    )
    if related is not None:
        mail.related_type = ContentType.objects.get_for_model(related)
        mail.related_id = related.pk
    try:
        with transaction.atomic():
            mail.save()
    except IntegrityError:
        if dedupe_key:
            return OutboundMail.objects.get(dedupe_key=dedupe_key)
        raise
    if mail.state == MailState.SCHEDULED:
        _enqueue_on_commit(mail)
    return mail


def _enqueue_on_commit(mail):
    from .tasks import send_mail_task

    if mail.send_after and mail.send_after <= timezone.now():
        transaction.on_commit(lambda: send_mail_task.delay(mail_id=mail.pk))


def _transition(mail, target, **fields):
    """Move `mail` to `target` if the current state allows it (row-locked)."""
    with transaction.atomic():
        current = OutboundMail.objects.select_for_update().get(pk=mail.pk)
        if target not in TRANSITIONS[MailState(current.state)]:
            raise TransitionNotAllowed(f"{current.state} → {target}")
        for name, value in fields.items():
            setattr(current, name, value)
        current.state = target
        current.save(update_fields=["state", *fields])
    return current


def mail_approve(*, mail, by):
    return _transition(mail, MailState.APPROVED, approved_by=by, approved_at=timezone.now())


def mail_discard(*, mail, by):
    return _transition(mail, MailState.DISCARDED)


def mail_schedule(*, mail, send_after=None):
    """Approved → scheduled, for `send_after` (now if None)."""
    mail = _transition(mail, MailState.SCHEDULED, send_after=send_after or timezone.now())
    _enqueue_on_commit(mail)
    return mail


def mail_resend(*, mail, by):
    """A manual resend is a new record; the original keeps its history."""
    copy = OutboundMail.objects.create(
        kind=mail.kind, state=MailState.SCHEDULED, to_email=mail.to_email, to_name=mail.to_name,
        language=mail.language, subject=mail.subject, body_text=mail.body_text, body_html=mail.body_html,
        related_type=mail.related_type, related_id=mail.related_id, created_by=by, resend_of=mail,
        send_after=timezone.now(),
    )
    _enqueue_on_commit(copy)
    return copy


def mail_claim(*, mail_id):
    """Atomically take a due SCHEDULED mail for sending; None if someone else has it."""
    now = timezone.now()
    claimed = OutboundMail.objects.filter(
        pk=mail_id, state=MailState.SCHEDULED, send_after__lte=now
    ).update(state=MailState.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    return OutboundMail.objects.get(pk=mail_id) if claimed else None


def _is_temporary(error):
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _msg in error.recipients.values())
    return isinstance(error, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError))


def backoff(attempts):
    """Delay before retry n (1-based): 1, 2, 4 … minutes, at most 30."""
    return timedelta(minutes=min(30, 2 ** max(0, attempts - 1)))


def mail_deliver(*, mail_id, connection=None):
    """Claim and send one mail. Returns the mail's final state for this attempt."""
    mail = mail_claim(mail_id=mail_id)
    if mail is None:
        return None
    message = EmailMultiAlternatives(
        subject=mail.subject, body=mail.body_text, from_email=settings.DEFAULT_FROM_EMAIL,
        to=[f"{mail.to_name} <{mail.to_email}>" if mail.to_name else mail.to_email],
        headers={"Message-ID": mail.message_id},
        connection=connection or get_connection(),
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the row
        logger.warning("Sending mail %s failed: %s", mail.pk, error)
        if _is_temporary(error) and mail.attempts < MAX_ATTEMPTS:
            OutboundMail.objects.filter(pk=mail.pk, state=MailState.SENDING).update(
                state=MailState.SCHEDULED, send_after=timezone.now() + backoff(mail.attempts),
                last_error=repr(error),
            )
            return MailState.SCHEDULED
        OutboundMail.objects.filter(pk=mail.pk, state=MailState.SENDING).update(
            state=MailState.FAILED, last_error=repr(error)
        )
        return MailState.FAILED
    OutboundMail.objects.filter(pk=mail.pk, state=MailState.SENDING).update(
        state=MailState.SENT, sent_at=timezone.now(), last_error=""
    )
    return MailState.SENT


def mail_due_ids(*, limit=500):
    return list(
        OutboundMail.objects.filter(state=MailState.SCHEDULED, send_after__lte=timezone.now())
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def mail_recover_stuck(*, older_than=STUCK_AFTER):
    """Mails left in SENDING by a worker that died go back to SCHEDULED."""
    return OutboundMail.objects.filter(
        state=MailState.SENDING, claimed_at__lt=timezone.now() - older_than
    ).update(state=MailState.SCHEDULED, send_after=timezone.now())
