"""The staff EOI list as tables (reports/exports.py writes them as CSV or XLSX): one row per
EOI, or one row per proposed team member. Rows come from the list's own filtered queryset
(`selectors.call_eoi_list` + `filters.EOIFilter`) with the teams and their confirmations
prefetched (`selectors.with_team`): both tables read the members' own answers (issue 17),
the EOI table as counts (`selectors.confirmation_summary`, the "4 of 5 confirmed" of the pages)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from jln_portal.anonymised import shown
from jln_portal.moments import zone_label_now
from reports.exports import Table

from .selectors import confirmation_summary, eoi_members


def _local(value, call):
    return timezone.localtime(value, call.tzinfo) if value else None


def eoi_table(call, eois):
    zone = zone_label_now(call.time_zone)
    headers = [
        _("Country"), _("ISO code"), _("Region"), _("Working language"), _("JLN membership"), _("Status"),
        _("Received through"), _("Submitted (%(zone)s)") % {"zone": zone}, _("On time"),
        _("Problems left"), _("Team members"), _("Members who confirmed"), _("Members who declined"),
        _("Members not answered yet"), _("Contact person"), _("Position"), _("E-mail address"),
        _("Submitted by"), _("Last saved (%(zone)s)") % {"zone": zone},
    ]
    rows = []
    for eoi in eois:
        country = eoi.country
        on_time = eoi.submitted_at <= eoi.effective_deadline if eoi.submitted_at else None
        answers = confirmation_summary(eoi_members(eoi))
        rows.append([
            str(country.name), country.code.code, country.get_region_display(), country.get_working_language_display(),
            country.get_membership_level_display(), eoi.get_status_display(), eoi.get_channel_display(),
            _local(eoi.submitted_at, call), (_("yes") if on_time else _("no")) if on_time is not None else "",
            eoi.problem_count, eoi.member_count, answers["confirmed"], answers["declined"], answers["waiting"],
            shown(eoi.contact_name), eoi.contact_position, eoi.contact_email,
            str(eoi.submitted_by or ""), _local(eoi.updated_at, call),
        ])
    return Table(title=_("Expressions of interest"), headers=headers, rows=rows)


def yes_no(value):
    return _("yes") if value else _("no")


def member_answer(member):
    """(answer, answered at, consent, needs interpretation) of a member read with its
    confirmation: the answer's label ("Not asked yet" for a member never asked: no address,
    or a draft); consent and interpretation only once answered (empty while waiting)."""
    confirmation = getattr(member, "confirmation", None)
    if confirmation is None:
        return _("Not asked yet"), None, "", ""
    if confirmation.answered_at is None:
        return confirmation.get_state_display(), None, "", ""
    return (confirmation.get_state_display(), confirmation.answered_at, yes_no(confirmation.consent),
            yes_no(confirmation.needs_interpretation))


def team_member_table(call, eois):
    zone = zone_label_now(call.time_zone)
    headers = [
        _("Country"), _("ISO code"), _("Status"), _("Row"), _("Name"), _("Position"), _("Organisation"), _("Level"),
        _("Participant profile"), _("Gender"), _("E-mail address"), _("Commits to the in-person meetings"),
        _("Their own answer"), _("Answered (%(zone)s)") % {"zone": zone},
        _("Consents to their data being used for the selection"), _("Needs French interpretation"),
        _("Why their role matters"),
    ]
    rows = []
    for eoi in eois:
        for member in eoi_members(eoi):
            answer, answered_at, consent, interpretation = member_answer(member)
            rows.append([
                str(eoi.country.name), eoi.country.code.code, eoi.get_status_display(), member.slot, shown(member.name),
                member.position, member.organisation, member.get_level_display(),
                str(member.profile) if member.profile else "", member.get_gender_display(), member.email,
                yes_no(member.commits_to_meetings), answer, _local(answered_at, call), consent, interpretation,
                member.why_role_matters,
            ])
    return Table(title=_("Team members"), headers=headers, rows=rows)


TABLES = {"eois": eoi_table, "members": team_member_table}
