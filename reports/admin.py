from django.contrib import admin

from jln_portal.admin import ManagerAdmin

from .models import GeneratedFile


@admin.register(GeneratedFile)
class GeneratedFileAdmin(ManagerAdmin):
    list_display = ["__str__", "state", "progress", "requested_by", "created_at", "finished_at"]
    list_filter = ["state", "kind", "language"]
    list_select_related = ["requested_by"]
    readonly_fields = [
        "kind", "language", "parameters", "state", "progress", "file", "filename", "content_type", "size",
        "requested_by", "created_at", "started_at", "finished_at", "error",
    ]

    def has_add_permission(self, request):
        return False  # files are asked for from the Reports page, never typed in
