"""What a call is judged on, and how its review is run.

Names, guidance and rubric texts are bilingual data (django-modeltranslation:
`<field>_en` / `<field>_fr`, see evaluation/translation.py).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jln_portal.dates import BoundedDateTimeField, date_range_constraint


class EvaluationSettings(models.Model):
    """How one call's review is run: what reviewers may see, when reviewers
    disagree, the diversity the suggested selection keeps, and whether the
    decisions are final. Capacity (target teams, maximum participants) is the
    call's own."""

    call = models.OneToOneField(
        "eoi.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="evaluation_settings"
    )
    hide_scores_until_submitted = models.BooleanField(
        _("hide other reviewers' scores until one's own review is submitted"), default=True
    )
    disagreement_threshold = models.DecimalField(
        _("disagreement threshold (points out of 100)"), max_digits=5, decimal_places=2, default=Decimal("20"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("An EOI whose review totals differ by more than this is flagged for discussion."),
    )
    min_regions = models.PositiveSmallIntegerField(
        _("regions the suggested selection covers at least"), default=0, help_text=_("0: no rule.")
    )
    max_per_region = models.PositiveSmallIntegerField(
        _("teams from one region at most"), null=True, blank=True, help_text=_("Empty: no rule.")
    )
    min_french_teams = models.PositiveSmallIntegerField(
        _("French-speaking teams at least"), default=0, help_text=_("0: no rule.")
    )
    min_english_teams = models.PositiveSmallIntegerField(
        _("English-speaking teams at least"), default=0, help_text=_("0: no rule.")
    )
    review_deadline = BoundedDateTimeField(
        _("reviews due by"), null=True, blank=True,
        help_text=_("Facilitators with unfinished reviews are reminded before this time. Empty: no reminder."),
    )
    review_started_at = models.DateTimeField(_("review started"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("decisions final"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("finalised by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation settings")
        verbose_name_plural = _("evaluation settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(disagreement_threshold__gte=0, disagreement_threshold__lte=100),
                name="evaluation_settings_threshold_range",
            ),
            models.CheckConstraint(
                condition=Q(finalised_at__isnull=True) | Q(review_started_at__isnull=False),
                name="evaluation_settings_final_after_start",
            ),
            date_range_constraint("review_deadline", name="evaluation_settings_review_deadline_in_range", with_time=True),
        ]

    def __str__(self):
        return str(self.call)

    @property
    def is_final(self):
        return self.finalised_at is not None


class Criterion(models.Model):
    """One scored criterion of a call, with its scale and weight."""

    call = models.ForeignKey("eoi.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(_("key"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.TextField(_("criterion"))
    guidance = models.TextField(_("guidance for reviewers"), blank=True)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal("1"))

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="criterion_key_unique_per_call"),
            models.CheckConstraint(condition=Q(scale_min__lt=F("scale_max")), name="criterion_scale_range"),
            models.CheckConstraint(condition=Q(scale_max__lte=100), name="criterion_scale_max_bounded"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.name

    @property
    def scale(self):
        return range(self.scale_min, self.scale_max + 1)


class RubricLevel(models.Model):
    """What one score of a criterion means."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="rubric")
    score = models.PositiveSmallIntegerField(_("score"))
    description = models.TextField(_("what this score means"))

    class Meta:
        verbose_name = _("rubric level")
        verbose_name_plural = _("rubric levels")
        ordering = ["criterion", "score"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "score"], name="rubric_level_unique_score"),
        ]

    def __str__(self):
        return f"{self.score}: {self.description}"


class SelectionFactor(models.Model):
    """A factor the call says countries are selected on; not scored on its own,
    shown to reviewers and to the panel beside the scores."""

    call = models.ForeignKey(
        "eoi.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="selection_factors"
    )
    key = models.SlugField(_("key"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.TextField(_("selection factor"))
    guidance = models.TextField(_("guidance for reviewers"), blank=True)

    class Meta:
        verbose_name = _("selection factor")
        verbose_name_plural = _("selection factors")
        ordering = ["call", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="selection_factor_key_unique_per_call"),
        ]

    def __str__(self):
        return self.name
