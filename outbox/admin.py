from django.contrib import admin

from jln_portal.admin import ReadOnlyManagerAdmin

from .models import OutboundMail


@admin.register(OutboundMail)
class OutboundMailAdmin(ReadOnlyManagerAdmin):
    """Read-only: a mail changes state only through the outbox pages and the
    workers (outbox/services.py, outbox/sending.py), never by hand here."""

    list_display = ["subject", "to_email", "kind", "batch", "state", "created_at", "sent_at"]
    list_filter = ["state", "kind", "language", "delivery_uncertain"]
    search_fields = ["to_email", "subject", "batch"]
