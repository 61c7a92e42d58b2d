"""What the portal can generate: a registry of report builders, one per kind.

An app declares a kind in its `report_builders.py` (imported at start-up by ReportsConfig):

    from reports.registry import BuiltFile, register

    @register("selection_report", label=_("Selection report"),
              can_request=is_manager, can_view=is_manager, form_class=SelectionReportForm)
    def build_selection_report(job):
        call = Call.objects.get(pk=job.parameters["call_id"])
        job.progress(10)
        ...
        return BuiltFile(filename="selection-report.pdf", content=pdf_bytes, content_type="application/pdf")

- `build(job)` runs in a Celery task, inside `translation.override(job.language)`; it reads
  `job.parameters` (JSON: ids, not objects), may call `job.progress(0–100)` and returns a
  `BuiltFile` (bytes or an open file in `content`). An exception marks the file as failed.
- `can_request(user, generated_file)` and `can_view(user, generated_file)` are the per-object
  hooks of the permissions `reports.request_generated_file` and `reports.view_generated_file`
  (reports/rules.py); both default to "network managers". `generated_file` is unsaved (but has
  its kind, language and parameters) when asking whether a request is allowed.
- `form_class` (optional) is a Django form with a `language` field and the kind's parameters;
  its `__init__` receives `user=`. Its cleaned data, minus the language, become the parameters.
"""

from dataclasses import dataclass
from typing import IO, Callable, Optional, Union

from django.core.exceptions import ImproperlyConfigured
from rules import Predicate

from accounts.rules import is_manager


@dataclass(frozen=True)
class BuiltFile:
    filename: str
    content: Union[bytes, IO[bytes]]
    content_type: str


@dataclass(frozen=True)
class ReportKind:
    kind: str
    label: str
    build: Callable
    can_request: Callable = is_manager
    can_view: Callable = is_manager
    form_class: Optional[type] = None


_KINDS = {}


def register(kind, *, label, can_request=is_manager, can_view=is_manager, form_class=None):
    """Decorator: `build` becomes the builder of `kind`."""

    def decorator(build):
        existing = _KINDS.get(kind)
        if existing is not None and existing.build is not build:
            raise ImproperlyConfigured(f"The report kind {kind!r} is registered twice.")
        _KINDS[kind] = ReportKind(
            kind=kind, label=label, build=build, can_request=_predicate(can_request), can_view=_predicate(can_view),
            form_class=form_class,
        )
        return build

    return decorator


def _predicate(hook):
    """Hooks may be django-rules predicates or plain functions (user, generated_file)."""
    return hook if isinstance(hook, Predicate) else Predicate(hook)


def allows(hook, user, generated_file):
    return hook.test(user, generated_file)


def unregister(kind):
    _KINDS.pop(kind, None)


def get_kind(kind):
    """The ReportKind registered as `kind`, or None."""
    return _KINDS.get(kind)


def all_kinds():
    return list(_KINDS.values())
