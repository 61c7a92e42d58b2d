from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jln_portal.admin import ManagerAdmin

from .models import CoreGroup, CoreGroupMember, Country


class CoreGroupMemberInline(admin.TabularInline):
    model = CoreGroupMember
    extra = 1

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Country)
class CountryAdmin(ManagerAdmin, SimpleHistoryAdmin):
    list_display = ["name", "code", "region", "working_language", "membership_level", "member_since", "jln_contact"]
    list_filter = ["region", "membership_level", "working_language"]
    filter_horizontal = ["focal_points"]


@admin.register(CoreGroup)
class CoreGroupAdmin(ManagerAdmin, SimpleHistoryAdmin):
    list_display = ["country", "established_on"]
    inlines = [CoreGroupMemberInline]
