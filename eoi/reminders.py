"""Reminders to countries before a call's deadline (outbox/milestones.py runs
this hourly through the beat job `outbox.send_reminders`).

The focal points of every country the call accepts whose EOI is still a draft
(or reopened and not submitted again), or that has none, are reminded
EOI_REMINDER_DAYS days before the deadline (settings; default 7 and 2), in the
country's working language. Only the latest milestone reached is sent: a call
published three days before its deadline reminds once, at "2 days", not twice.
A country with an extension is reminded before its own deadline. Withdrawn and
submitted EOIs are not reminded. Each focal point gets one mail per country
per milestone (the milestone names call, country and day).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from countries.models import Country
from outbox.milestones import Recipient, milestone_notify, reminder

from .enums import CallState, EOIStatus
from .models import Call


def latest_milestone(deadline, days, now):
    """The smallest number of days d in `days` with deadline − d days ≤ now <
    deadline: the latest milestone reached, or None."""
    if now >= deadline:
        return None
    reached = [d for d in days if deadline - timedelta(days=d) <= now]
    return min(reached) if reached else None


def calls_to_remind(now):
    horizon = now + timedelta(days=max(settings.EOI_REMINDER_DAYS, default=0))
    return (
        Call.objects.filter(state=CallState.PUBLISHED)
        .filter(Q(deadline__gt=now, deadline__lte=horizon) | Q(eois__deadline_extended_to__gt=now))
        .prefetch_related("eois").distinct().order_by("deadline")
    )


@reminder
def eoi_deadline_reminders(*, now):
    days = settings.EOI_REMINDER_DAYS
    calls = [call for call in calls_to_remind(now) if call.opens_at <= now]
    if not calls or not days:
        return []
    countries = Country.objects.prefetch_related(
        Prefetch("focal_points", queryset=User.objects.filter(is_active=True).order_by("email"))
    ).order_by("code")
    created = []
    for call in calls:
        eois = {eoi.country_id: eoi for eoi in call.eois.all()}
        for country in countries:
            eoi = eois.get(country.pk)
            if eoi is not None and eoi.status not in EOIStatus.EDITABLE:
                continue
            if eoi is None and not call.accepts(country):
                continue
            deadline = eoi.effective_deadline if eoi is not None else call.deadline
            day = latest_milestone(deadline, days, now)
            if day is None or not country.focal_points.all():
                continue
            language = country.working_language
            created += milestone_notify(
                milestone=f"eoi-deadline:call-{call.pk}:country-{country.pk}:d-{day}",
                template="eoi/mail/deadline_reminder", related=eoi or call,
                recipients=[Recipient.from_user(user, language=language) for user in country.focal_points.all()],
                context={
                    "call": call, "call_title": getattr(call, f"title_{language}", "") or call.title,
                    "country": country, "eoi": eoi, "deadline": timezone.localtime(deadline, call.tzinfo),
                    "days": day,
                    "url": settings.PORTAL_URL + (reverse("eoi:detail", args=[eoi.pk]) if eoi else
                                                  reverse("eoi:call_detail", args=[call.slug])),
                },
            )
    return created
