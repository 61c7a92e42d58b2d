"""The ranking as a table (reports/exports.py writes it as CSV or XLSX): the rows of the
ranking page, with the same filters, sort and visibility (`selectors.ranking_rows`), one row
per EOI with its figures; figures a facilitator may not see yet stay empty, as on the page.
Also the participants of the selected teams for each in-person meeting (`participants_table`)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from eoi.confirmation_models import ConfirmationState
from eoi.exports import yes_no
from jln_portal.anonymised import shown
from reports.exports import Table


def ranking_table(rows, criteria, *, normalised=False):
    headers = [
        _("Rank"), _("Country"), _("ISO code"), _("Region"), _("Working language"), _("Eligible"), _("State"),
        _("Decision"), _("Reviews"), _("Mean"),
    ]
    if normalised:
        headers.append(_("Normalised mean"))
    headers += [_("Spread"), _("Standard deviation"), _("Reviewers disagree"), _("Criteria where reviewers disagree")]
    headers += [_("Criterion %(number)s: %(name)s") % {"number": n, "name": c.name} for n, c in enumerate(criteria, 1)]
    headers.append(_("Total of each review"))
    table = Table(title=_("Ranking"), headers=headers)
    for row in rows:
        evaluation, result = row.evaluation, row.result if row.visible else None
        country = evaluation.eoi.country
        line = [
            row.rank, str(country.name), country.code.code, country.get_region_display(),
            country.get_working_language_display(), _("yes") if evaluation.eligible else _("no"),
            evaluation.get_state_display(), evaluation.get_decision_display() if evaluation.decision else "",
            row.review_count, result.mean if result else None,
        ]
        if normalised:
            line.append(result.normalised_mean if result else None)
        line += [
            result.spread if result else None, result.std_dev if result else None,
            (_("yes") if result.disagreement else _("no")) if result else "",
            ", ".join(str(n) for n, c in enumerate(criteria, 1) if c.pk in result.criterion_disagreements)
            if result else "",
        ]
        line += [result.criterion_means.get(c.pk) if result else None for c in criteria]
        line.append("; ".join(f"{name}: {total}" for name, total, _normalised in row.reviews))
        table.rows.append(line)
    return table


def raw_scores_table(scores, criteria):
    """Every score as one row (`selectors.panel_tools.raw_scores`): who gave which score on which
    criterion of which country's EOI, with the comment for the country. Scores are numbers;
    criteria are numbered as on the ranking (their order among `criteria`, the call's)."""
    numbers = {criterion.pk: number for number, criterion in enumerate(criteria, 1)}
    table = Table(title=_("Scores"), headers=[
        _("Country"), _("ISO code"), _("Reviewer"), _("Criterion number"), _("Criterion"), _("Score"),
        _("Lowest score"), _("Highest score"), _("Comment for the country"), _("Review submitted"),
    ])
    for score in scores:
        review, country = score.review, score.review.evaluation.eoi.country
        table.rows.append([
            str(country.name), country.code.code, review.reviewer.full_name, numbers.get(score.criterion_id),
            score.criterion.name, score.value, score.scale_min, score.scale_max, score.comment,
            timezone.localtime(review.submitted_at) if review.submitted_at else None,
        ])
    return table


def meeting_text(meeting):
    """"March 2030 — Launch meeting, Dakar" (only the month of a meeting is known)."""
    text = f"{formats.date_format(meeting.month, 'YEAR_MONTH_FORMAT')} — {meeting.label}"
    return f"{text}, {meeting.place}" if meeting.place else text


def participants_table(meeting, members):
    """The participants of the selected teams for one in-person meeting (`members`: from
    `selectors.participants.selected_participants`), with their answer and language needs,
    then the meeting and the counts the planner needs.

    The call asks every member to attend every meeting and no attendance is recorded per
    meeting, so each meeting's list is the same people under that meeting's name. Declined
    members are listed, marked "Declined", so that the planner sees the gap in their team
    (the focal point may propose someone else); they count in no total but "declined".
    "Needs French interpretation" is the member's own answer, shown once they have
    confirmed: empty while they have not answered (the working language is the hint). A member
    never asked (no e-mail address) counts as not answered yet."""
    table = Table(title=_("Participants"), headers=[
        _("Country"), _("Working language"), _("Name"), _("Position"), _("Organisation"), _("Participant profile"),
        _("E-mail address"), _("Gender"), _("Their own answer"), _("Needs French interpretation"),
    ])
    counts = {"confirmed": 0, "declined": 0, "waiting": 0, "interpretation": 0}
    for member in members:
        country, confirmation = member.eoi.country, getattr(member, "confirmation", None)
        state = confirmation.state if confirmation is not None else "waiting"
        counts[state] += 1
        confirmed = state == ConfirmationState.CONFIRMED
        counts["interpretation"] += confirmed and confirmation.needs_interpretation
        table.rows.append([
            str(country.name), country.get_working_language_display(), shown(member.name), member.position,
            member.organisation, str(member.profile) if member.profile else "", member.email,
            member.get_gender_display(), confirmation.get_state_display() if confirmation else _("Not asked yet"),
            yes_no(confirmation.needs_interpretation) if confirmed else "",
        ])
    table.rows += [
        [],
        [_("Meeting"), meeting_text(meeting)],
        [_("Participants expected (not declined)"), counts["confirmed"] + counts["waiting"]],
        [_("Confirmed"), counts["confirmed"]],
        [_("Declined"), counts["declined"]],
        [_("Not answered yet"), counts["waiting"]],
        [_("Need French interpretation"), counts["interpretation"]],
    ]
    return table
