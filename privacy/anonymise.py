"""The primitives of anonymisation (issue 17 §2): each replaces a person's name, address and
position in one kind of row, and in that row's history, and answers how many rows it changed.
They write with `update()` (no new history row: the change is recorded once, as a
PrivacyAction, by privacy/services.py) and are called inside the services' transaction.

What is kept and why (docs/personal-data.md): a team member keeps its organisation, level,
profile, gender and meeting commitment — what the reports count — and its name becomes a
placeholder, so the row stays *filled* (TeamMember.filled_condition) and every team size and
figure stays what it was. The placeholder carries a number: two rows that were the same person
(eoi/team.py, repeated_members) get the same one and two different people different ones, so a
team of five distinct people still counts five (a single fixed text would make them one person
for eoi.team.distinct_count)."""

import html
import re

from django.db.models import Q


from eoi.confirmation_models import MemberConfirmation
from eoi.models import ExpressionOfInterest, StashedInput, TeamMember
from eoi.team import repeated_members
from jln_portal.anonymised import (  # noqa: F401 (names privacy's callers import from here)
    DISPLAY, PLACEHOLDER, PLACEHOLDER_RE, is_placeholder, placeholder_name, removed_address,
)
from outbox.enums import MailState
from outbox.models import OutboundMail
from outbox.services import mail_discard

def member_placeholders(members):
    """{slot: placeholder} for the filled rows `members` of one EOI: a row that repeats an earlier
    person takes that person's placeholder, every other row one numbered by its slot."""
    same_as = {repeat.slot: repeat.same_as for repeat in repeated_members(members)}
    names = {}
    for member in sorted(members, key=lambda m: m.slot):
        names[member.slot] = names[same_as[member.slot]] if member.slot in same_as else placeholder_name(member.slot)
    return names


MEMBER_BLANKED = {"email": "", "position": "", "why_role_matters": ""}


def anonymise_members(members, placeholders):
    """Replace the name of each member (a filled row) by its placeholder and empty its address,
    position and statement, in the row and in all its history. Returns (rows, history rows)."""
    rows = history = 0
    for member in members:
        name = placeholders[member.slot]
        rows += TeamMember.objects.filter(pk=member.pk).update(name=name, **MEMBER_BLANKED)
        history += TeamMember.history.filter(id=member.pk).update(**MEMBER_BLANKED)
        TeamMember.history.filter(id=member.pk).exclude(name="").update(name=name)
    return rows, history


def anonymise_member_history(query):
    """History rows (of members since removed or now someone else) matching `query`."""
    ids = list(TeamMember.history.filter(query).values_list("history_id", flat=True))
    count = TeamMember.history.filter(history_id__in=ids).update(**MEMBER_BLANKED)
    TeamMember.history.filter(history_id__in=ids).exclude(name="").update(name=PLACEHOLDER)
    return count


def anonymise_confirmations(confirmations):
    """The address each request (a MemberConfirmation queryset) was made at; the answer is kept."""
    count = 0
    for pk in confirmations.values_list("pk", flat=True):
        count += MemberConfirmation.objects.filter(pk=pk).update(email=removed_address(pk, "confirmation"))
    return count


CONTACT_BLANKED = {"contact_position": "", "contact_email": ""}


def anonymise_contact(eoi_ids, *, history=True):
    """The contact person of these EOIs (and, with `history`, in all their history rows).
    Returns (rows, history rows)."""
    rows = ExpressionOfInterest.objects.filter(pk__in=eoi_ids).filter(
        ~Q(contact_name="") | ~Q(contact_position="") | ~Q(contact_email=""))
    count = rows.update(**CONTACT_BLANKED)
    ExpressionOfInterest.objects.filter(pk__in=eoi_ids).exclude(contact_name="").update(contact_name=PLACEHOLDER)
    return count, anonymise_contact_history(Q(id__in=eoi_ids)) if history else 0


def anonymise_contact_history(query):
    """EOI history rows matching `query`: their contact person."""
    rows = ExpressionOfInterest.history.filter(query).filter(
        ~Q(contact_name="") | ~Q(contact_position="") | ~Q(contact_email=""))
    ids = list(rows.values_list("history_id", flat=True))
    count = ExpressionOfInterest.history.filter(history_id__in=ids).update(**CONTACT_BLANKED)
    ExpressionOfInterest.history.filter(history_id__in=ids).exclude(contact_name="").update(contact_name=PLACEHOLDER)
    return count


def _carries(mail, needles):
    haystack = " ".join((mail.to_email, mail.to_name, mail.subject, mail.body_text, mail.body_html)).casefold()
    return any(needle in haystack for needle in needles)


def needles_of(names, addresses):
    """The texts whose presence in a mail makes it personal: each name (also HTML-escaped) and address."""
    found = set()
    for value in [*names, *addresses]:
        value = (value or "").strip()
        if value and not is_placeholder(value):
            found |= {value.casefold(), html.escape(value).casefold()}
    return found


def anonymise_mails(mails, *, names, addresses):
    """Of `mails` (an OutboundMail queryset), those that left or will never leave (sent, failed,
    discarded) and name one of these people or are addressed to them: the recipient becomes a
    removed address when it is one of theirs, the recipient's name and the text are emptied, the
    subject keeps its words but their names. Mails still to be sent are left alone (the outbox's
    worker owns them). Also the mails' history rows. Returns (mails, history rows)."""
    needles = needles_of(names, addresses)
    lowered = {a.strip().casefold() for a in addresses if a}
    if not needles:
        return 0, 0
    count = history = 0
    for mail in mails.filter(state__in=MailState.FINAL).only(
            "pk", "to_email", "to_name", "subject", "body_text", "body_html"):
        if not _carries(mail, needles):
            continue
        subject = mail.subject
        for value in sorted(names, key=len, reverse=True):
            if value and not is_placeholder(value):
                subject = re.sub(re.escape(value), str(DISPLAY), subject, flags=re.IGNORECASE)
        changes = {"to_name": "", "subject": subject, "body_text": "", "body_html": ""}
        if mail.to_email.strip().casefold() in lowered:
            changes["to_email"] = removed_address(mail.pk)
        count += OutboundMail.objects.filter(pk=mail.pk).update(**changes)
        changes.pop("body_html")  # not kept in the history
        history += OutboundMail.history.filter(id=mail.pk).update(**changes)
    return count, history


def discard_unsent_to(address, *, by):
    """Mails to `address` not yet handed to a worker: discarded through the outbox's own service
    (the person asked to be erased); one being sent is left to the worker."""
    mails = OutboundMail.objects.filter(to_email__iexact=address, state__in=MailState.DISCARDABLE)
    for mail in mails:
        mail_discard(mail=mail, by=by)
    return len(mails)


def forget_stashed_input(eoi_id):
    """Input kept over a login on this EOI's pages (/eoi/<pk>/…, with or without a language prefix)."""
    return StashedInput.objects.filter(path__regex=rf"^(/[a-z]{{2}})?/eoi/{int(eoi_id)}/").delete()[0]
