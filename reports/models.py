import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import registry
from .enums import FileState


def generated_file_path(instance, filename):
    """Where the file goes in the storage: unguessable, grouped by kind and month."""
    return f"generated/{instance.kind}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(16)}/{filename}"


class GeneratedFile(models.Model):
    """A file the portal generates in the background (a PDF report, a zip dossier…), kept in
    Django's storage (`default_storage`: var/media locally, S3-compatible in production) until
    it is downloaded or purged. What each kind contains is decided by its builder (registry.py)."""

    kind = models.CharField(_("kind"), max_length=50)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=FileState.choices, default=FileState.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    file = models.FileField(_("file"), upload_to=generated_file_path, max_length=300, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL,
        related_name="generated_files",
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("generated file")
        verbose_name_plural = _("generated files")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="reports_requester_idx"),
            models.Index(fields=["state", "started_at"], name="reports_state_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=FileState.values), name="reports_state_valid"),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]), name="reports_language_valid"
            ),
            models.CheckConstraint(condition=Q(progress__gte=0, progress__lte=100), name="reports_progress_range"),
            models.CheckConstraint(condition=~Q(kind=""), name="reports_kind_not_empty"),
            models.CheckConstraint(
                condition=~Q(state=FileState.DONE) | (~Q(file="") & ~Q(filename="") & Q(progress=100)),
                name="reports_done_has_file",
            ),
            models.CheckConstraint(
                condition=~Q(state=FileState.FAILED) | ~Q(error=""), name="reports_failed_has_error"
            ),
        ]

    def __str__(self):
        return f"{self.kind_label} ({self.language}) #{self.pk}"

    @property
    def kind_label(self):
        kind = registry.get_kind(self.kind)
        return kind.label if kind else self.kind

    @property
    def is_active(self):
        return self.state in FileState.ACTIVE

    @property
    def is_ready(self):
        return self.state == FileState.DONE


class DownloadRecord(models.Model):
    """One download of a file that contains personal data: who, when, which file (a generated
    file's kind and id, or an export's name). Written by `services.download_record`."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("downloaded by"))
    kind = models.CharField(_("kind of file"), max_length=100)
    object_id = models.CharField(_("file id"), max_length=40, blank=True)
    name = models.CharField(_("file name"), max_length=300)
    downloaded_at = models.DateTimeField(_("downloaded at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-downloaded_at", "-pk"]
        verbose_name = _("download record")
        verbose_name_plural = _("download records")

    def __str__(self):
        return self.name
