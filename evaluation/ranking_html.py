"""The rows of the ranking table as HTML, written in Python: the same markup the template
wrote (evaluation/tests/test_ranking_cache.py compares them), at a fraction of the template
language's cost (`{% ranking_rows %}`): labels, words and the link are looked up once per page,
figures formatted as `floatformat:2` formats them."""

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils.formats import get_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from countries.enums import Region
from countries.selectors import country_names
from jln_portal.urls_by_pk import url_by_pk

from .enums import EvaluationState


class Words:
    """What every row repeats, in the active language."""

    def __init__(self, figure_columns):
        self.url = url_by_pk("evaluation:evaluation")
        self.countries = country_names()
        self.regions = {value: escape(label) for value, label in Region.choices}
        self.states = {value: escape(label) for value, label in EvaluationState.choices}
        self.decimal_separator = get_format("DECIMAL_SEPARATOR")
        # The include every page shows an EOI's eligibility with, rendered once for the page.
        self.ineligible = mark_safe(" " + render_to_string(
            "evaluation/includes/eligible_badge.html", {"evaluation": SimpleNamespace(eligible=False)}))
        self.discuss = format_html(' <span class="badge bg-warning text-dark">{}</span>', _("to discuss"))
        self.hidden = format_html('<td colspan="{}" class="text-body-secondary">{}</td>', figure_columns,
                                  _("Hidden until you submit your review."))
        self.no_review = format_html('<td colspan="{}" class="text-body-secondary">{}</td>', figure_columns,
                                     _("No submitted review yet."))

    def figure(self, value):
        """`floatformat:2` of a figure (below 1,000: no thousands to group); "" for None."""
        return "" if value is None else f"{value:.2f}".replace(".", self.decimal_separator)


def ranking_rows_html(rows, criteria, *, normalised, figure_columns):
    words = Words(figure_columns)
    criterion_ids = [criterion.pk for criterion in criteria]
    return mark_safe("\n".join(_row(row, criterion_ids, normalised, words) for row in rows))


def _row(row, criterion_ids, normalised, words):
    evaluation, result = row.evaluation, row.result
    country = evaluation.eoi.country
    figure = words.figure
    cells = [
        f"<td>{row.rank or '—'}</td>",
        f'<td><a href="{words.url(evaluation.pk)}">{escape(words.countries[country.code.code])}'
        f"</a>{'' if evaluation.eligible else words.ineligible}</td>",
        f"<td>{words.regions.get(country.region) or escape(country.region)}</td>",
        f"<td>{result.review_count if result else 0}</td>",
    ]
    if not row.visible:
        cells.append(words.hidden)
    elif result:
        totals = "".join(
            f'<span class="d-block">{figure(total)}{f" ({figure(adjusted)})" if normalised else ""} '
            f'<span class="small text-body-secondary">{escape(name)}</span></span>'
            for name, total, adjusted in row.reviews
        )
        cells.append(f"<td>{totals}</td><td><strong>{figure(result.mean)}</strong></td>")
        if normalised:
            cells.append(f"<td>{figure(result.normalised_mean)}</td>")
        cells.append(f"<td>{figure(result.spread)}{words.discuss if result.disagreement else ''}</td>")
        cells.extend(f"<td>{figure(result.criterion_means.get(pk))}</td>" for pk in criterion_ids)
    else:
        cells.append(words.no_review)
    cells.append(f"<td>{words.states.get(evaluation.state) or escape(evaluation.state)}</td>")
    warning = ' class="table-warning"' if row.visible and result and result.disagreement else ""
    return f"<tr{warning}>{''.join(cells)}</tr>"
