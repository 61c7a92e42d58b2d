"""One way to show a moment wherever a person reads it (pages, mails, PDFs, the outbox).

A moment is shown in a named time zone (a call's, or the portal's), with the zone's name as a
reader knows it — "Nairobi time, UTC+3" / "heure de Nairobi, UTC+3", never "Africa/Nairobi" —
and, for a deadline, in UTC as well. French dates say "1er novembre". The template filters in
jln_portal/templatetags/moments.py are these functions; Python code (exports, PDFs, services)
calls them directly. Each one formats in the active language.
"""

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

DATE = "j F Y"
DATE_WITH_DAY = "l j F Y"
VOWELS = "AEIOUYÀÂÉÈÊÎÔÛ"


def _zone(zone):
    if zone is None or zone == "":
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return zoneinfo.ZoneInfo(zone) if isinstance(zone, str) else zone


def in_zone(value, zone=None):
    """An aware datetime as seen in `zone` (a name or a tzinfo; None: the portal's zone)."""
    return timezone.localtime(value, _zone(zone))


def offset_label(local):
    """"UTC+3", "UTC+5:45", "UTC−12", "UTC" for an aware datetime."""
    minutes = int(local.utcoffset().total_seconds() // 60)
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def city(zone_name):
    """The place a zone is named after, as people write it ("America/New_York" → "New York");
    empty for UTC and the Etc/ zones."""
    if zone_name in ("UTC", "GMT") or zone_name.startswith("Etc/") or "/" not in zone_name:
        return ""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def zone_label(local, zone_name=None):
    """"Nairobi time, UTC+3" for an aware datetime seen in the zone `zone_name`."""
    zone_name = zone_name or str(local.tzinfo)
    place, offset = city(zone_name), offset_label(local)
    if not place:
        return offset
    if place[0].upper() in VOWELS:
        name = pgettext("time zone named after a place starting with a vowel", "%(place)s time") % {"place": place}
    else:
        name = _("%(place)s time") % {"place": place}
    return f"{name}, {offset}"


def zone_label_now(zone=None):
    """The readable name of `zone` (a name or a tzinfo) with its offset at this moment, for a
    form's help text or a column's header."""
    local = in_zone(timezone.now(), zone)
    return zone_label(local, str(local.tzinfo))


def date_text(value, fmt=DATE):
    """A date (or datetime) in the active language; "1er novembre" in French."""
    if translation.get_language() and translation.get_language().startswith("fr") and value.day == 1:
        fmt = fmt.replace("j ", "j\\e\\r ", 1)
    return formats.date_format(value, fmt)


def moment_text(value, zone=None, *, weekday=False, seconds=False, utc=False):
    """"1er novembre 2026, 23:59 (heure de Nairobi, UTC+3)", and with `utc` the same moment in
    UTC after it. Empty for None."""
    if not value:
        return ""
    if not isinstance(value, datetime):
        return date_text(value, DATE_WITH_DAY if weekday else DATE)
    zone = _zone(zone)
    local = timezone.localtime(value, zone)
    time_format = "H:i:s" if seconds else "H:i"
    moment = f"{date_text(local, DATE_WITH_DAY if weekday else DATE)}, {formats.date_format(local, time_format)}"
    text = _("%(moment)s (%(zone)s)") % {"moment": moment, "zone": zone_label(local, str(zone))}
    if utc and local.utcoffset():
        utc_local = timezone.localtime(value, zoneinfo.ZoneInfo("UTC"))
        at_utc = f"{date_text(utc_local)}, {formats.date_format(utc_local, time_format)}"
        text = _("%(moment)s, that is %(utc)s UTC") % {"moment": text, "utc": at_utc}
    return text


def deadline_text(value, zone=None):
    """A deadline: with its weekday, in its zone and in UTC."""
    return moment_text(value, zone, weekday=True, utc=True)
