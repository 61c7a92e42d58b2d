from django.db import models
from django.utils.translation import gettext_lazy as _


class FileState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


# Named groups of states (attributes set after the class so they are not members).
FileState.ACTIVE = frozenset({FileState.PENDING, FileState.RUNNING})
FileState.FINAL = frozenset({FileState.DONE, FileState.FAILED})
