"""Every read the membership pages need, with its joins, in a constant number of queries."""

from datetime import date

from django.db.models import BooleanField, Case, Count, Prefetch, Q, Value, When
from django.utils import timezone

from countries.enums import MembershipLevel
from countries.models import Country

from .enums import ApplicationState, MeetingState
from .models import AgendaItem, ApplicationRequest, MembershipApplication, SteeringMeeting


def one_year_before(day):
    """The same calendar day a year earlier; 29 February → 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def one_year_after(day):
    """The first day a year has passed since `day`; 29 February → 1 March."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def _items():
    return AgendaItem.objects.select_related("meeting", "decided_by")


def application_list():
    return MembershipApplication.objects.select_related("country").prefetch_related(
        Prefetch("agenda_items", queryset=_items().order_by("meeting__date", "pk"))
    )


def application_detail():
    return application_list()


def application_open_for_country(code):
    """The open application of the country with this ISO code, if any."""
    return MembershipApplication.objects.filter(country__code=code, state__in=ApplicationState.OPEN).first()


def applications_waiting():
    """Open applications on no agenda yet (new or deferred), oldest first."""
    return (
        MembershipApplication.objects.filter(state__in=ApplicationState.WAITING)
        .select_related("country")
        .order_by("submitted_at", "pk")
    )


def _meeting_items():
    return AgendaItem.objects.select_related("meeting", "application__country", "decided_by").order_by(
        "application__submitted_at", "pk"
    )


def meeting_list():
    return SteeringMeeting.objects.select_related("scheduled_by").annotate(
        item_count=Count("items", distinct=True),
        undecided_count=Count("items", filter=Q(items__decision=""), distinct=True),
    ).order_by("-date", "-pk")


def meeting_detail():
    return SteeringMeeting.objects.select_related("scheduled_by").prefetch_related(
        Prefetch("items", queryset=_meeting_items())
    )


def meeting_next(*, on=None):
    """The first scheduled meeting on or after `on` (today): new applications go on its agenda."""
    on = on or timezone.localdate()
    return SteeringMeeting.objects.filter(state=MeetingState.SCHEDULED, date__gte=on).order_by("date", "pk").first()


def meetings_scheduled():
    """Every scheduled meeting, past ones whose decisions are still to be recorded included, with its agenda."""
    return meeting_detail().filter(state=MeetingState.SCHEDULED).order_by("date", "pk")


def decisions_recent(*, limit=10):
    return _meeting_items().exclude(decision="").order_by("-decided_at", "-pk")[:limit]


def associate_members(*, on=None):
    """Associate members, flagged `is_eligible` for full membership on `on`
    (today): associate for at least one year (exactly one year counts) and a
    core group with at least one member."""
    on = on or timezone.localdate()
    return (
        Country.objects.filter(membership_level=MembershipLevel.ASSOCIATE)
        .select_related("core_group")
        .annotate(core_group_size=Count("core_group__members", distinct=True))
        .annotate(
            is_eligible=Case(
                When(member_since__lte=one_year_before(on), core_group_size__gte=1, then=Value(True)),
                default=Value(False), output_field=BooleanField(),
            )
        )
        .order_by("member_since", "code")
    )


def countries_eligible_for_full_membership(*, on=None):
    return associate_members(on=on).filter(is_eligible=True)


def application_request(pk):
    """An application sent on the public form, confirmed or not (or None)."""
    return ApplicationRequest.objects.filter(pk=pk).first()
