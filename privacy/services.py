"""Every change privacy makes to personal data (docs/personal-data.md): the anonymisation of a
team at the end of its retention period (`anonymise_team`, which `teams_due_for_anonymisation`
lists and privacy.tasks.apply_retention runs every day) and the erasure of one person on request
(`person_erase`, with `person_erasure_plan` showing the manager first what it will change).
Each is one transaction and records one PrivacyAction."""

import calendar
import logging
from datetime import date

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, User
from countries.models import CoreGroupMember
from eoi.confirmation_models import MemberConfirmation
from eoi.models import Call, ExpressionOfInterest, TeamMember
from evaluation.enums import EvaluationState
from evaluation.models import Evaluation
from membership.models import ApplicationRequest, MembershipApplication
from outbox.models import OutboundMail
from reports.enums import FileState
from reports.models import GeneratedFile

from . import anonymise as anon
from .enums import PrivacyActionKind
from .models import PrivacyAction, subject_hash
from .person import normalised

logger = logging.getLogger(__name__)


def add_months(day, months):
    """`day` plus `months` calendar months, on the last day of the month when it has fewer days
    (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _selected_eois():
    """EOIs selected, or whose selection the panel has decided but not yet finalised (kept too)."""
    return Evaluation.objects.filter(
        Q(state=EvaluationState.SELECTED) | Q(decision=EvaluationState.SELECTED)).values("eoi_id")


def teams_due_for_anonymisation(now=None):
    """EOIs whose team is due: of a call whose feedback date + retention months has passed, and
    not selected (drafts and withdrawn EOIs included) and not still under review; selected, of a
    call whose collaborative ended retention months ago. Those already anonymised are left out."""
    today = timezone.localdate(now or timezone.now())
    calls = list(Call.objects.only("pk", "feedback_date", "collaborative_ends", "retention_months"))
    others_due = [c.pk for c in calls if add_months(c.feedback_date, c.retention_months) < today]
    selected_due = [c.pk for c in calls
                    if c.collaborative_ends and add_months(c.collaborative_ends, c.retention_months) < today]
    done = PrivacyAction.objects.filter(kind=PrivacyActionKind.RETENTION).values("eoi_id")
    # A review still open is not final (its eligibility may be checked again): kept until it is.
    still_open = Evaluation.objects.filter(state__in=EvaluationState.OPEN).values("eoi_id")
    return (
        ExpressionOfInterest.objects.filter(
            (Q(call_id__in=others_due) & ~Q(pk__in=_selected_eois()) & ~Q(pk__in=still_open))
            | (Q(call_id__in=selected_due) & Q(pk__in=_selected_eois()))
        ).exclude(pk__in=done).select_related("call", "country").order_by("call_id", "pk")
    )


def _related_to(eoi_ids):
    """Mails about these EOIs or their evaluations."""
    types = ContentType.objects.get_for_models(ExpressionOfInterest, Evaluation)
    evaluations = Evaluation.objects.filter(eoi_id__in=eoi_ids).values_list("pk", flat=True)
    return (Q(related_type=types[ExpressionOfInterest], related_id__in=list(eoi_ids))
            | Q(related_type=types[Evaluation], related_id__in=list(evaluations)))


def _delete_generated_files(query):
    count = 0
    for generated in GeneratedFile.objects.filter(query, state__in=FileState.FINAL).only("pk", "file"):
        if generated.file:
            generated.file.storage.delete(generated.file.name)
        generated.delete()
        count += 1
    return count


def anonymise_team(eoi, *, reason_kind=PrivacyActionKind.RETENTION, by=None, now=None):
    """Anonymise the people of `eoi` — its team, its contact person — wherever the portal keeps
    them (privacy/anonymise.py), keeping what the reports count, and record it. Returns the
    PrivacyAction, or None when this EOI's team was already anonymised (nothing changes)."""
    if reason_kind != PrivacyActionKind.RETENTION:
        raise ValueError("A team is anonymised at the end of its retention period only.")
    with transaction.atomic():
        eoi = ExpressionOfInterest.objects.select_for_update().get(pk=eoi.pk)
        if PrivacyAction.objects.filter(kind=reason_kind, eoi=eoi).exists():
            return None
        members = list(TeamMember.objects.filter(eoi=eoi).filled().order_by("slot"))
        people = list(TeamMember.history.filter(eoi_id=eoi.pk).values_list("name", "email"))
        people += list(ExpressionOfInterest.history.filter(id=eoi.pk).values_list("contact_name", "contact_email"))
        people += [(m.name, m.email) for m in members] + [(eoi.contact_name, eoi.contact_email)]
        names, addresses = {n for n, _ in people if n}, {a for _, a in people if a}

        counts = {}
        counts["team members"], _rows = anon.anonymise_members(members, anon.member_placeholders(members))
        counts["team member history rows"] = _rows + anon.anonymise_member_history(
            Q(eoi_id=eoi.pk) & ~Q(id__in=[m.pk for m in members]))
        counts["contact person"], counts["EOI history rows"] = anon.anonymise_contact([eoi.pk])
        counts["member confirmations"] = anon.anonymise_confirmations(
            MemberConfirmation.objects.filter(member__eoi=eoi))
        counts["mails"], counts["mail history rows"] = anon.anonymise_mails(
            OutboundMail.objects.filter(_related_to([eoi.pk])), names=names, addresses=addresses)
        counts["inputs kept over a login"] = anon.forget_stashed_input(eoi.pk)
        counts["generated files"] = _delete_generated_files(
            Q(parameters__eoi_id=eoi.pk) | Q(parameters__call_id=eoi.call_id))
        action = PrivacyAction.objects.create(
            kind=reason_kind, eoi=eoi, performed_by=by, counts=counts, performed_at=now or timezone.now())
    logger.info("privacy: anonymised the team of EOI %s: %s", eoi.pk, counts)
    return action


