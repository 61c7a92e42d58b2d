"""States and choices of calls and expressions of interest.

The EOI status covers the country's side only: drafting, submitting,
withdrawing, reopening (`EOI_TRANSITIONS` is the one table every service checks
a change against). What happens to a submitted EOI afterwards (under review,
shortlisted, selected …) is not an EOI status: the `evaluation` app keeps it on
its own `Evaluation` row (evaluation/enums.py, `EvaluationState`), and the
country sees the decision once the decisions are final through evaluation's
`{% country_status eoi %}` tag (templates/eoi/includes/status_badge.html).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


CallState.PUBLIC = frozenset({CallState.PUBLISHED, CallState.CLOSED})

CALL_TRANSITIONS = {
    CallState.DRAFT: {CallState.PUBLISHED},
    CallState.PUBLISHED: {CallState.CLOSED, CallState.DRAFT},
    CallState.CLOSED: {CallState.PUBLISHED},
}


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Written answer")
    TEAM = "team", _("Proposed team")
    CONTACT = "contact", _("Contact person")


class ProfileLevel(models.TextChoices):
    """The level a participant profile asks for."""

    NATIONAL = "national", _("National")
    SUBNATIONAL = "subnational", _("Subnational")
    EITHER = "either", _("National or subnational")


class Level(models.TextChoices):
    """The level a proposed team member works at."""

    NATIONAL = "national", _("National")
    SUBNATIONAL = "subnational", _("Subnational")


class Channel(models.TextChoices):
    PORTAL = "portal", _("Portal")
    EMAIL = "email", _("E-mail (recorded by the network manager)")


class EOIStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REOPENED = "reopened", _("Reopened for changes")


# Named groups (set after the class so they are not members).
EOIStatus.EDITABLE = frozenset({EOIStatus.DRAFT, EOIStatus.REOPENED})
# Submitted and still a candidate (the EOIs the evaluation reviews).
EOIStatus.RECEIVED = frozenset({EOIStatus.SUBMITTED})
# States in which the EOI carries a submission time.
EOIStatus.HAS_SUBMISSION = frozenset({EOIStatus.SUBMITTED, EOIStatus.WITHDRAWN})

# Every allowed change of status; eoi/services/eois.py is the only place that changes it.
EOI_TRANSITIONS = {
    EOIStatus.DRAFT: {EOIStatus.SUBMITTED},
    EOIStatus.REOPENED: {EOIStatus.SUBMITTED},
    EOIStatus.SUBMITTED: {EOIStatus.WITHDRAWN, EOIStatus.REOPENED},
    EOIStatus.WITHDRAWN: {EOIStatus.REOPENED},
}


def statuses_that_may_become(target):
    """The statuses from which EOI_TRANSITIONS allows `target`."""
    return frozenset(source for source, targets in EOI_TRANSITIONS.items() if target in targets)


EOIStatus.WITHDRAWABLE = statuses_that_may_become(EOIStatus.WITHDRAWN)
EOIStatus.REOPENABLE = statuses_that_may_become(EOIStatus.REOPENED)


class Completeness(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    INCOMPLETE = "incomplete", _("Incomplete")
