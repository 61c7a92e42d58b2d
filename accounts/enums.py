from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Country focal point")
    FACILITATOR = "facilitator", _("R4D facilitator")
    MANAGER = "manager", _("Network manager")
    STEERING = "steering", _("Steering-group member")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
