from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyActionKind(models.TextChoices):
    RETENTION = "retention", _("Anonymised at the end of the retention period")
    PERSON_EXPORT = "person_export", _("Everything about one person exported on request")
    PERSON_ERASURE = "person_erasure", _("One person's data erased on request")


PrivacyActionKind.ABOUT_A_PERSON = frozenset({PrivacyActionKind.PERSON_EXPORT, PrivacyActionKind.PERSON_ERASURE})
