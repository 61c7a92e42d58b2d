"""An EOI that arrived by e-mail (the call allows it: `Call.alternative_submission_email`): the
network manager transcribes it on the country's behalf, and takes over a draft the country began
in the portal only when told to, mailing its focal points. The rest of an EOI's life is eois.py."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outbox.enums import MailKind
from outbox.services import mail_create

from ..enums import Channel, EOIStatus
from ..models import ExpressionOfInterest
from .eois import EOIError, NotEditable, _locked, _save


class CountryDraftExists(EOIError):
    message = _(
        "This country has already started its own expression of interest for this call in the portal. "
        "Tick “Take over the country's draft” to transcribe the e-mail into it: its focal points are told."
    )


def _is_countrys_draft(eoi):
    """Whether the country itself works on `eoi` in the portal (not an empty draft the
    manager opened, e.g. with an extension)."""
    if eoi.channel != Channel.PORTAL:
        return False
    return eoi.version > 1 or not (eoi.created_by and eoi.created_by.is_network_manager)


@transaction.atomic
def eoi_record_email(*, call, country, by, take_over=False, base_url=""):
    """An EOI that arrived by e-mail: the manager transcribes it on the country's behalf.
    A draft the country started in the portal is taken over only with `take_over`
    (refused with CountryDraftExists otherwise), and its focal points are told by mail."""
    eoi, created = ExpressionOfInterest.objects.get_or_create(
        call=call, country=country,
        defaults={"channel": Channel.EMAIL, "created_by": by, "updated_by": by, "problem_count": 1},
    )
    if created:
        return eoi
    current = _locked(eoi)
    if current.status not in EOIStatus.EDITABLE:
        raise NotEditable(_("This country has already submitted an expression of interest for this call."))
    if current.channel != Channel.EMAIL:
        countrys = _is_countrys_draft(current)
        if countrys and not take_over:
            raise CountryDraftExists()
        current.channel = Channel.EMAIL
        _save(current, by, ["channel"])
        if countrys:
            _queue_take_over_notice(current, by=by, base_url=base_url)
    return current


def _queue_take_over_notice(eoi, *, by, base_url):
    """One mail to each active focal point of the country, in their own language."""
    context = {"eoi": eoi, "call": eoi.call, "country": eoi.country, "by": by,
               "url": base_url + reverse("eoi:detail", args=[eoi.pk])}
    for person in eoi.country.focal_points.filter(is_active=True).order_by("pk"):
        mail_create(
            kind=MailKind.NOTICE, to_email=person.email, to_name=person.full_name, template="eoi/mail/taken_over",
            context=context, language=person.language, related=eoi, created_by=by,
            dedupe_key=f"eoi-taken-over-{eoi.pk}-{eoi.version}-{person.email.lower()}"[:200],
        )
