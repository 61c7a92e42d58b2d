"""Every change of an outgoing mail made by the portal or a person: create,
edit, approve, schedule, discard, resend — one by one or by batch.

Sending itself (claim → sending → sent) is in outbox/sending.py. Each step
here is safe to repeat: approving, scheduling or discarding twice (a double
click) changes nothing the second time, and a resend made twice from the same
page creates one new record. Scheduling lives in the database (`send_after`);
a due mail is queued for a worker only after the transaction commits.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from simple_history.utils import bulk_update_with_history

from .enums import MailState, TRANSITIONS
from .models import OutboundMail
from .selectors import batch_counts

EDITED_HTML_TEMPLATE = "outbox/mail/edited_body.html"


class TransitionNotAllowed(Exception):
    pass


def mail_render(*, template, context, language):
    """(subject, text, html) of `template` (a prefix: `<prefix>_subject.txt`,
    `_body.txt`, `_body.html`) rendered in `language`."""
    with translation.override(language):
        # One line; the no-break spaces of French typography stay (str.split() would take them).
        subject = re.sub(r"[ \t\r\n]+", " ", render_to_string(f"{template}_subject.txt", context, using="text")).strip()
        text = render_to_string(f"{template}_body.txt", context, using="text")
        html = render_to_string(f"{template}_body.html", context)
    return subject, text, html


def mail_create(
    *, kind, to_email, template, context, language, to_name="", related=None, dedupe_key=None,
    state=MailState.SCHEDULED, send_after=None, created_by=None, batch="", replace_discarded=False,
):
    """Render and store one mail. SCHEDULED mails (the default: transactional
    mail) are queued for sending when the surrounding transaction commits.
    Feedback and other reviewed mail is created as DRAFT with a `batch` label.

    With `dedupe_key`, a second call returns the first mail and sends nothing —
    unless that mail was discarded and `replace_discarded` is set (regenerating
    a discarded draft): the discarded row then gives up its key."""
    mail, _created = mail_get_or_create(
        kind=kind, to_email=to_email, template=template, context=context, language=language, to_name=to_name,
        related=related, dedupe_key=dedupe_key, state=state, send_after=send_after, created_by=created_by,
        batch=batch, replace_discarded=replace_discarded,
    )
    return mail


def mail_get_or_create(
    *, kind, to_email, template, context, language, to_name="", related=None, dedupe_key=None,
    state=MailState.SCHEDULED, send_after=None, created_by=None, batch="", replace_discarded=False,
):
    """mail_create() that also says whether this call created the mail."""
    if dedupe_key:
        existing = OutboundMail.objects.filter(dedupe_key=dedupe_key).first()
        if existing and not (replace_discarded and existing.state == MailState.DISCARDED):
            return existing, False
    subject, text, html = mail_render(template=template, context=context, language=language)
    now = timezone.now()
    if state == MailState.SCHEDULED:
        send_after = send_after or now
    mail = OutboundMail(
        kind=kind, state=state, batch=batch, to_email=to_email, to_name=to_name, language=language,
        subject=subject, body_text=text, body_html=html, dedupe_key=dedupe_key, created_by=created_by,
        send_after=send_after, queued_at=now if _due(state, send_after, now) else None,
    )
    if related is not None:
        mail.related_type = ContentType.objects.get_for_model(related)
        mail.related_id = related.pk
    _clean(mail)
    try:
        with transaction.atomic():
            if dedupe_key and replace_discarded:
                OutboundMail.objects.filter(dedupe_key=dedupe_key, state=MailState.DISCARDED).update(dedupe_key=None)
            mail._history_user = created_by
            mail.save()
    except IntegrityError:
        if dedupe_key:
            return OutboundMail.objects.get(dedupe_key=dedupe_key), False
        raise
    if mail.queued_at:
        _send_on_commit(mail.pk)
    return mail, True


def _due(state, send_after, now):
    return state == MailState.SCHEDULED and send_after is not None and send_after <= now


def _send_on_commit(mail_id):
    from .tasks import queue_send

    transaction.on_commit(lambda: queue_send([mail_id]))


def _dispatch_on_commit():
    from .tasks import queue_dispatch

    transaction.on_commit(queue_dispatch)


def _locked(mail):
    return OutboundMail.objects.select_for_update().get(pk=mail.pk)


def _clean(mail):
    """Field validation (foreign keys are ours, not typed by a person; the
    database constraints are checked by the database)."""
    mail.full_clean(
        exclude=["related_type", "created_by", "approved_by", "resend_of"],
        validate_unique=False, validate_constraints=False,
    )


def _save(mail, by, fields):
    mail._history_user = by
    _clean(mail)
    mail.save(update_fields=fields)
    return mail


def _move(mail, target, *, by, done=(), sources=None, **fields):
    """Move `mail` to `target` (row-locked). Returns (mail, changed): a mail
    already in `target` or in one of the `done` states is returned unchanged,
    so repeating a step (a double click) is harmless."""
    with transaction.atomic():
        current = _locked(mail)
        if current.state == target or current.state in done:
            return current, False
        allowed = target in TRANSITIONS[MailState(current.state)]
        if not allowed or (sources is not None and current.state not in sources):
            raise TransitionNotAllowed(f"{current.state} → {target}")
        for name, value in fields.items():
            setattr(current, name, value)
        current.state = target
        return _save(current, by, ["state", *fields]), True


def mail_edit(*, mail, subject, body_text, by):
    """Change the subject and text of a draft or approved mail. The HTML part
    is regenerated from the new text (the manager never edits raw HTML, and
    text and HTML cannot say different things). An approved mail goes back to
    draft: approval is of the exact words that will leave."""
    with transaction.atomic():
        current = _locked(mail)
        if current.state not in MailState.EDITABLE:
            raise TransitionNotAllowed(f"cannot edit a {current.state} mail")
        if (current.subject, current.body_text) == (subject, body_text):
            return current
        current.subject, current.body_text = subject, body_text
        current.body_html = render_edited_html(subject=subject, text=body_text, language=current.language)
        fields = ["subject", "body_text", "body_html"]
        if current.state == MailState.APPROVED:
            current.state, current.approved_by, current.approved_at = MailState.DRAFT, None, None
            fields += ["state", "approved_by", "approved_at"]
        return _save(current, by, fields)


def render_edited_html(*, subject, text, language):
    with translation.override(language):
        return render_to_string(EDITED_HTML_TEMPLATE, {"subject": subject, "text": text})


def mail_approve(*, mail, by):
    """Draft → approved. Approving again (or once it is on its way) changes nothing."""
    mail, _changed = _move(
        mail, MailState.APPROVED, by=by, done={MailState.SCHEDULED, MailState.SENDING, MailState.SENT},
        approved_by=by, approved_at=timezone.now(),
    )
    return mail


def mail_schedule(*, mail, by, send_after=None):
    """Approved → scheduled for `send_after` (now if None). Scheduling again
    keeps the first time."""
    now = timezone.now()
    send_after = send_after or now
    due = send_after <= now
    mail, changed = _move(
        mail, MailState.SCHEDULED, by=by, done={MailState.SENDING, MailState.SENT},
        send_after=send_after, queued_at=now if due else None,
    )
    if changed and due:
        _send_on_commit(mail.pk)
    return mail


def mail_unschedule(*, mail, by):
    """Scheduled → approved again, as long as no worker has claimed it."""
    mail, _changed = _move(
        mail, MailState.APPROVED, by=by, sources={MailState.SCHEDULED}, send_after=None, queued_at=None
    )
    return mail


def mail_discard(*, mail, by):
    mail, _changed = _move(mail, MailState.DISCARDED, by=by)
    return mail


def mail_resend(*, mail, by, seen_resends=None):
    """A manual resend is a new record (the original keeps its history),
    scheduled now. `seen_resends` is how many resends the person saw on the
    page: two clicks from the same page create one record."""
    if mail.state not in MailState.RESENDABLE:
        raise TransitionNotAllowed(f"cannot resend a {mail.state} mail")
    number = (mail.resends.count() if seen_resends is None else seen_resends) + 1
    now = timezone.now()
    copy = OutboundMail(
        kind=mail.kind, state=MailState.SCHEDULED, batch=mail.batch, to_email=mail.to_email,
        to_name=mail.to_name, language=mail.language, subject=mail.subject, body_text=mail.body_text,
        body_html=mail.body_html, related_type=mail.related_type, related_id=mail.related_id,
        created_by=by, resend_of=mail, send_after=now, queued_at=now,
        dedupe_key=f"resend:{mail.pk}:{number}",
    )
    try:
        with transaction.atomic():
            copy._history_user = by
            copy.save()
    except IntegrityError:
        return OutboundMail.objects.get(dedupe_key=copy.dedupe_key)
    _send_on_commit(copy.pk)
    return copy


# --- Batches: mails sharing a `batch` label, e.g. "feedback-call-12". ---

def _batch_move(*, batch, source, by, **fields):
    with transaction.atomic():
        rows = list(OutboundMail.objects.select_for_update().filter(batch=batch, state=source).order_by("pk"))
        for row in rows:
            for name, value in fields.items():
                setattr(row, name, value)
        if rows:
            bulk_update_with_history(rows, OutboundMail, list(fields), default_user=by)
    return len(rows)


def batch_approve(*, batch, by):
    """Approve every draft of the batch. Returns how many were approved."""
    return _batch_move(
        batch=batch, source=MailState.DRAFT, by=by,
        state=MailState.APPROVED, approved_by=by, approved_at=timezone.now(),
    )


def batch_schedule(*, batch, by, send_after=None):
    """Schedule every approved mail of the batch for `send_after` (now if
    None). Drafts are left alone. Returns how many were scheduled."""
    now = timezone.now()
    send_after = send_after or now
    count = _batch_move(batch=batch, source=MailState.APPROVED, by=by, state=MailState.SCHEDULED, send_after=send_after)
    if count and send_after <= now:
        _dispatch_on_commit()
    return count


@dataclass
class BatchStatus:
    """Where a batch stands, and whether the manager must act before `deadline`
    (the call's feedback date, or the batch's earliest scheduled time)."""

    batch: str
    counts: dict = field(default_factory=dict)
    deadline: object = None
    warn_within: timedelta = timedelta(days=3)
    now: object = None

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def not_approved(self):
        return self.counts.get(MailState.DRAFT, 0)

    @property
    def approved_not_scheduled(self):
        return self.counts.get(MailState.APPROVED, 0)

    @property
    def pending(self):
        return sum(self.counts.get(state, 0) for state in MailState.PENDING)

    @property
    def overdue(self):
        return self.deadline is not None and self.deadline <= self.now and self.not_approved + self.approved_not_scheduled > 0

    @property
    def warning(self):
        """The deadline is near (or past) and some mails are still not approved
        or not scheduled."""
        if self.deadline is None or self.not_approved + self.approved_not_scheduled == 0:
            return False
        return self.deadline - self.now <= self.warn_within


def batch_status_from_counts(*, batch, counts, deadline=None, now=None, warn_within=None):
    return BatchStatus(
        batch=batch, counts={state: counts.get(state, 0) for state in MailState.values},
        deadline=deadline, now=now or timezone.now(),
        warn_within=warn_within if warn_within is not None else getattr(settings, "OUTBOX_BATCH_WARNING", timedelta(days=3)),
    )


def batch_status(*, batch, deadline=None, now=None, warn_within=None):
    """Counts by state of `batch` and the warning the feedback step shows with
    its call's feedback date as `deadline` (default: the earliest time a mail
    of the batch is scheduled for)."""
    counts, first_scheduled = batch_counts(batch)
    return batch_status_from_counts(
        batch=batch, counts=counts, deadline=deadline or first_scheduled, now=now, warn_within=warn_within
    )
