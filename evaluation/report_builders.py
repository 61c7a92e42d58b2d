"""The documents the evaluation generates (see reports/registry.py), built in a Celery task:

- `selection_report` — a call's selection report, for the steering group and partners (manager);
- `eoi_pdf` — one country's record of its EOI, with its decision once final (that country's
  focal points, and the manager);
- `dossier_zip` — the archive of a call's selection: the report in English and French, every
  EOI's record in its country's working language, the spreadsheets (manager).

They live here because the data is the evaluation's; they read it through report_data.py.
"""

import io
import zipfile

from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy as _, override, pgettext

from accounts.rules import is_focal_point, is_manager
from countries.enums import Gender, Region, WorkingLanguage
from eoi.enums import Level
from eoi.exports import eoi_table, team_member_table
from eoi.models import ExpressionOfInterest
from eoi.selectors import call_eoi_list, with_team
from jln_portal.moments import deadline_text, moment_text
from reports import charts
from reports.exports import csv_bytes, xlsx_bytes
from reports.registry import BuiltFile, register

from . import report_data
from .exports import ranking_table
from .report_forms import CallReportForm, EOIRecordForm
from .services.record import record_notes
from .selectors.ranking import RankingRow

SELECTION_TEMPLATE = "evaluation/pdf/selection_report.html"
ANNEX_PAGE_PREFIX = "A-"  # also written in the annex's page counter and index
ANNEX_ID = "annex"  # the element the annex's pages start with (evaluation/pdf/includes/annex.html)
RECORD_TEMPLATE = "evaluation/pdf/eoi_record.html"
PDF = "application/pdf"


def _render(template, context, language):
    from reports.pdf import render_pdf  # here, so that web processes do not load WeasyPrint at start-up

    return render_pdf(template, context, language=language)


def _date(value, format_name="DATE_FORMAT"):
    return formats.date_format(value, format_name) if value else "—"


# --- Selection report -------------------------------------------------------------------------


def _share_rows(groups, series_of):
    """[(label, [count per series])] for stacked charts: `groups` is [(label, [entries])]."""
    return [(label, series_of(entries)) for label, entries in groups if entries]


