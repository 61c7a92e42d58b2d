"""The admin site is the network manager's back office: nobody else enters it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


def is_admin_user(user):
    return user.is_active and (user.is_superuser or getattr(user, "is_network_manager", False))


class PortalAdminSite(admin.AdminSite):
    site_header = _("JLN portal administration")
    site_title = _("JLN portal")

    def has_permission(self, request):
        return is_admin_user(request.user)


class ManagerAdmin(admin.ModelAdmin):
    """Base for every ModelAdmin of the portal: network managers may do everything."""

    def has_module_permission(self, request):
        return is_admin_user(request.user)

    def has_view_permission(self, request, obj=None):
        return is_admin_user(request.user)

    def has_add_permission(self, request):
        return is_admin_user(request.user)

    def has_change_permission(self, request, obj=None):
        return is_admin_user(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_admin_user(request.user)


class ReadOnlyManagerAdmin(ManagerAdmin):
    """A record managers read in the admin but never change there: the portal's own pages and
    services are its only writers (the outbox's mails, the notes on a final record)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
