"""The feedback to a country is a shared text (the manager and the facilitators
edit it): each save carries the version it was made from and is refused if
someone saved a newer one meanwhile (`FeedbackConflict`, with the text now
saved, as the EOI drafts do). A draft made from the scores records what it
was made from (`selectors.staleness`), so that later reviews flag it."""

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..selectors.staleness import feedback_source
from .errors import EvaluationError

SIGNING_SALT = "evaluation.feedback-drafted-from"


class FeedbackConflict(EvaluationError):
    """Someone saved the feedback after this form was opened; `current` is the evaluation as saved."""

    default_message = _("Someone else saved this feedback after you opened the page. Your text is kept below, "
                        "beside the version now saved: combine them, then save again.")

    def __init__(self, current):
        self.current = current
        super().__init__()


def drafted_from_now(evaluation):
    """What a draft made now from the scores is made from, with the time."""
    return {**feedback_source(evaluation), "at": timezone.now().isoformat()}


def sign_drafted_from(source):
    """The source of a draft shown in a form (the decision page pre-drafts an empty feedback)."""
    return signing.dumps(source, salt=SIGNING_SALT)


def unsign_drafted_from(value):
    try:
        return signing.loads(value, salt=SIGNING_SALT) if value else None
    except signing.BadSignature:
        return None


def feedback_write(evaluation, *, feedback_en, feedback_fr, version=None, drafted_from=None):
    """Put the texts on `evaluation` (locked by the caller) and return the fields to save.
    `version`: the feedback version the form was opened with (None: no check)."""
    if version is not None and version != evaluation.feedback_version:
        raise FeedbackConflict(evaluation)
    evaluation.feedback_en, evaluation.feedback_fr = feedback_en.strip(), (feedback_fr or "").strip()
    evaluation.feedback_version += 1
    fields = ["feedback_en", "feedback_fr", "feedback_version"]
    if drafted_from is not None:
        evaluation.feedback_drafted_from = drafted_from
        fields.append("feedback_drafted_from")
    return fields
