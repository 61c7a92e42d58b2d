from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and generated files")

    def ready(self):
        # Every app declares what it can generate in its `report_builders.py` (see registry.py).
        autodiscover_modules("report_builders")
