"""The people reviewing an EOI: assignments, conflicts of interest, reviews and
their scores, and the clarification requests sent to the country."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..enums import ReviewState
from .criteria import Criterion
from .evaluation import Evaluation


class Assignment(models.Model):
    """A facilitator asked to review one EOI."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="review_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "reviewer"], name="assignment_one_per_reviewer_per_eoi"),
        ]

    def __str__(self):
        return f"{self.reviewer} – {self.evaluation}"


class Conflict(models.Model):
    """A conflict of interest: the facilitator may neither review nor open any
    EOI of this country."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("facilitator"), on_delete=models.CASCADE, related_name="review_conflicts"
    )
    country = models.ForeignKey(
        "countries.Country", verbose_name=_("country"), on_delete=models.CASCADE, related_name="review_conflicts"
    )
    reason = models.TextField(_("reason"))
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("declared by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["reviewer", "country__code"]
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "country"], name="conflict_one_per_reviewer_per_country"),
            models.CheckConstraint(condition=~Q(reason=""), name="conflict_has_reason"),
        ]

    def __str__(self):
        return f"{self.reviewer} – {self.country}"


class Review(models.Model):
    """One facilitator's review of one EOI: a draft until submitted."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="reviews"
    )
    state = models.CharField(_("state"), max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT)
    # Never leaves the panel: not in a letter, not on a page the country sees. The comments for
    # the country are each score's `comment`.
    panel_note = models.TextField(_("note to the panel"), blank=True)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "reviewer"], name="review_one_per_reviewer_per_eoi"),
            models.CheckConstraint(condition=Q(state__in=ReviewState.values), name="review_state_valid"),
            models.CheckConstraint(
                condition=~Q(state=ReviewState.SUBMITTED) | Q(submitted_at__isnull=False),
                name="review_submitted_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} – {self.evaluation}"

    @property
    def is_submitted(self):
        return self.state == ReviewState.SUBMITTED


class Score(models.Model):
    """The score of one criterion in one review, with the reviewer's comment for
    the country (the form says it may be quoted to the country in its letter).

    The criterion's scale is copied onto the row when it is saved (the service
    does it, and a criterion's scale cannot change once scored) so that the
    database itself refuses a score outside the range."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment for the country"), blank=True)
    scale_min = models.PositiveSmallIntegerField()
    scale_max = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_one_per_criterion_per_review"),
            models.CheckConstraint(condition=Q(scale_min__lt=F("scale_max")), name="score_scale_range"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=F("scale_min"), value__lte=F("scale_max")),
                name="score_within_scale",
            ),
        ]

    def __str__(self):
        return f"{self.criterion.key}: {self.value}"


class ClarificationRequest(models.Model):
    """A facilitator's question to the country about its EOI, and the focal point's answer."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="clarifications")
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("clarification request")
        verbose_name_plural = _("clarification requests")
        ordering = ["evaluation", "asked_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(question=""), name="clarification_has_question"),
            models.CheckConstraint(
                condition=(Q(answered_at__isnull=True) & Q(answer=""))
                | (Q(answered_at__isnull=False) & ~Q(answer="")),
                name="clarification_answer_has_time",
            ),
        ]

    def __str__(self):
        return self.question[:60]

    @property
    def is_answered(self):
        return self.answered_at is not None
