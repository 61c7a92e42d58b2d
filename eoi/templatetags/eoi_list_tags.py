"""The staff EOI list's table rows, rendered in Python (`{% eoi_list_rows eois labels call %}`).

Each row was a `{% for %}` iteration with a `{% url %}`, an `{% include %}` of the status
badge and two `in_zone|date` filters: ≈ 0.25 ms a row, most of the page's own time
(benchmarks/page_cost.py). Here the detail URL is reversed once (jln_portal.urls_by_pk), the labels come from the
page's dictionaries (selectors.eoi_list_labels), and every value is escaped
(format_html). The HTML is the same as the template's was.
"""

from django import template
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from evaluation.selectors import country_facing_status
from jln_portal.urls_by_pk import url_by_pk

from .eoi_tags import in_zone, status_badge_class

register = template.Library()

DATE_FORMAT = "j M Y, H:i"
_ROW = (
    '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td>'
    '<td><span class="badge {}">{}</span></td><td>{}</td>'
    "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n"
)


def _moment(value, zone):
    return dateformat.format(in_zone(value, zone), DATE_FORMAT) if value else "—"


@register.simple_tag
def eoi_list_rows(eois, labels, call):
    """The <tr> of each EOI of the page (call_eoi_list rows)."""
    detail_url = url_by_pk("eoi:detail")
    zone = call.time_zone
    rows = []
    for eoi in eois:
        country = eoi.country
        rows.append(format_html(
            _ROW, detail_url(eoi.pk), labels["names"].get(eoi.country_code),
            labels["regions"].get(country.region), labels["languages"].get(country.working_language),
            labels["levels"].get(country.membership_level), status_badge_class(eoi.status), country_facing_status(eoi),
            labels["channels"].get(eoi.channel), eoi.member_count, eoi.problem_count,
            _moment(eoi.submitted_at, zone), _moment(eoi.deadline_extended_to, zone),
        ))
    return mark_safe("".join(rows))
