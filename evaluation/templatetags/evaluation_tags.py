from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ mapping|get_item:key }}`: a dict's value in a template."""
    return (mapping or {}).get(key)


@register.simple_tag
def country_status(eoi):
    """`{% country_status eoi %}`: the EOI's status as its country sees it —
    "Submitted" while it is reviewed, the decision once the decisions are final."""
    from evaluation.selectors import country_facing_status

    return country_facing_status(eoi)


@register.simple_tag
def ranking_rows(rows, criteria, normalised, figure_columns):
    """`{% ranking_rows rows criteria normalised figure_columns %}`: the ranking table's rows,
    written in Python (as eoi's `{% form_field %}`): the template language cost ≈ 0.45 ms a row
    (filters, an include, per-criterion loops). Numbers are formatted as `floatformat:2` does."""
    from evaluation.ranking_html import ranking_rows_html

    return ranking_rows_html(rows, criteria, normalised=normalised, figure_columns=figure_columns)
