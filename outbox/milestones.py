"""Reminders: each goes out once per recipient per milestone, and the database
guarantees it (the mail's unique `dedupe_key` is made of the two).

A milestone is a string naming one moment for one object, e.g.
"eoi-deadline:call-12:d-7" (seven days before call 12's deadline). An app that
sends reminders writes a `reminders.py` with a function decorated
`@reminder`; the beat job `outbox.send_reminders` (hourly) calls every such
function, which finds who must be reminded now and calls `milestone_notify()`.
Running it twice, or on two machines, sends nothing more.

    # eoi/reminders.py
    from outbox.milestones import Recipient, milestone_notify, reminder

    @reminder
    def drafts_before_deadline(*, now):
        for call in calls_with_deadline_in(days=7, now=now):
            milestone_notify(
                milestone=f"eoi-deadline:call-{call.pk}:d-7", template="eoi/mail/draft_reminder",
                recipients=[Recipient.from_user(u, language=c.working_language) for c, u in ...],
                context=lambda recipient: {...}, related=call,
            )
"""

import hashlib
import logging
from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .enums import MailKind, MailState
from .models import OutboundMail
from .services import mail_get_or_create

logger = logging.getLogger(__name__)

_KEY_LIMIT = OutboundMail._meta.get_field("dedupe_key").max_length
_providers = []


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""
    language: str = "en"

    @classmethod
    def from_user(cls, user, *, language=None):
        """A portal user; `language` overrides theirs (e.g. the country's working language)."""
        return cls(email=user.email, name=user.full_name, language=language or user.language)


def milestone_key(*, milestone, email):
    """The dedupe key of one recipient's mail for one milestone (at most 200 characters)."""
    key = f"milestone:{milestone}:{email.strip().lower()}"
    if len(key) <= _KEY_LIMIT:
        return key
    return f"milestone:sha256:{hashlib.sha256(key.encode()).hexdigest()}"


def milestone_notify(
    *, milestone, recipients, template, context, kind=MailKind.REMINDER, related=None, batch="", created_by=None
):
    """Create (scheduled now) one mail per recipient who has not had one for
    this milestone, each rendered in the recipient's language. `context` is a
    dict or a function of the Recipient returning one; the template also gets
    `recipient`. Returns the mails created by this call."""
    recipients = list({r.email.strip().lower(): r for r in recipients}.values())
    keys = {r.email: milestone_key(milestone=milestone, email=r.email) for r in recipients}
    already = set(OutboundMail.objects.filter(dedupe_key__in=keys.values()).values_list("dedupe_key", flat=True))
    created = []
    for recipient in recipients:
        if keys[recipient.email] in already:
            continue
        values = context(recipient) if callable(context) else dict(context)
        mail, new = mail_get_or_create(
            kind=kind, to_email=recipient.email, to_name=recipient.name, language=recipient.language,
            template=template, context={**values, "recipient": recipient}, related=related,
            dedupe_key=keys[recipient.email], state=MailState.SCHEDULED, batch=batch, created_by=created_by,
        )
        if new:
            created.append(mail)
    return created


def reminder(function):
    """Register a reminder provider: a function called as `function(now=...)`."""
    if function not in _providers:
        _providers.append(function)
    return function


def run_reminders(*, now=None):
    """Call every registered provider (from each app's reminders.py). A
    provider that fails is logged and does not stop the others.
    Returns {provider name: result}."""
    autodiscover_modules("reminders")
    now = now or timezone.now()
    results = {}
    for provider in list(_providers):
        name = f"{provider.__module__}.{provider.__qualname__}"
        try:
            results[name] = provider(now=now)
        except Exception:  # noqa: BLE001 - one app's bug must not stop another app's reminders
            logger.exception("Reminder provider %s failed", name)
            results[name] = None
    return results
