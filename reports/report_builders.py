"""The report kinds of the reports app itself: `sample`, a two-page test document that
checks the PDF engine (fonts, page numbers, headers, table of contents, charts, French
typography) on a server, and is what the tests and benchmarks/pdf_render.py render."""

from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy as _, pgettext
from django_countries import countries

from . import charts
from .registry import BuiltFile, register

SAMPLE_TEMPLATE = "reports/pdf/sample.html"
# Invented mean scores (out of 100) of 40 expressions of interest.
SAMPLE_SCORES = [
    38, 42, 47, 51, 53, 55, 56, 58, 59, 61, 62, 63, 64, 64, 66, 67, 68, 69, 70, 71,
    71, 72, 73, 74, 75, 75, 76, 77, 78, 79, 80, 81, 82, 83, 85, 86, 88, 90, 93, 97,
]
SAMPLE_PROFILES = [("SN", [2, 2, 1]), ("CI", [1, 2, 2]), ("BJ", [2, 1, 1]), ("GH", [1, 3, 1]), ("VN", [2, 2, 0])]


def sample_context(*, language, prepared_by="—"):
    """The sample document's context, with its charts, in `language`."""
    with translation.override(language):
        regions = [(gettext("West Africa"), 9), (gettext("East Africa"), 5), (gettext("Asia"), 6),
                   (gettext("Latin America and the Caribbean"), 3)]
        series = [gettext("Policy makers"), gettext("Managers"), gettext("Technical experts")]
        return {
            "document_title": gettext("JLN portal: test document"),
            "prepared_by": prepared_by,
            "today": formats.date_format(timezone.localdate(), "DATE_FORMAT"),
            "sections": [
                {"id": "figures", "title": gettext("Summary figures")},
                {"id": "scores", "title": gettext("Score distribution")},
            ],
            "figures": [
                (gettext("Expressions of interest received"), 23),
                (gettext("Received on time"), 21),
                (pgettext("a number of expressions of interest", "Eligible"), 19),
                (gettext("Shortlisted"), 8),
                (gettext("Participants (maximum 40)"), 34),
            ],
            "region_chart": charts.bar_chart(regions, title=gettext("Expressions of interest by region")),
            "score_histogram": charts.histogram(
                SAMPLE_SCORES, title=gettext("Score distribution"), lower=0, upper=100, bins=10,
                x_label=gettext("Mean score"),
            ),
            "profile_chart": charts.stacked_bar_chart(
                [(countries.name(code), values) for code, values in SAMPLE_PROFILES], series,
                title=gettext("Team profiles"), percent=True,
            ),
            "country_names": [countries.name(code) for code in ("SN", "CI", "BJ", "ST", "VN")],
        }


@register("sample", label=_("Test document (checks the PDF engine)"))
def build_sample(job):
    job.progress(10)
    requester = job.requested_by
    context = sample_context(language=job.language, prepared_by=str(requester) if requester else "—")
    job.progress(30)
    from .pdf import render_pdf  # here, so that web processes do not load WeasyPrint at start-up

    pdf = render_pdf(SAMPLE_TEMPLATE, context, language=job.language)
    job.progress(90)
    name = slugify(gettext("JLN test document"))
    filename = f"{name}-{job.language}.pdf"
    return BuiltFile(filename=filename, content=pdf, content_type="application/pdf")
