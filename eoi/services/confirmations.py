"""Each proposed member confirms (issue 17 §1): the request mailed to them with a personal
link, and their answer. See eoi/confirmation_models.py for what the link proves."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outbox.enums import MailKind
from outbox.services import mail_create

from ..confirmation_models import ConfirmationState, MemberConfirmation
from ..models import ExpressionOfInterest, TeamMember


class ConfirmationClosed(Exception):
    """The link was already used or has expired; `message` is for the member."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def confirmation_expiry(call):
    """23:59 on the call's feedback date, in the call's time zone: a moment written as a call's
    deadline is ("until 11 February 2027, 23:59"), never "until 12 February, 00:00", which reads
    as a day too many."""
    return datetime.datetime.combine(call.feedback_date, datetime.time(23, 59), tzinfo=call.tzinfo)


def confirmation_request(*, member, by, dedupe_key=None, now=None):
    """(Re)ask `member` (with an e-mail address): a new token replaces any earlier one, which
    stops working, and any earlier answer is cleared. Mails the link in the country's working
    language through the outbox. Returns the confirmation."""
    eoi = member.eoi
    token = secrets.token_urlsafe(32)
    values = {
        "email": member.email, "submission_number": eoi.submission_number, "token_hash": token_hash(token),
        "requested_at": now or timezone.now(), "expires_at": confirmation_expiry(eoi.call),
        "state": ConfirmationState.WAITING, "consent": False, "needs_interpretation": False, "answered_at": None,
    }
    confirmation, _created = MemberConfirmation.objects.update_or_create(member=member, defaults=values)
    url = settings.PORTAL_URL + reverse("eoi:member_confirm", args=[member.pk, token])
    mail_create(
        kind=MailKind.NOTICE, to_email=member.email, to_name=member.name, template="eoi/mail/member_request",
        context={"member": member, "call": eoi.call, "country": eoi.country, "url": url,
                 "expires_at": timezone.localtime(values["expires_at"], eoi.call.tzinfo)},
        language=eoi.country.working_language, related=eoi, created_by=by,
        dedupe_key=(dedupe_key or f"member-request-{member.pk}-resend-{values['token_hash'][:16]}")[:200],
    )
    return confirmation


def members_not_asked(eoi):
    """The filled members of `eoi` with an e-mail address who were never asked, or were asked at
    another address: whom a submission, or the focal point's "Ask the team to confirm", asks."""
    members = (TeamMember.objects.filled().filter(eoi=eoi).exclude(email="")
               .select_related("confirmation", "eoi__call", "eoi__country").order_by("slot"))
    return [member for member in members
            if getattr(member, "confirmation", None) is None
            or not member.confirmation.is_for(member.email)]


def confirmations_request_for_submission(*, eoi, by):
    """On a submission: ask every member of members_not_asked(). Members already asked at their
    address (on an earlier submission, or from the draft) are left alone."""
    return [confirmation_request(member=member, by=by, dedupe_key=f"member-request-{member.pk}-{eoi.submission_number}")
            for member in members_not_asked(eoi)]


def confirmations_request_before_submission(*, eoi, by):
    """From a draft, when the call requires confirmations (eois.eoi_request_confirmations, which
    holds the EOI's lock): the same members as a submission would ask. A draft has no
    submission number of its own, so each mail is keyed by its own link; a second click asks
    nobody, everyone being asked at their address by then."""
    return [confirmation_request(member=member, by=by) for member in members_not_asked(eoi)]


@transaction.atomic
def confirmation_answer(*, confirmation, confirmed, consent, needs_interpretation, now=None):
    """Record the member's answer, once. A decline mails the country's focal points."""
    current = MemberConfirmation.objects.select_for_update().select_related(
        "member__eoi__call", "member__eoi__country").get(pk=confirmation.pk)
    moment = now or timezone.now()
    if current.state != ConfirmationState.WAITING:
        raise ConfirmationClosed(_("Your answer has already been recorded."))
    if moment >= current.expires_at:
        raise ConfirmationClosed(_("This link has expired."))
    current.state = ConfirmationState.CONFIRMED if confirmed else ConfirmationState.DECLINED
    current.consent = consent
    current.needs_interpretation = needs_interpretation
    current.answered_at = moment
    current.save(update_fields=["state", "consent", "needs_interpretation", "answered_at"])
    if not confirmed:
        _notify_decline(current)
    return current


def _notify_decline(confirmation):
    member = confirmation.member
    eoi = member.eoi
    url = settings.PORTAL_URL + reverse("eoi:detail", args=[eoi.pk])
    for person in eoi.country.focal_points.filter(is_active=True).order_by("pk"):
        mail_create(
            kind=MailKind.NOTICE, to_email=person.email, to_name=person.full_name,
            template="eoi/mail/member_declined",
            context={"member": member, "call": eoi.call, "country": eoi.country, "url": url},
            language=person.language, related=eoi,
            dedupe_key=f"member-declined-{confirmation.pk}-{confirmation.token_hash[:16]}-{person.pk}"[:200],
        )


def confirmation_resend_refusal(member, *, now=None):
    """Why `member` (read with its confirmation) cannot be asked again, or None. A member never
    asked or without an address; one who confirmed at this address (asking again would wipe a
    recorded consent: if the address changed, the next submission asks the new one); and
    anyone once the call's links have ended (a new link would already be expired)."""
    confirmation = getattr(member, "confirmation", None)
    if confirmation is None or not member.email:
        return _("This member cannot be asked again.")
    if confirmation.state == ConfirmationState.CONFIRMED and confirmation.is_for(member.email):
        return _("%(name)s has already confirmed.") % {"name": member.name or member.email}
    if (now or timezone.now()) >= confirmation_expiry(member.eoi.call):
        return _("The call's review has ended: members can no longer be asked.")
    return None


@transaction.atomic
def confirmation_resend(*, eoi, member_pk, by, now=None):
    """The focal point asks a member of `eoi` again: a new link, the old one ended. Only a
    member already asked (the EOI was submitted) who still has an e-mail address, who has not
    confirmed, while the call's links last (`confirmation_resend_refusal`)."""
    # The EOI's lock first, as eoi_submit holds it: a resend never reopens an answer that a
    # submission, waiting for every confirmation (Call.confirmations_required), is counting.
    ExpressionOfInterest.objects.select_for_update(of=("self",)).filter(pk=eoi.pk).first()
    member = (TeamMember.objects.select_for_update().select_related("eoi__call", "eoi__country")
              .filter(eoi=eoi, pk=member_pk, confirmation__isnull=False).exclude(email="").first())
    if member is None:
        raise ConfirmationClosed(_("This member cannot be asked again."))
    refusal = confirmation_resend_refusal(member, now=now)
    if refusal:
        raise ConfirmationClosed(refusal)
    return confirmation_request(member=member, by=by, now=now)
