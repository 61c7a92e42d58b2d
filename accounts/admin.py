from django.contrib import admin

from jln_portal.admin import ManagerAdmin

from .models import Invitation, User


@admin.register(User)
class UserAdmin(ManagerAdmin):
    list_display = ["full_name", "email", "role", "language", "is_active", "last_login"]
    list_filter = ["role", "language", "is_active"]
    search_fields = ["full_name", "email"]
    exclude = ["password", "groups", "user_permissions"]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Invitation)
class InvitationAdmin(ManagerAdmin):
    list_display = ["email", "role", "country", "invited_by", "created_at", "accepted_at", "ended_at"]
    list_filter = ["role"]
    readonly_fields = ["user", "invited_by", "created_at", "accepted_at", "ended_at"]
