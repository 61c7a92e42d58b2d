"""States of a membership application and of a steering-group meeting.

membership/services.py is the only place that changes them, and only along
TRANSITIONS / MEETING_TRANSITIONS.
"""

from django.db import models
from django.utils.translation import pgettext_lazy


class ApplicationState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("application state", "Waiting for a meeting")
    ON_AGENDA = "on_agenda", pgettext_lazy("application state", "On a meeting's agenda")
    APPROVED = "approved", pgettext_lazy("application state", "Approved")
    DEFERRED = "deferred", pgettext_lazy("application state", "Deferred")
    DECLINED = "declined", pgettext_lazy("application state", "Declined")


# Named groups (set after the class so they are not members).
# OPEN: the steering group still has to decide; at most one per country (a DB constraint).
ApplicationState.OPEN = (ApplicationState.PENDING, ApplicationState.ON_AGENDA, ApplicationState.DEFERRED)
# WAITING: open, but on no agenda yet: the next meeting scheduled takes them.
ApplicationState.WAITING = (ApplicationState.PENDING, ApplicationState.DEFERRED)
# DECISIONS: what the steering group may decide about an application on its agenda.
ApplicationState.DECISIONS = (ApplicationState.APPROVED, ApplicationState.DEFERRED, ApplicationState.DECLINED)
ApplicationState.CLOSED = (ApplicationState.APPROVED, ApplicationState.DECLINED)

TRANSITIONS = {
    ApplicationState.PENDING: {ApplicationState.ON_AGENDA},
    # PENDING again only when its meeting is cancelled and no other one is scheduled.
    ApplicationState.ON_AGENDA: {
        ApplicationState.APPROVED, ApplicationState.DEFERRED, ApplicationState.DECLINED, ApplicationState.PENDING,
    },
    ApplicationState.DEFERRED: {ApplicationState.ON_AGENDA},
    ApplicationState.APPROVED: set(),
    ApplicationState.DECLINED: set(),
}


def decision_choices():
    return [(state.value, state.label) for state in ApplicationState.DECISIONS]


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("meeting state", "Scheduled")
    HELD = "held", pgettext_lazy("meeting state", "Held")
    CANCELLED = "cancelled", pgettext_lazy("meeting state", "Cancelled")


MEETING_TRANSITIONS = {
    MeetingState.SCHEDULED: {MeetingState.HELD, MeetingState.CANCELLED},  # held: its last item was decided
    MeetingState.HELD: set(),
    MeetingState.CANCELLED: set(),
}
