"""States and choices of the evaluation.

The review lifecycle of a submitted EOI lives here, not in `eoi.EOIStatus`:
an `Evaluation` row (one per submitted EOI) carries its own state, and
`EVALUATION_TRANSITIONS` is the one table `services.evaluation_transition`
checks every change against. The country keeps seeing "submitted" until the
decisions are final (see `selectors.country_facing_status`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EvaluationState(models.TextChoices):
    UNDER_REVIEW = "under_review", _("Under review")
    SHORTLISTED = "shortlisted", pgettext_lazy("state of one expression of interest", "Shortlisted")
    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("Waitlisted")
    NOT_SELECTED = "not_selected", _("Not selected")


# Named groups (set after the class so they are not members).
EvaluationState.OPEN = frozenset({EvaluationState.UNDER_REVIEW, EvaluationState.SHORTLISTED})
EvaluationState.FINAL = frozenset({EvaluationState.SELECTED, EvaluationState.WAITLISTED, EvaluationState.NOT_SELECTED})

# Every allowed change of state; services.evaluation_transition is the only place that changes it.
# An EOI reaches "selected" or "waitlisted" only through the shortlist; one that was never
# shortlisted (or is ineligible) can only be "not selected". Final states are final.
EVALUATION_TRANSITIONS = {
    EvaluationState.UNDER_REVIEW: {EvaluationState.SHORTLISTED, EvaluationState.NOT_SELECTED},
    EvaluationState.SHORTLISTED: {
        EvaluationState.UNDER_REVIEW, EvaluationState.SELECTED, EvaluationState.WAITLISTED,
        EvaluationState.NOT_SELECTED,
    },
    EvaluationState.SELECTED: set(),
    EvaluationState.WAITLISTED: set(),
    EvaluationState.NOT_SELECTED: set(),
}


class Decision(models.TextChoices):
    """What the panel proposes before finalising (the state it becomes at finalisation)."""

    SELECTED = EvaluationState.SELECTED.value, _("Selected")
    WAITLISTED = EvaluationState.WAITLISTED.value, _("Waitlisted")
    NOT_SELECTED = EvaluationState.NOT_SELECTED.value, _("Not selected")


class FeedbackTemplate(models.TextChoices):
    """Which feedback letter a country receives (templates/evaluation/mail/feedback_<value>_*):
    its final decision, or "ineligible" when it did not meet the call's requirements
    (its decision is then "not selected", but the letter says why)."""

    SELECTED = EvaluationState.SELECTED.value, _("Selected")
    WAITLISTED = EvaluationState.WAITLISTED.value, _("Waitlisted")
    NOT_SELECTED = EvaluationState.NOT_SELECTED.value, _("Not selected")
    INELIGIBLE = "ineligible", _("Not eligible")


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class EligibilityItem(models.TextChoices):
    """The checklist of "EOIs must meet all requirements to be considered"."""

    COMPLETE = "complete", _("Every question answered")
    ON_TIME = "on_time", _("Submitted on time")
    TEAM_SIZE = "team_size", _("Team size within the call's limits")
    MEMBERS_PROFILED = "members_profiled", _("Every team member matched to a participant profile")
    CONTACT_COMPLETE = "contact_complete", _("Contact person complete")
    COUNTRY_ELIGIBLE = "country_eligible", _("Country eligible for the call")


class AssignmentMode(models.TextChoices):
    ALL = "all", _("Every facilitator reviews every EOI")
    BALANCED = "balanced", _("A balanced share for each facilitator")


class RankingSort(models.TextChoices):
    MEAN = "mean", _("Mean score, highest first")
    NORMALISED = "normalised", _("Normalised mean, highest first")
    SPREAD = "spread", _("Spread, largest first")
    COUNTRY = "country", _("Country name")
    REVIEWS = "reviews", _("Number of reviews")


class RecordNoteKind(models.TextChoices):
    """What a note on a finalised call's record says happened after the decisions were final."""

    LATE_CONFLICT = "late_conflict", _("Conflict of interest declared after the decisions were final")
    REOPENED = "reopened", _("Decisions reopened")
