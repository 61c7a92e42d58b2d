from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from reports import services
from reports.enums import FileState
from reports.models import GeneratedFile
from reports.registry import BuiltFile
from reports.tests.helpers import stored_files
from reports.tests.factories import GeneratedFileFactory

pytestmark = pytest.mark.django_db


def test_generated_file_request_builds_and_stores_the_file_when_tasks_run_in_process(
    manager, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        generated_file = services.generated_file_request(kind="sample", language="fr", by=manager)
    generated_file.refresh_from_db()
    assert generated_file.state == FileState.DONE
    assert generated_file.progress == 100
    assert generated_file.filename == "document-de-test-jln-fr.pdf"
    assert generated_file.content_type == "application/pdf"
    assert generated_file.finished_at is not None and generated_file.error == ""
    assert stored_files(Path(media_root)) == [generated_file.file.name]
    assert generated_file.file.name.startswith("generated/sample/")
    with default_storage.open(generated_file.file.name) as stored:
        content = stored.read()
    assert content.startswith(b"%PDF-") and len(content) == generated_file.size


def test_generated_file_request_twice_while_active_returns_the_same_row(manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = services.generated_file_request(kind="sample", language="en", by=manager)
        again = services.generated_file_request(kind="sample", language="en", by=manager)
        other_language = services.generated_file_request(kind="sample", language="fr", by=manager)
    assert again.pk == first.pk and other_language.pk != first.pk
    assert GeneratedFile.objects.count() == 2
    assert len(callbacks) == 2


def test_generated_file_request_of_an_unknown_kind_is_refused(manager):
    with pytest.raises(services.UnknownKind):
        services.generated_file_request(kind="nope", language="en", by=manager)
    assert GeneratedFile.objects.count() == 0


def test_generated_file_request_in_an_unknown_language_is_refused(manager):
    with pytest.raises(ValidationError):
        services.generated_file_request(kind="sample", language="de", by=manager)
    assert GeneratedFile.objects.count() == 0


def test_generated_file_render_builds_a_file_once_when_the_task_comes_twice(temporary_kind, media_root):
    calls = []
    kind = temporary_kind("counted", lambda job: calls.append(1) or BuiltFile("a.txt", b"abc", "text/plain"))
    generated_file = GeneratedFileFactory(kind=kind)
    assert services.generated_file_render(generated_file_id=generated_file.pk) == FileState.DONE
    assert services.generated_file_render(generated_file_id=generated_file.pk) is None
    assert len(calls) == 1
    assert len(stored_files(Path(media_root))) == 1


def test_generated_file_render_records_a_failure_and_keeps_no_file(temporary_kind, media_root):
    def broken(job):
        job.progress(50)
        raise RuntimeError("the chart has no data")

    generated_file = GeneratedFileFactory(kind=temporary_kind("broken", broken))
    assert services.generated_file_render(generated_file_id=generated_file.pk) == FileState.FAILED
    generated_file.refresh_from_db()
    assert generated_file.state == FileState.FAILED
    assert generated_file.error == "RuntimeError: the chart has no data"
    assert generated_file.progress == 50 and generated_file.file.name == ""
    assert stored_files(Path(media_root)) == []


def test_generated_file_render_reports_progress_to_the_database(temporary_kind):
    seen = []

    def build(job):
        for percent in (20, 150, -5):
            job.progress(percent)
            seen.append(GeneratedFile.objects.get(pk=job.generated_file.pk).progress)
        return BuiltFile("p.txt", b"x", "text/plain")

    generated_file = GeneratedFileFactory(kind=temporary_kind("progressing", build))
    services.generated_file_render(generated_file_id=generated_file.pk)
    assert seen == [20, 99, 0]
    generated_file.refresh_from_db()
    assert generated_file.progress == 100


def test_generated_file_render_runs_the_builder_in_the_files_language(temporary_kind):
    from django.utils.translation import get_language

    languages = []
    kind = temporary_kind("lang", lambda job: languages.append(get_language()) or BuiltFile("l.txt", b"x", "text/plain"))
    services.generated_file_render(generated_file_id=GeneratedFileFactory(kind=kind, language="fr").pk)
    assert languages == ["fr"]


def test_generated_file_render_given_up_meanwhile_keeps_no_file(temporary_kind, media_root):
    def build(job):
        GeneratedFile.objects.filter(pk=job.generated_file.pk).update(state=FileState.FAILED, error="given up")
        return BuiltFile("late.txt", b"late", "text/plain")

    generated_file = GeneratedFileFactory(kind=temporary_kind("late", build))
    assert services.generated_file_render(generated_file_id=generated_file.pk) == FileState.FAILED
    generated_file.refresh_from_db()
    assert (generated_file.state, generated_file.error) == (FileState.FAILED, "given up")
    assert stored_files(Path(media_root)) == []


def test_generated_file_recover_stuck_fails_only_old_unfinished_files():
    now = timezone.now()
    stuck = GeneratedFileFactory(state=FileState.RUNNING, started_at=now - timedelta(hours=1))
    busy = GeneratedFileFactory(state=FileState.RUNNING, started_at=now - timedelta(minutes=5))
    lost = GeneratedFileFactory(created_at=now - timedelta(hours=7))
    waiting = GeneratedFileFactory(created_at=now - timedelta(minutes=5))
    assert services.generated_file_recover_stuck(now=now) == 2
    states = {g.pk: g.state for g in GeneratedFile.objects.all()}
    assert states == {stuck.pk: FileState.FAILED, busy.pk: FileState.RUNNING, lost.pk: FileState.FAILED, waiting.pk: FileState.PENDING}
    assert GeneratedFile.objects.get(pk=stuck.pk).error.startswith("The generation was interrupted")


def test_generated_file_purge_deletes_old_files_from_the_storage(media_root, settings):
    settings.REPORTS_KEEP_DAYS = 30
    old = GeneratedFileFactory(done=True, created_at=timezone.now() - timedelta(days=31))
    recent = GeneratedFileFactory(done=True)
    running = GeneratedFileFactory(state=FileState.RUNNING, created_at=timezone.now() - timedelta(days=40))
    assert len(stored_files(Path(media_root))) == 2
    assert services.generated_file_purge() == 1
    assert set(GeneratedFile.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert stored_files(Path(media_root)) == [recent.file.name]
    assert not default_storage.exists(old.file.name)


@pytest.mark.parametrize(
    "fields",
    [
        {"state": FileState.DONE, "progress": 100},  # done without a file
        {"progress": 101},
        {"state": FileState.FAILED},  # failed without an error
        {"state": "lost"},
        {"language": "de"},
        {"kind": ""},
    ],
)
def test_generated_file_invariants_are_kept_by_the_database(fields, manager):
    with pytest.raises(IntegrityError), transaction.atomic():
        GeneratedFile.objects.create(**{"kind": "sample", "language": "en", "requested_by": manager, **fields})
