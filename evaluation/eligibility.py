"""The automatic eligibility checklist of an EOI ("EOIs must meet all
requirements to be considered").

Pure: `check_eoi()` reads an EOI whose call, country, answers, team members
and questions are loaded, and returns, for every item, whether it passes and
the facts it found (plain JSON values, stored with the check). `describe()`
turns the facts into a sentence in the active language when a page shows them.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from countries.enums import MembershipLevel
from eoi.enums import QuestionKind
from eoi.selectors import eoi_members
from eoi.team import distinct_count
from jln_portal.moments import moment_text

from .enums import EligibilityItem

MEMBER_FIELDS = ("name", "position", "organisation", "level", "gender", "email", "why_role_matters")
CONTACT_FIELDS = ("name", "position", "email")


@dataclass(frozen=True)
class ItemResult:
    item: str
    passed: bool
    facts: dict


def filled_members(eoi):
    """The team rows with anything typed in them (as the EOI form counts them)."""
    return eoi_members(eoi)


def check_eoi(eoi):
    """Every checklist item of `eoi`, in the order of `EligibilityItem`."""
    call = eoi.call
    members = filled_members(eoi)
    answers = {a.question_id: a.text for a in eoi.answers.all()}
    questions = sorted(call.questions.all(), key=lambda q: (q.order, q.pk))

    unanswered = [
        number for number, q in enumerate(questions, start=1)
        if q.kind == QuestionKind.TEXT and not (answers.get(q.pk) or "").strip()
    ]
    deadline = eoi.effective_deadline
    on_time = eoi.submitted_at is not None and eoi.submitted_at <= deadline
    unprofiled = [
        m.slot for m in members if not m.profile_id or any(not getattr(m, f) for f in MEMBER_FIELDS)
    ]
    contact_missing = [f for f in CONTACT_FIELDS if not (getattr(eoi, f"contact_{f}") or "").strip()]
    levels = list(call.eligible_membership_levels or [])
    country_ok = not levels or eoi.country.membership_level in levels

    return [
        ItemResult(EligibilityItem.COMPLETE, not unanswered, {"unanswered": unanswered}),
        ItemResult(EligibilityItem.ON_TIME, on_time, {
            "submitted_at": eoi.submitted_at.isoformat() if eoi.submitted_at else None,
            "deadline": deadline.isoformat(), "extended": eoi.has_extension,
        }),
        ItemResult(EligibilityItem.TEAM_SIZE, call.min_team_size <= distinct_count(members) <= call.max_team_size, {
            "members": distinct_count(members), "min": call.min_team_size, "max": call.max_team_size,
        }),
        ItemResult(EligibilityItem.MEMBERS_PROFILED, bool(members) and not unprofiled, {"slots": unprofiled}),
        ItemResult(EligibilityItem.CONTACT_COMPLETE, not contact_missing, {"missing": contact_missing}),
        ItemResult(EligibilityItem.COUNTRY_ELIGIBLE, country_ok, {
            "membership": eoi.country.membership_level, "eligible": levels,
        }),
    ]


def _when(value, tz):
    """'15 December 2023, 23:59 (Nairobi time, UTC+3)' in the call's time zone (jln_portal/moments.py)."""
    moment = parse_datetime(value) if value else None
    return moment_text(moment, tz) if moment else "—"


def describe(item, facts, *, passed, call=None):
    """What the portal found for one item, as a sentence in the active language."""
    if item == EligibilityItem.COMPLETE:
        missing = facts.get("unanswered") or []
        if not missing:
            return _("Every written question is answered.")
        return _("No answer to question(s) %(numbers)s.") % {"numbers": ", ".join(map(str, missing))}
    if item == EligibilityItem.ON_TIME:
        tz = call.tzinfo if call is not None else timezone.get_current_timezone()
        values = {"submitted": _when(facts.get("submitted_at"), tz), "deadline": _when(facts.get("deadline"), tz)}
        if passed:
            return _("Submitted %(submitted)s; deadline %(deadline)s.") % values
        return _("Submitted %(submitted)s, after the deadline of %(deadline)s.") % values
    if item == EligibilityItem.TEAM_SIZE:
        count = facts.get("members", 0)
        return ngettext(
            "%(count)s member proposed; the call asks for %(min)s to %(max)s.",
            "%(count)s members proposed; the call asks for %(min)s to %(max)s.", count,
        ) % {"count": count, "min": facts.get("min"), "max": facts.get("max")}
    if item == EligibilityItem.MEMBERS_PROFILED:
        slots = facts.get("slots") or []
        if not slots and passed:
            return _("Every member has a participant profile and complete details.")
        if not slots:
            return _("No team member is proposed.")
        return _("Incomplete or without a participant profile: team member(s) %(slots)s.") % {
            "slots": ", ".join(map(str, slots))
        }
    if item == EligibilityItem.CONTACT_COMPLETE:
        labels = {"name": _("name"), "position": _("position"), "email": _("e-mail address")}
        missing = [str(labels.get(f, f)) for f in facts.get("missing") or []]
        if not missing:
            return _("Name, position and e-mail address given.")
        return _("Missing: %(fields)s.") % {"fields": ", ".join(missing)}
    if item == EligibilityItem.COUNTRY_ELIGIBLE:
        level = dict(MembershipLevel.choices).get(facts.get("membership"), facts.get("membership"))
        eligible = facts.get("eligible") or []
        if not eligible:
            return _("The call is open to every country.")
        allowed = ", ".join(str(dict(MembershipLevel.choices).get(v, v)) for v in eligible)
        return _("JLN membership: %(level)s; the call is open to: %(allowed)s.") % {"level": level, "allowed": allowed}
    return ""
