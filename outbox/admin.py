from django.contrib import admin

from jln_portal.admin import ManagerAdmin

from .models import OutboundMail


@admin.register(OutboundMail)
class OutboundMailAdmin(ManagerAdmin):
    list_display = ["subject", "to_email", "kind", "state", "created_at", "sent_at"]
    list_filter = ["state", "kind", "language"]
    search_fields = ["to_email", "subject"]
    readonly_fields = ["state", "claimed_at", "sent_at", "attempts", "last_error", "dedupe_key"]
