from django.contrib import admin
from django.utils import timezone
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from jln_portal.admin import ManagerAdmin, is_admin_user

from .models import Answer, Call, ExpressionOfInterest, Meeting, ParticipantProfile, Question, TeamMember


class ManagerInline:
    def has_view_permission(self, request, obj=None):
        return is_admin_user(request.user)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class QuestionInline(ManagerInline, TranslationStackedInline):
    model = Question
    extra = 0


class ProfileInline(ManagerInline, TranslationStackedInline):
    model = ParticipantProfile
    extra = 0


class MeetingInline(ManagerInline, TranslationTabularInline):
    model = Meeting
    extra = 0


@admin.register(Call)
class CallAdmin(ManagerAdmin, TranslationAdmin):
    list_display = ["title", "state", "opening_date", "deadline", "time_zone", "feedback_date", "confirmations_required"]
    list_filter = ["state", "confirmations_required"]
    search_fields = ["title_en", "title_fr", "slug"]
    inlines = [QuestionInline, ProfileInline, MeetingInline]

    def save_model(self, request, obj, form, change):
        # `updated_at` is the version of the call with its questions and profiles (the inlines
        # are saved with it): the evaluation's review page caches an EOI's answers under it.
        obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)


class AnswerInline(ManagerInline, admin.StackedInline):
    model = Answer
    extra = 0


class TeamMemberInline(ManagerInline, admin.StackedInline):
    model = TeamMember
    extra = 0


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(ManagerAdmin, SimpleHistoryAdmin):
    """For inspection and repair; the workflow (submit, withdraw …) happens in the portal's pages."""

    list_display = ["country", "call", "status", "channel", "problem_count", "submitted_at", "version"]
    list_filter = ["call", "status", "channel"]
    readonly_fields = ["version", "submitted_at", "submitted_by", "submission_number", "created_at", "updated_at"]
    inlines = [AnswerInline, TeamMemberInline]