def selection_charts(data):
    """The report's charts (inline SVG) from its data, in the active language."""
    selected = data.selected
    groups = [(gettext("Selected teams"), selected), (gettext("All EOIs under review"), data.entries)]
    reviewed = [float(e.result.mean) for e in data.entries if e.result is not None]
    profiles = list(data.call.profiles.all())
    selected_ids = {e.evaluation.pk for e in selected}
    profile_rows = [
        (gettext("Profile %(number)s") % {"number": p.number}, [
            sum(p.number in e.composition.covered for e in data.entries if e.evaluation.pk in selected_ids),
            sum(p.number in e.composition.covered for e in data.entries if e.evaluation.pk not in selected_ids),
        ])
        for p in profiles
    ]
    regions = dict(Region.choices)
    languages = dict(WorkingLanguage.choices)

    def count_by(attribute, labels):
        counts = {}
        for entry in selected:
            key = getattr(entry.eoi.country, attribute)
            counts[key] = counts.get(key, 0) + 1
        return [(labels.get(key, key), n) for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    return {
        "scores": charts.histogram(reviewed, title=gettext("Score distribution"), lower=0, upper=100, bins=10,
                                   x_label=gettext("Mean score (out of 100)")),
        "profiles": charts.stacked_bar_chart(
            profile_rows, [gettext("Selected teams"), gettext("Other teams")],
            title=gettext("Teams with a member of each participant profile"),
        ),
        "gender": charts.stacked_bar_chart(
            _share_rows(groups, lambda entries: [
                sum(e.composition.women for e in entries), sum(e.composition.men for e in entries),
                sum(e.composition.other_gender for e in entries),
            ]),
            [Gender.FEMALE.label, Gender.MALE.label, Gender.OTHER.label], title=gettext("Gender of team members"),
            percent=True,
        ),
        "levels": charts.stacked_bar_chart(
            _share_rows(groups, lambda entries: [
                sum(e.composition.national for e in entries), sum(e.composition.subnational for e in entries),
            ]),
            [Level.NATIONAL.label, Level.SUBNATIONAL.label], title=gettext("Team members by level of institution"),
            percent=True,
        ),
        "institutions": charts.bar_chart(
            [(e.country_name, e.composition.institutions) for e in selected],
            title=gettext("Distinct institutions in each selected team"),
        ),
        "regions": charts.bar_chart(count_by("region", regions), title=gettext("Selected teams by region")),
        "languages": charts.bar_chart(count_by("working_language", languages),
                                      title=gettext("Selected teams by working language")),
    }


def selection_report_context(call, *, prepared_by):
    """The selection report's template context, in the active language (`call` from
    `report_data.call_for_report()`)."""
    from reports.pdf import page_counter_css  # loads WeasyPrint: see _render

    data = report_data.selection_report_data(call)
    sections = [
        ("figures", gettext("Summary figures")), ("method", gettext("Method")), ("ranking", gettext("Ranking")),
        ("charts", gettext("Charts")), ("roster", gettext("Selected teams")),
    ]
    figures = data.figures
    return {
        "document_title": gettext("Selection report"),
        "body_page_counter_css": page_counter_css(last_page_of="report-end"),
        "annex_page_counter_css": page_counter_css(gettext("Annex, page A-{page} of {pages}"),
                                                   last_page_of="annex-end"),
        "data": data,
        "call": call,
        "prepared_by": prepared_by,
        "prepared_at": _date(timezone.localtime(), "DATETIME_FORMAT"),
        "deadline": deadline_text(call.deadline, call.time_zone),
        "opening_date": _date(call.opening_date),
        "feedback_date": _date(call.feedback_date),
        "finalised_at": _date(data.settings.finalised_at and timezone.localtime(data.settings.finalised_at),
                              "DATETIME_FORMAT"),
        "sections": [{"id": id_, "title": title} for id_, title in sections],
        "figure_rows": [
            ("received", gettext("Expressions of interest received"), figures.received),
            ("on-time", gettext("Received on time"), figures.on_time),
            ("withdrawn", gettext("Withdrawn after submission"), figures.withdrawn),
            ("under-review", gettext("Under review"), figures.under_review),
            ("eligible", pgettext("a number of expressions of interest", "Eligible"), figures.eligible),
            ("reviewed", gettext("Reviewed"), figures.reviewed),
            ("shortlisted", gettext("Shortlisted"), figures.shortlisted),
            ("selected", gettext("Selected"), figures.selected),
            ("waitlisted", gettext("Waitlisted"), figures.waitlisted),
            ("not-selected", gettext("Not selected"), figures.not_selected),
        ],
        "charts": selection_charts(data),
        "answer_words": report_data.ANSWER_SUMMARY_WORDS,
        "record_notes": record_notes(call),
    }


def _call(job):
    return report_data.call_for_report().get(pk=job.parameters["call_id"])


def render_selection_report(call, *, language, prepared_by):
    """The report: one document, its body numbered 1, 2… and its annex of EOIs A-1, A-2…
    (CSS named page and page counter; the PDF's page labels say the same)."""
    from reports.pdf import render_pdf  # loads WeasyPrint: see _render

    with override(language):
        context = selection_report_context(call, prepared_by=prepared_by)
    return render_pdf(SELECTION_TEMPLATE, context, language=language, label_prefixes={ANNEX_ID: ANNEX_PAGE_PREFIX})


def _filename(*parts, extension):
    return "-".join(slugify(str(p)) for p in parts if p) + f".{extension}"


@register("selection_report", label=_("Selection report of a call (PDF)"), form_class=CallReportForm)
def build_selection_report(job):
    call = _call(job)
    job.progress(10)
    pdf = render_selection_report(call, language=job.language, prepared_by=str(job.requested_by or "—"))
    return BuiltFile(filename=_filename(call.slug, gettext("selection report"), job.language, extension="pdf"),
                     content=pdf, content_type=PDF)


# --- One EOI's record -------------------------------------------------------------------------


def eoi_record_context(eoi, *, language):
    record = report_data.eoi_record(eoi, language=language)
    call = eoi.call
    return {
        "document_title": gettext("Expression of interest of %(country)s") % {"country": eoi.country.name},
        "record": record,
        "eoi": eoi,
        "call": call,
        "submitted_at": moment_text(eoi.submitted_at, call.time_zone) or "—",
        "deadline": deadline_text(eoi.effective_deadline, call.time_zone),
        "printed_at": _date(timezone.localtime(), "DATETIME_FORMAT"),
    }


def render_eoi_record(eoi, *, language):
    with override(language):
        context = eoi_record_context(eoi, language=language)
    return _render(RECORD_TEMPLATE, context, language)


def _record_filename(eoi, language):
    return _filename(eoi.call.slug, eoi.country.code.code.lower(), gettext("expression of interest"), language,
                     extension="pdf")


def may_request_record(user, generated_file):
    """The manager; a focal point for their own countries' EOIs (any EOI to reach the form)."""
    if is_manager(user):
        return True
    if not is_focal_point(user):
        return False
    eoi_id = generated_file.parameters.get("eoi_id") if generated_file.parameters else None
    return eoi_id is None or ExpressionOfInterest.objects.filter(
        pk=eoi_id, country_id__in=user.focal_country_ids).exists()


def may_view_record(user, generated_file):
    """The manager; the focal points of the EOI's country (whoever of them asked for it)."""
    if is_manager(user):
        return True
    eoi_id = (generated_file.parameters or {}).get("eoi_id")
    return bool(is_focal_point(user) and eoi_id and ExpressionOfInterest.objects.filter(
        pk=eoi_id, country_id__in=user.focal_country_ids).exists())


@register("eoi_pdf", label=_("Record of an expression of interest (PDF)"), can_request=may_request_record,
          can_view=may_view_record, form_class=EOIRecordForm)
def build_eoi_record(job):
    eoi = report_data.eoi_for_record().get(pk=job.parameters["eoi_id"])
    job.progress(20)
    pdf = render_eoi_record(eoi, language=job.language)
    return BuiltFile(filename=_record_filename(eoi, job.language), content=pdf, content_type=PDF)


# --- The dossier ------------------------------------------------------------------------------


def call_spreadsheets(call, data):
    """The call's tables, unfiltered: {file name without extension: Table}. The scores are
    the ranking as the manager sees it, in the report's order (`data`: its SelectionReportData)."""
    eois = list(with_team(call_eoi_list(call=call)))
    rows = [
        RankingRow(entry.evaluation, entry.result, [(r.reviewer, r.total, None) for r in entry.reviews if r.total],
                   visible=True, rank=entry.rank)
        for entry in data.entries
    ]
    return {
        slugify(gettext("expressions of interest")): eoi_table(call, eois),
        slugify(gettext("team members")): team_member_table(call, eois),
        slugify(gettext("scores")): ranking_table(rows, data.criteria),
    }


@register("dossier_zip", label=_("Selection dossier of a call (zip: reports, every EOI, spreadsheets)"),
          form_class=CallReportForm)
def build_dossier(job):
    call = _call(job)
    prepared_by = str(job.requested_by or "—")
    buffer = io.BytesIO()
    records = list(report_data.call_eoi_records(call))
    steps, done = 2 + len(records) + 1, 0
    folder = _filename(call.slug, gettext("selection dossier"), extension="")[:-1]
    records_folder = slugify(gettext("expressions of interest"))
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for language in ("en", "fr"):
            with override(language):
                name = _filename(call.slug, gettext("selection report"), language, extension="pdf")
            archive.writestr(f"{folder}/{name}", render_selection_report(call, language=language,
                                                                         prepared_by=prepared_by))
            done += 1
            job.progress(100 * done / steps)
        for eoi in records:  # each in its country's working language, whoever asked for the dossier
            language = eoi.country.working_language
            with override(language):
                name = _record_filename(eoi, language)
            archive.writestr(f"{folder}/{records_folder}/{name}", render_eoi_record(eoi, language=language))
            done += 1
            job.progress(100 * done / steps)
        with override(job.language):
            tables = call_spreadsheets(call, report_data.selection_report_data(call))
        for name, table in tables.items():
            archive.writestr(f"{folder}/{name}.csv", csv_bytes(table))
        archive.writestr(f"{folder}/{slugify(call.slug)}.xlsx", xlsx_bytes(list(tables.values())))
    return BuiltFile(filename=f"{folder}.zip", content=buffer.getvalue(), content_type="application/zip")

