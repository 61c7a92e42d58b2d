"""`{{ value|fr_typo }}`: French spaces before ; ? ! : and inside « » (see reports/typography.py).

Plain values are escaped first (when autoescaping is on), HTML values (safe strings) keep their
markup: only their text changes. PDFs in French get this on the whole document automatically
(reports.pdf.render_html); the filter is for French text shown elsewhere.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from reports.typography import french_typography_html

register = template.Library()


@register.filter(needs_autoescape=True)
def fr_typo(value, autoescape=True):
    markup = conditional_escape(value) if autoescape else str(value)
    return mark_safe(french_typography_html(str(markup)))
