"""Notes on a call's final record: what happened after its decisions were made final, kept
beside the record without changing any of its figures (a conflict of interest declared
afterwards) or saying why the manager reopened the decisions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import RecordNoteKind


class RecordNote(models.Model):
    """Written once, never changed (services.conflict_declare, services.decisions_reopen)."""

    call = models.ForeignKey("eoi.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="record_notes")
    evaluation = models.ForeignKey(
        "evaluation.Evaluation", verbose_name=_("evaluation"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="record_notes",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RecordNoteKind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("facilitator concerned"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    text = models.TextField(_("note"))
    letters_flagged = models.PositiveIntegerField(_("letters already sent, flagged"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("note on the final record")
        verbose_name_plural = _("notes on the final record")
        ordering = ["call", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=RecordNoteKind.values), name="record_note_kind_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="record_note_has_text"),
        ]

    def __str__(self):
        return f"{self.call} – {self.get_kind_display()}"
