from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The Django admin, restricted to network managers (see jln_portal/admin.py)."""

    default_site = "jln_portal.admin.PortalAdminSite"

    def ready(self):
        super().ready()
        from jln_portal import checks, sessions  # noqa: F401  (the deployment checks, the renewal at login)
