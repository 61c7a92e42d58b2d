from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EoiConfig(AppConfig):
    name = "eoi"
    verbose_name = _("Calls and expressions of interest")
