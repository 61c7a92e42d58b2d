"""Moments in templates, the one way (jln_portal/moments.py): `{{ value|moment:call.time_zone }}`,
`{{ value|deadline:call.time_zone }}` (weekday, zone and UTC), `{{ value|moment_seconds:zone }}`,
`{{ day|long_date }}` ("1er novembre 2026"), `{{ zone_name|zone_label }}` ("Nairobi time, UTC+3",
at this moment). Registered for every template in settings (TEMPLATES' "libraries")."""

from datetime import datetime

from django import template
from django.utils import timezone

from jln_portal import moments

register = template.Library()


@register.filter(expects_localtime=False)
def moment(value, zone=None):
    return moments.moment_text(value, zone)


@register.filter(expects_localtime=False)
def moment_seconds(value, zone=None):
    return moments.moment_text(value, zone, seconds=True)


@register.filter(expects_localtime=False)
def deadline(value, zone=None):
    return moments.deadline_text(value, zone)


@register.filter(expects_localtime=False)
def long_date(value, weekday=""):
    """A date ("1er novembre 2026"; `long_date:"weekday"`: "dimanche 1er novembre 2026"); a
    datetime is taken in the active time zone, as Django's `date` filter does."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return moments.date_text(value, moments.DATE_WITH_DAY if weekday else moments.DATE)


@register.filter
def zone_label(zone):
    """The readable name of a zone (a name or a tzinfo) at this moment."""
    return moments.zone_label_now(zone or None)


@register.filter(expects_localtime=False)
def long_date_in(value, zone):
    """A moment's day where `zone` is ("1er novembre 2026"): the day a country saw it happen."""
    if not value:
        return ""
    return moments.date_text(moments.in_zone(value, zone).date(), moments.DATE)
