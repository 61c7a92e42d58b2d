"""The rows of the ranking table as HTML, written in Python: the same markup the template
wrote, at a fraction of the template language's cost (`{% ranking_rows %}`)."""

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from countries.selectors import country_names


def figure(value):
    """A figure as `floatformat:2` shows it (in the active language's format); "" for None."""
    return "" if value is None else number_format(value, 2)


def ranking_rows_html(rows, criteria, *, normalised, figure_columns):
    url_start, url_end = reverse("evaluation:evaluation", args=[0]).rsplit("0", 1)
    names = country_names()
    words = {
        "ineligible": format_html('<span class="badge bg-danger">{}</span>', _("Ineligible")),
        "discuss": format_html(' <span class="badge bg-warning text-dark">{}</span>', _("to discuss")),
        "hidden": format_html('<td colspan="{}" class="text-body-secondary">{}</td>', figure_columns,
                              _("Hidden until you submit your review.")),
        "none": format_html('<td colspan="{}" class="text-body-secondary">{}</td>', figure_columns,
                            _("No submitted review yet.")),
    }
    html = [_row(row, criteria, normalised, f"{url_start}{{}}{url_end}", names, words) for row in rows]
    return mark_safe("\n".join(html))


def _row(row, criteria, normalised, url, names, words):
    evaluation, result = row.evaluation, row.result
    country = evaluation.eoi.country
    cells = [
        format_html("<td>{}</td>", row.rank or "—"),
        format_html('<td><a href="{}">{}</a>{}</td>', url.format(evaluation.pk), names[country.code.code],
                    mark_safe(" " + words["ineligible"]) if not evaluation.eligible else ""),
        format_html("<td>{}</td>", country.get_region_display()),
        format_html("<td>{}</td>", result.review_count if result else 0),
    ]
    if not row.visible:
        cells.append(words["hidden"])
    elif result:
        cells.append(mark_safe("<td>" + "".join(  # noqa: S308 (every piece is format_html's)
            format_html('<span class="d-block">{}{} <span class="small text-body-secondary">{}</span></span>',
                        figure(total), f" ({figure(normalised_total)})" if normalised else "", name)
            for name, total, normalised_total in row.reviews
        ) + "</td>"))
        cells.append(format_html("<td><strong>{}</strong></td>", figure(result.mean)))
        if normalised:
            cells.append(format_html("<td>{}</td>", figure(result.normalised_mean)))
        cells.append(format_html("<td>{}{}</td>", figure(result.spread),
                                 words["discuss"] if result.disagreement else ""))
        cells.extend(format_html("<td>{}</td>", figure(result.criterion_means.get(c.pk))) for c in criteria)
    else:
        cells.append(words["none"])
    cells.append(format_html("<td>{}</td>", evaluation.get_state_display()))
    warning = ' class="table-warning"' if row.visible and result and result.disagreement else ""
    return f"<tr{warning}>{''.join(cells)}</tr>"  # every cell is format_html's (escaped)
