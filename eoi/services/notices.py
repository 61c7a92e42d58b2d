"""Mails to a country when the network manager grants it an extension, and when its EOI is
withdrawn or reopened: to every active focal point (in their own language) and to the EOI's
contact person (in the country's working language), through the outbox, created inside the
change's transaction (a rolled-back change sends nothing) and once per change (dedupe key)."""

from django.conf import settings
from django.urls import reverse

from outbox.enums import MailKind
from outbox.services import mail_create

EXTENSION, WITHDRAWN, REOPENED = "extension", "withdrawn", "reopened"


def _recipients(eoi):
    """{lower-cased address: (name, language)}: the focal points, then the contact person."""
    recipients = {}
    for person in eoi.country.focal_points.filter(is_active=True).order_by("pk"):
        recipients[person.email.lower()] = (person.full_name, person.language)
    if eoi.contact_email:
        recipients.setdefault(eoi.contact_email.lower(), (eoi.contact_name, eoi.country.working_language))
    return recipients


def eoi_notify(*, eoi, event, moment, by):
    """Queue the mail of `event` (EXTENSION, WITHDRAWN, REOPENED) about `eoi`, made at `moment`."""
    call = eoi.call
    for email, (name, language) in _recipients(eoi).items():
        mail_create(
            kind=MailKind.NOTICE, to_email=email, to_name=name, template="eoi/mail/status_notice",
            context={
                "event": event, "eoi": eoi, "call": call, "country": eoi.country, "name": name, "by": by,
                "call_title": getattr(call, f"title_{language}", "") or call.title,
                "deadline": eoi.effective_deadline,
                "url": settings.PORTAL_URL + reverse("eoi:detail", args=[eoi.pk]),
            },
            language=language, related=eoi, created_by=by,
            dedupe_key=f"eoi-{event}-{eoi.pk}-{moment:%Y%m%d%H%M%S}-{email}"[:200],
        )
