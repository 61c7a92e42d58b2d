"""The evaluation app's notes on its mails in the outbox (outbox/notes.py)."""

from django.contrib.contenttypes.models import ContentType

from outbox.enums import MailKind

from .models import Evaluation
from .selectors.staleness import staleness_by_evaluation


def feedback_letter_notes(mail):
    """A feedback letter whose feedback was drafted before reviews changed says so."""
    if mail.kind != MailKind.FEEDBACK or mail.related_type_id != ContentType.objects.get_for_model(Evaluation).pk:
        return []
    evaluation = Evaluation.objects.filter(pk=mail.related_id).first()
    if evaluation is None:
        return []
    return staleness_by_evaluation([evaluation])[evaluation.pk].sentences()
