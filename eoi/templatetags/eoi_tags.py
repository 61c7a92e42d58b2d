"""Deadlines in the reader's terms, the call's plain-text content as HTML, the status
badge's colour."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from ..completeness import count_words

register = template.Library()


class ZonedDatetime(datetime):
    """A datetime that Django's template filters (`date`) leave in its own time
    zone instead of converting it to the active one."""

    convert_to_local_time = False


@register.filter(expects_localtime=False)
def in_zone(value, zone_name):
    """An aware datetime seen in the time zone `zone_name` (then `|date:"…"`)."""
    if not value:
        return value
    local = timezone.localtime(value, ZoneInfo(zone_name))
    return ZonedDatetime(local.year, local.month, local.day, local.hour, local.minute, local.second,
                         local.microsecond, tzinfo=local.tzinfo, fold=local.fold)


@register.filter
def utc_offset(value):
    """'UTC+03:00' for an aware datetime."""
    offset = value.strftime("%z")
    return f"UTC{offset[0]}{offset[1:3]}:{offset[3:]}" if offset else "UTC"


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
