"""The manager edits a call's criteria, rubric and selection factors here (both
languages side by side); reviews and decisions change only through the portal's
pages, so they are read-only here. Once a call's decisions are final, everything
about it is read-only here too (final means final: services.decisions_reopen is
the one way back); a conflict added here goes through services.conflict_declare."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from jln_portal.admin import ManagerAdmin, ReadOnlyManagerAdmin, is_admin_user

from . import services
from .models import Conflict, Criterion, Evaluation, EvaluationSettings, RecordNote, RubricLevel, SelectionFactor
from .services.record import conflict_counts_in_final_record


def _call_is_final(call):
    settings = getattr(call, "evaluation_settings", None) if call is not None else None
    return settings is not None and settings.is_final


class FinalCallReadOnly:
    """Read-only once the object's call (`final_call(obj)`) has final decisions."""

    def final_call(self, obj):
        return obj.call

    def is_frozen(self, obj):
        return obj is not None and _call_is_final(self.final_call(obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self.is_frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self.is_frozen(obj)


class RubricLevelInline(TranslationTabularInline):
    model = RubricLevel
    extra = 0

    def has_view_permission(self, request, obj=None):
        return is_admin_user(request.user)

    def has_change_permission(self, request, obj=None):  # obj: the criterion
        return is_admin_user(request.user) and not (obj is not None and _call_is_final(obj.call))

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(Criterion)
class CriterionAdmin(FinalCallReadOnly, ManagerAdmin, TranslationAdmin):
    list_display = ["name", "call", "order", "scale_min", "scale_max", "weight"]
    list_filter = ["call"]
    inlines = [RubricLevelInline]

    def get_readonly_fields(self, request, obj=None):
        # Scores copy the scale they were given on: it cannot change once scored.
        if obj is not None and obj.scores.exists():
            return ["call", "scale_min", "scale_max"]
        return []


@admin.register(SelectionFactor)
class SelectionFactorAdmin(FinalCallReadOnly, ManagerAdmin, TranslationAdmin):
    list_display = ["name", "call", "order"]
    list_filter = ["call"]


@admin.register(EvaluationSettings)
class EvaluationSettingsAdmin(FinalCallReadOnly, ManagerAdmin, SimpleHistoryAdmin):
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
    readonly_fields = ["declared_at", "declared_by"]

    def is_frozen(self, obj):
        """Part of a final record's figures: changing or removing it would change them."""
        return obj is not None and obj.pk is not None and conflict_counts_in_final_record(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self.is_frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self.is_frozen(obj)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        # As on the conflicts page: assignments and drafts go, a late conflict is a note on a final record.
        saved = services.conflict_declare(reviewer=obj.reviewer, country=obj.country, reason=obj.reason,
                                          by=request.user)
        obj.pk, obj.declared_at, obj.declared_by = saved.pk, saved.declared_at, saved.declared_by


@admin.register(RecordNote)
class RecordNoteAdmin(ReadOnlyManagerAdmin):
    list_display = ["call", "kind", "evaluation", "created_at"]
    list_filter = ["call", "kind"]
