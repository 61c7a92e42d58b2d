"""Reminders to facilitators before a call's review deadline (outbox/milestones.py
runs this hourly through the beat job `outbox.send_reminders`).

A facilitator assigned to EOIs of a call whose decisions are not final, and
whose review of one of them is missing or still a draft, is reminded
REVIEW_REMINDER_DAYS days before the call's review deadline (settings; default
3 and 1; the deadline is `EvaluationSettings.review_deadline`, set on the
call's settings page), in the facilitator's own language. Only the latest
milestone reached is sent. EOIs the facilitator declared a conflict with, and
withdrawn ones, do not count. One mail per facilitator per milestone.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from eoi.enums import EOIStatus
from eoi.reminders import latest_milestone
from outbox.milestones import Recipient, milestone_notify, reminder

from .enums import EvaluationState, ReviewState
from .models import Assignment, Conflict, EvaluationSettings, Review


def unfinished_assignments(call_settings):
    """Assignments of the call still waiting for their facilitator's submitted review."""
    submitted = Review.objects.filter(
        evaluation=OuterRef("evaluation"), reviewer=OuterRef("reviewer"), state=ReviewState.SUBMITTED
    )
    conflicted = Conflict.objects.filter(reviewer=OuterRef("reviewer"), country=OuterRef("evaluation__eoi__country"))
    return (
        Assignment.objects.filter(
            evaluation__eoi__call_id=call_settings.call_id, evaluation__eoi__status__in=EOIStatus.RECEIVED,
            evaluation__state__in=EvaluationState.OPEN, reviewer__is_active=True,
        )
        .exclude(Exists(submitted)).exclude(Exists(conflicted))
        .select_related("reviewer", "evaluation__eoi__country")
        .order_by("reviewer__email", "evaluation__eoi__country__code")
    )


@reminder
def review_deadline_reminders(*, now):
    days = settings.REVIEW_REMINDER_DAYS
    horizon = now + timedelta(days=max(days, default=0))
    created = []
    for call_settings in (
        EvaluationSettings.objects.filter(finalised_at__isnull=True, review_deadline__gt=now,
                                          review_deadline__lte=horizon).select_related("call")
    ):
        day = latest_milestone(call_settings.review_deadline, days, now)
        if day is None:
            continue
        call = call_settings.call
        waiting = {}
        for assignment in unfinished_assignments(call_settings):
            waiting.setdefault(assignment.reviewer, []).append(assignment.evaluation.eoi.country)
        for reviewer, countries in waiting.items():
            language = reviewer.language
            created += milestone_notify(
                milestone=f"review-deadline:call-{call.pk}:d-{day}", template="evaluation/mail/review_reminder",
                recipients=[Recipient.from_user(reviewer)], related=call,
                context={
                    "call": call, "call_title": getattr(call, f"title_{language}", "") or call.title,
                    "countries": countries, "days": day,
                    "deadline": timezone.localtime(call_settings.review_deadline, call.tzinfo),
                    "url": settings.PORTAL_URL + reverse("evaluation:home"),
                },
            )
    return created
