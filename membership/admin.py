from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jln_portal.admin import ManagerAdmin

from .models import AgendaItem, MembershipApplication, SteeringMeeting


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(ManagerAdmin, SimpleHistoryAdmin):
    list_display = ["country", "institution", "contact_name", "state", "submitted_at"]
    list_filter = ["state", "language"]
    search_fields = ["institution", "contact_name", "contact_email"]
    list_select_related = ["country"]
    # States change through membership/services.py only (transitions, mails, country level).
    readonly_fields = ["state"]


@admin.register(SteeringMeeting)
class SteeringMeetingAdmin(ManagerAdmin, SimpleHistoryAdmin):
    list_display = ["date", "place", "online", "state"]
    list_filter = ["state"]
    readonly_fields = ["state"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ManagerAdmin, SimpleHistoryAdmin):
    list_display = ["meeting", "application", "decision", "decided_by", "decided_at"]
    list_filter = ["decision"]
    list_select_related = ["meeting", "application__country", "decided_by"]
    readonly_fields = ["decision", "decided_by", "decided_at"]