# --- Erasure of one person on request ---------------------------------------------------------


class ErasureRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _normalised(email):
    email = normalised(email)
    try:
        validate_email(email)
    except ValidationError:
        raise ErasureRefused(_("“%(email)s” is not an e-mail address.") % {"email": email}) from None
    return email


SIGN_IN_RECORDS = {"sign-in attempts": AccessAttempt, "failed sign-ins": AccessFailureLog, "sign-ins": AccessLog}


def _where(email):
    """The rows that hold `email`, by kind (querysets)."""
    members = TeamMember.objects.filter(email__iexact=email)
    eois = ExpressionOfInterest.objects.filter(contact_email__iexact=email)
    return {
        "team members": members,
        "team member history rows": TeamMember.history.filter(email__iexact=email),
        "contact person": eois,
        "EOI history rows": ExpressionOfInterest.history.filter(contact_email__iexact=email),
        "member confirmations": MemberConfirmation.objects.filter(email__iexact=email),
        "mails": OutboundMail.objects.filter(
            Q(to_email__iexact=email)
            | _related_to(set(members.values_list("eoi_id", flat=True)) | set(eois.values_list("pk", flat=True)))),
        "core group members": CoreGroupMember.objects.filter(email__iexact=email),
        "membership applications": MembershipApplication.objects.filter(contact_email__iexact=email),
        "unconfirmed membership applications": ApplicationRequest.objects.filter(email__iexact=email),
        "invitations": Invitation.objects.filter(email__iexact=email),
        "user accounts": User.objects.filter(email__iexact=email),
        **{kind: model.objects.filter(username__iexact=email) for kind, model in SIGN_IN_RECORDS.items()},
    }


def person_erasure_plan(email):
    """{kind: how many rows hold this address} (mails: every mail to it or about an EOI where it
    appears; only those naming the person are changed). Raises ErasureRefused for a bad address or
    an address the portal does not hold."""
    email = _normalised(email)
    plan = {kind: rows.count() for kind, rows in _where(email).items()}
    addressed = OutboundMail.objects.filter(to_email__iexact=email).exists()
    if not addressed and not any(count for kind, count in plan.items() if kind != "mails"):
        raise ErasureRefused(_("The portal holds nothing about “%(email)s”.") % {"email": email})
    return plan


