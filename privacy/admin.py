from django.contrib import admin

from jln_portal.admin import ReadOnlyManagerAdmin

from .models import PrivacyAction


@admin.register(PrivacyAction)
class PrivacyActionAdmin(ReadOnlyManagerAdmin):
    """What was done with personal data, and when (written by privacy's services only)."""

    list_display = ["performed_at", "kind", "eoi", "performed_by"]
    list_filter = ["kind"]
    list_select_related = ["eoi__country", "eoi__call", "performed_by"]
    search_fields = ["subject_hash"]
    date_hierarchy = "performed_at"
