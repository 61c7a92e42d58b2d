"""The manager edits a call's criteria, rubric and selection factors here (both
languages side by side); reviews and decisions change only through the portal's
pages, so they are read-only here."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from jln_portal.admin import ManagerAdmin, is_admin_user

from .models import Conflict, Criterion, Evaluation, EvaluationSettings, RubricLevel, SelectionFactor


class RubricLevelInline(TranslationTabularInline):
    model = RubricLevel
    extra = 0

    def has_view_permission(self, request, obj=None):
        return is_admin_user(request.user)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Criterion)
class CriterionAdmin(ManagerAdmin, TranslationAdmin):
    list_display = ["name", "call", "order", "scale_min", "scale_max", "weight"]
    list_filter = ["call"]
    inlines = [RubricLevelInline]

    def get_readonly_fields(self, request, obj=None):
        # Scores copy the scale they were given on: it cannot change once scored.
        if obj is not None and obj.scores.exists():
            return ["call", "scale_min", "scale_max"]
        return []


@admin.register(SelectionFactor)
class SelectionFactorAdmin(ManagerAdmin, TranslationAdmin):
    list_display = ["name", "call", "order"]
    list_filter = ["call"]


@admin.register(EvaluationSettings)
class EvaluationSettingsAdmin(ManagerAdmin, SimpleHistoryAdmin):
    list_display = ["call", "hide_scores_until_submitted", "disagreement_threshold", "finalised_at"]
    readonly_fields = ["review_started_at", "finalised_at", "finalised_by"]


@admin.register(Evaluation)
class EvaluationAdmin(ManagerAdmin, SimpleHistoryAdmin):
    list_display = ["eoi", "state", "eligible", "decision"]
    list_filter = ["state", "eligible", "eoi__call"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Conflict)
class ConflictAdmin(ManagerAdmin, SimpleHistoryAdmin):
    list_display = ["reviewer", "country", "declared_at"]