def _names(where):
    names = set(where["team members"].values_list("name", flat=True))
    names |= set(where["team member history rows"].values_list("name", flat=True))
    names |= set(where["contact person"].values_list("contact_name", flat=True))
    names |= set(where["EOI history rows"].values_list("contact_name", flat=True))
    for kind, field in (("core group members", "name"), ("membership applications", "contact_name"),
                        ("invitations", "full_name"), ("user accounts", "full_name")):
        names |= set(where[kind].values_list(field, flat=True))
    return {name for name in names if name}


def _erase_members(members):
    count = 0
    for eoi_id in sorted({m.eoi_id for m in members}):
        team = list(TeamMember.objects.filter(eoi_id=eoi_id).filled().order_by("slot"))
        targets = [m for m in team if m.pk in {t.pk for t in members}]
        count += anon.anonymise_members(targets, anon.member_placeholders(team))[0]
    return count


def _erase_people_rows(where):
    counts = {}
    for kind, field, model in (("core group members", "name", CoreGroupMember),
                               ("membership applications", "contact_name", MembershipApplication)):
        email_field, position = ("email", "position") if model is CoreGroupMember else ("contact_email", "contact_position")
        ids = list(where[kind].values_list("pk", flat=True))
        for pk in ids:
            changes = {field: anon.PLACEHOLDER, position: "", email_field: anon.removed_address(pk, kind.split()[0])}
            model.objects.filter(pk=pk).update(**changes)
            model.history.filter(id=pk).update(**changes)
        counts[kind] = len(ids)
    counts["unconfirmed membership applications"] = where["unconfirmed membership applications"].delete()[0]
    invitations = list(where["invitations"].values_list("pk", flat=True))
    for pk in invitations:
        Invitation.objects.filter(pk=pk).update(full_name=anon.PLACEHOLDER, email=anon.removed_address(pk, "invitation"))
    counts["invitations"] = len(invitations)
    users = list(where["user accounts"])
    for user in users:  # never deleted: downloads, decisions and actions point to it
        user.set_unusable_password()
        user.is_active, user.full_name, user.email = False, anon.PLACEHOLDER, anon.removed_address(user.pk, "user")
        user.save(update_fields=["password", "is_active", "full_name", "email"])
    counts["user accounts"] = len(users)
    for kind in SIGN_IN_RECORDS:  # django-axes' records, under the address: deleted
        counts[kind] = where[kind].delete()[0]
    return counts


def person_erase(email, *, by, reason):
    """Anonymise the person with this address wherever the portal holds it, keep what the
    reports count (as a team's anonymisation does), and record it under the address's hash."""
    email = _normalised(email)
    if by.email.strip().casefold() == email.casefold():
        raise ErasureRefused(_("You cannot erase your own account."))
    with transaction.atomic():
        person_erasure_plan(email)  # refuses an address the portal does not hold
        where = _where(email)
        names, mails = _names(where), list(where["mails"].values_list("pk", flat=True))
        members = list(where["team members"])
        counts = {"team members": _erase_members(members)}
        counts["team member history rows"] = anon.anonymise_member_history(Q(email__iexact=email))
        eoi_ids = list(where["contact person"].values_list("pk", flat=True))
        counts["contact person"], _rows = anon.anonymise_contact(eoi_ids, history=False)
        counts["EOI history rows"] = anon.anonymise_contact_history(Q(contact_email__iexact=email))
        counts["member confirmations"] = anon.anonymise_confirmations(where["member confirmations"])
        counts["mails discarded before leaving"] = anon.discard_unsent_to(email, by=by)
        counts["mails"], counts["mail history rows"] = anon.anonymise_mails(
            OutboundMail.objects.filter(pk__in=mails), names=names, addresses={email})
        counts.update(_erase_people_rows(where))
        action = PrivacyAction.objects.create(
            kind=PrivacyActionKind.PERSON_ERASURE, performed_by=by, subject_hash=subject_hash(email),
            counts=counts, reason=reason)
    logger.info("privacy: erased a person on request (action %s): %s", action.pk, counts)
    return action
