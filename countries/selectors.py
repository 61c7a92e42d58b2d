from django.db.models import Count, Prefetch

from .models import Country, CoreGroupMember


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
