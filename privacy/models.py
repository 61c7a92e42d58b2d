"""What the portal did with personal data (issue 17 §2): one row per anonymisation of a team at
the end of its retention period, per export of everything about one person, per erasure on request.

The record never holds the personal data it is about: a request about a person is kept under
the SHA-256 of their normalised e-mail address (`subject_hash`, privacy.models.subject_hash), so
a second request from the same person can be matched without the portal keeping their address.
`counts` says how many rows of each kind were changed ({"team members": 4, …})."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import PrivacyActionKind


def subject_hash(email):
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()


class PrivacyAction(models.Model):
    kind = models.CharField(_("action"), max_length=20, choices=PrivacyActionKind.choices)
    performed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Empty when the retention task did it."),
    )
    eoi = models.ForeignKey(
        "eoi.ExpressionOfInterest", verbose_name=_("expression of interest"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="privacy_actions",
    )
    subject_hash = models.CharField(_("person (SHA-256 of the e-mail address)"), max_length=64, blank=True,
                                    db_index=True)
    counts = models.JSONField(_("what was changed"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-performed_at", "-pk"]
        verbose_name = _("action on personal data")
        verbose_name_plural = _("actions on personal data")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PrivacyActionKind.values), name="privacy_action_kind_valid"),
            models.CheckConstraint(
                condition=~Q(kind=PrivacyActionKind.RETENTION) | Q(eoi__isnull=False),
                name="privacy_retention_names_its_eoi",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=PrivacyActionKind.ABOUT_A_PERSON) | (Q(performed_by__isnull=False) & ~Q(subject_hash="")),
                name="privacy_person_action_has_person_and_manager",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.performed_at:%Y-%m-%d}"
