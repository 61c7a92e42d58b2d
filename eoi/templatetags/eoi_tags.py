"""Time left before a deadline, the call's plain-text content as HTML, the status badge's
colour, word counts. Moments are shown by jln_portal/templatetags/moments.py."""

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from ..completeness import count_words

register = template.Library()


@register.simple_tag
def time_left(deadline, now=None):
    now = (now or timezone.now()).replace(microsecond=0)
    if now > deadline:
        return _("The deadline has passed.")
    return _("%(duration)s left") % {"duration": timeuntil(deadline, now, depth=2)}


@register.filter
def status_badge_class(status):
    """The badge colour of an EOI's status (eoi/includes/status_badge.html)."""
    return {"submitted": "text-bg-success", "withdrawn": "text-bg-secondary"}.get(status, "text-bg-warning")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def words(text):
    return count_words(text)


@register.filter
def richtext(text):
    """Paragraphs (separated by a blank line) and '- ' bullet lists, escaped."""
    html = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        paragraph, items = [], []
        for line in block.split("\n"):
            if line.startswith("- "):
                items.append(f"<li>{escape(line[2:].strip())}</li>")
            elif line.strip():
                if items:
                    html.append(f"<ul>{''.join(items)}</ul>")
                    items = []
                paragraph.append(escape(line.strip()))
            if paragraph and items:
                html.append(f"<p>{' '.join(paragraph)}</p>")
                paragraph = []
        if paragraph:
            html.append(f"<p>{' '.join(paragraph)}</p>")
        if items:
            html.append(f"<ul>{''.join(items)}</ul>")
    return mark_safe("\n".join(html))
