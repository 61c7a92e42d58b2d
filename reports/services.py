"""Every change of a generated file's state happens here.

    pending ──(worker claims it)──▶ running ──▶ done (file stored)
                                          └──▶ failed (error kept)

A request creates a PENDING row and queues `reports.render` after the transaction commits
(in-process when there is no Redis, so the file is ready when the request returns). A worker
claims the row with a conditional UPDATE (PENDING → RUNNING) and builds it only if it won the
claim, so a task delivered twice builds once. The file goes through Django's storage API.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from . import registry
from .enums import FileState
from .models import DownloadRecord, GeneratedFile

logger = logging.getLogger(__name__)

STUCK_RUNNING_AFTER = timedelta(minutes=45)  # longer than the task's time limit (tasks.py)
STUCK_PENDING_AFTER = timedelta(hours=6)
INTERRUPTED = _("The generation was interrupted. Please ask for the file again.")


class UnknownKind(ValueError):
    pass


class BuildJob:
    """What a builder receives: the language, the parameters and a way to report progress."""

    def __init__(self, generated_file):
        self.generated_file = generated_file
        self.language = generated_file.language
        self.parameters = generated_file.parameters
        self.requested_by = generated_file.requested_by

    def progress(self, percent):
        percent = max(0, min(99, int(percent)))  # 100 means done: only the service says so
        GeneratedFile.objects.filter(pk=self.generated_file.pk, state=FileState.RUNNING).update(progress=percent)


def generated_file_request(*, kind, language, parameters=None, by):
    """Ask for a file; it is built after the surrounding transaction commits. The same
    person asking again for the same file while it is being built gets the same row."""
    if registry.get_kind(kind) is None:
        raise UnknownKind(kind)
    parameters = parameters or {}
    for existing in GeneratedFile.objects.filter(
        kind=kind, language=language, requested_by=by, state__in=FileState.ACTIVE
    ):
        if existing.parameters == parameters:
            return existing
    generated_file = GeneratedFile(kind=kind, language=language, parameters=parameters, requested_by=by)
    generated_file.full_clean()
    generated_file.save()

    from .tasks import render_task

    transaction.on_commit(lambda: render_task.delay(generated_file_id=generated_file.pk))
    return generated_file


def generated_file_claim(*, generated_file_id):
    """PENDING → RUNNING if nobody else took it; the row, or None."""
    claimed = GeneratedFile.objects.filter(pk=generated_file_id, state=FileState.PENDING).update(
        state=FileState.RUNNING, started_at=timezone.now(), progress=0
    )
    return GeneratedFile.objects.select_related("requested_by").get(pk=generated_file_id) if claimed else None


def _fail(generated_file, message):
    GeneratedFile.objects.filter(pk=generated_file.pk, state=FileState.RUNNING).update(
        state=FileState.FAILED, error=str(message)[:4000] or "error", finished_at=timezone.now()
    )


def generated_file_render(*, generated_file_id):
    """Build, store and mark done one claimed file. Returns its final state (None if not claimed)."""
    generated_file = generated_file_claim(generated_file_id=generated_file_id)
    if generated_file is None:
        return None
    kind = registry.get_kind(generated_file.kind)
    if kind is None:
        _fail(generated_file, f"Unknown kind {generated_file.kind!r}")
        return FileState.FAILED
    storage = generated_file.file.storage
    stored_name = None
    try:
        with translation.override(generated_file.language):
            built = kind.build(BuildJob(generated_file))
        content = ContentFile(built.content) if isinstance(built.content, bytes) else File(built.content)
        generated_file.file.save(built.filename, content, save=False)
        stored_name = generated_file.file.name
        size = storage.size(stored_name)
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the row
        logger.exception("Generating file %s (%s) failed", generated_file.pk, generated_file.kind)
        if stored_name:
            storage.delete(stored_name)
        _fail(generated_file, f"{type(error).__name__}: {error}")
        return FileState.FAILED
    finished = GeneratedFile.objects.filter(pk=generated_file.pk, state=FileState.RUNNING).update(
        state=FileState.DONE, progress=100, file=stored_name, filename=built.filename[:200],
        content_type=built.content_type, size=size, finished_at=timezone.now(),
    )
    if not finished:  # given up meanwhile (generated_file_recover_stuck): keep nothing
        storage.delete(stored_name)
        return FileState.FAILED
    return FileState.DONE


def generated_file_recover_stuck(*, now=None):
    """Files whose worker died (or whose task was lost) are marked failed, so the person
    who asked sees it and can ask again. Returns how many."""
    now = now or timezone.now()
    running = GeneratedFile.objects.filter(state=FileState.RUNNING, started_at__lt=now - STUCK_RUNNING_AFTER)
    pending = GeneratedFile.objects.filter(state=FileState.PENDING, created_at__lt=now - STUCK_PENDING_AFTER)
    message = str(INTERRUPTED)
    return sum(qs.update(state=FileState.FAILED, error=message, finished_at=now) for qs in (running, pending))


def generated_file_purge(*, now=None, keep=None):
    """Delete finished files (from the storage, then the rows) older than REPORTS_KEEP_DAYS."""
    keep = keep or timedelta(days=settings.REPORTS_KEEP_DAYS)
    old = GeneratedFile.objects.filter(state__in=FileState.FINAL, created_at__lt=(now or timezone.now()) - keep)
    count = 0
    for generated_file in old.only("pk", "file"):
        if generated_file.file:
            generated_file.file.storage.delete(generated_file.file.name)
        generated_file.delete()
        count += 1
    return count



def download_record(*, by, kind, name, object_id=""):
    """Record that `by` downloaded a file holding personal data (the download views and the exports call it)."""
    return DownloadRecord.objects.create(user=by, kind=kind, name=name[:300], object_id=str(object_id))
