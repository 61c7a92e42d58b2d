from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jln_portal.admin import ManagerAdmin, ReadOnlyManagerAdmin

from .models import DownloadRecord, GeneratedFile


@admin.register(GeneratedFile)
class GeneratedFileAdmin(ManagerAdmin):
    list_display = ["__str__", "state", "progress", "requested_by", "created_at", "finished_at"]
    list_filter = ["state", "kind", "language"]
    list_select_related = ["requested_by"]
    readonly_fields = [
        "kind", "language", "parameters", "state", "progress", "download", "content_type", "size",
        "requested_by", "created_at", "started_at", "finished_at", "error",
    ]
    exclude = ["file", "filename"]

    @admin.display(description=_("file"))
    def download(self, obj):
        # Through the permission-checked view: the storage's own URL is never handed out.
        if not obj.is_ready:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("reports:download", args=[obj.pk]), obj.filename)

    def has_add_permission(self, request):
        return False  # files are asked for from the Reports page, never typed in


@admin.register(DownloadRecord)
class DownloadRecordAdmin(ReadOnlyManagerAdmin):
    """Who downloaded which file holding personal data, and when (written by the download views)."""

    list_display = ["downloaded_at", "user", "kind", "name"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    search_fields = ["name", "user__email"]
    date_hierarchy = "downloaded_at"
