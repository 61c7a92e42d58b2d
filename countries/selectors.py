from django.db.models import Count, Prefetch
from django.utils.translation import get_language
from django_countries import countries as iso_countries

from .models import CoreGroup, CoreGroupMember, Country


def country_list():
    """Countries with what the staff list shows, in a constant number of queries."""
    return (
        Country.objects.select_related("core_group", "jln_contact")
        .annotate(focal_point_count=Count("focal_points", distinct=True))
        .order_by("code")
    )


def country_detail(pk):
    return Country.objects.select_related("core_group", "jln_contact").prefetch_related(
        "focal_points",
        Prefetch("core_group__members", queryset=CoreGroupMember.objects.order_by("-is_coordinator", "name")),
    ).filter(pk=pk)


def sort_by_name(countries):
    """Order by the name in the active language (names are not stored in the DB)."""
    return sorted(countries, key=lambda c: str(c.name))


def core_group_for_edit(country):
    """The country's core group with its members (one query), or None."""
    return CoreGroup.objects.filter(country=country).prefetch_related(
        Prefetch("members", queryset=CoreGroupMember.objects.order_by("-is_coordinator", "name"))
    ).first()


def country_membership_history(country):
    """The country's successive membership levels, oldest first, from its
    history (simple-history): one entry each time the level or its start date
    changed, with who recorded it and when."""
    records = country.history.select_related("history_user").order_by("history_date", "history_id")
    changes, previous = [], None
    for record in records:
        current = (record.membership_level, record.member_since)
        if current != previous:
            changes.append(record)
            previous = current
    return changes


_NAMES = {}


def country_names():
    """{ISO code: name} in the active language, computed once per language and process: a
    dictionary look-up per row instead of django-countries' work on each (long lists)."""
    language = get_language()
    if language not in _NAMES:
        _NAMES[language] = {code: str(name) for code, name in iso_countries}
    return _NAMES[language]

