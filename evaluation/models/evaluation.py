"""The review of one submitted EOI: its state, eligibility, decision and feedback."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..enums import Decision, EligibilityItem, EvaluationState


class Evaluation(models.Model):
    """One per submitted EOI. `state` changes only through
    services.evaluation_transition; `decision` is what the panel proposes
    until the call's decisions are finalised, when it becomes the state."""

    eoi = models.OneToOneField(
        "eoi.ExpressionOfInterest", verbose_name=_("expression of interest"), on_delete=models.PROTECT,
        related_name="evaluation",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=EvaluationState.choices, default=EvaluationState.UNDER_REVIEW
    )
    eligible = models.BooleanField(
        _("eligible"), default=True, help_text=_("Every checklist item passes (after overrides).")
    )
    team_size = models.PositiveSmallIntegerField(_("participants"), default=0)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    feedback_en = models.TextField(_("feedback to the country (English)"), blank=True)
    feedback_fr = models.TextField(_("feedback to the country (French)"), blank=True)
    # A shared text: every save of the feedback moves it, a save from an older version is refused.
    feedback_version = models.PositiveIntegerField(_("feedback version"), default=0)
    # What a draft from the scores was made from (selectors.feedback.feedback_sources):
    # {"reviews": [ids of the submitted reviews], "fingerprint": "…", "at": "ISO time"}; {} when
    # the feedback was never drafted from the scores. Compared with today's to flag stale feedback.
    feedback_drafted_from = models.JSONField(_("feedback drafted from"), default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decision last changed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("review started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["eoi__call", "eoi__country__code"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=EvaluationState.values), name="evaluation_state_valid"),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=Decision.values), name="evaluation_decision_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state__in=EvaluationState.FINAL) | Q(decision=F("state")),
                name="evaluation_final_state_is_decision",
            ),
            models.CheckConstraint(
                condition=Q(eligible=True) | ~Q(state__in=[EvaluationState.SHORTLISTED, EvaluationState.SELECTED,
                                                           EvaluationState.WAITLISTED]),
                name="evaluation_ineligible_not_shortlisted",
            ),
        ]

    def __str__(self):
        return str(self.eoi)

    @property
    def is_final(self):
        return self.state in EvaluationState.FINAL

    @property
    def is_open(self):
        """Still open to reviews and changes: not decided, and the call's decisions not final."""
        if self.state not in EvaluationState.OPEN:
            return False
        settings = getattr(self.eoi.call, "evaluation_settings", None)
        return settings is None or settings.finalised_at is None

    def feedback_in(self, language):
        return self.feedback_fr if language == "fr" else self.feedback_en


class EligibilityCheck(models.Model):
    """One item of an EOI's eligibility checklist: what the portal found, and a
    facilitator's or the manager's override with its reason."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="checks")
    item = models.CharField(_("requirement"), max_length=30, choices=EligibilityItem.choices)
    passed = models.BooleanField(_("met (as checked by the portal)"))
    facts = models.JSONField(_("what the portal found"), default=dict, blank=True)
    override = models.BooleanField(_("met (overridden)"), null=True, blank=True)
    override_reason = models.TextField(_("reason for the override"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("overridden by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    overridden_at = models.DateTimeField(_("overridden"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "item"], name="eligibility_check_one_per_item"),
            models.CheckConstraint(condition=Q(item__in=EligibilityItem.values), name="eligibility_check_item_valid"),
            models.CheckConstraint(
                condition=Q(override__isnull=True) | ~Q(override_reason=""), name="eligibility_override_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.evaluation} – {self.get_item_display()}"

    @property
    def met(self):
        return self.passed if self.override is None else self.override

    @property
    def is_overridden(self):
        return self.override is not None
