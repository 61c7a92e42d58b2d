from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from outbox import notes

        from .mail_notes import feedback_letter_notes

        notes.register(feedback_letter_notes)
