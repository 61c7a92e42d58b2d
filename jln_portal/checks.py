"""`manage.py check --deploy`: production must say where it is and what it runs on.

Reminder and feedback mails link to PORTAL_URL: left at its default they would send every country
to http://localhost:8000. SQLite and in-process Celery tasks are the embedded default; a
deployment that falls back to them (a DATABASE_URL or REDIS_URL forgotten) must say so explicitly
with JLN_ALLOW_SQLITE / JLN_ALLOW_EAGER_TASKS, or the check fails."""

from urllib.parse import urlparse

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


@register(Tags.security, deploy=True)
def deployment_settings(app_configs=None, **kwargs):
    errors = []
    host = urlparse(settings.PORTAL_URL).hostname or ""
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        errors.append(Error(
            f"PORTAL_URL is {settings.PORTAL_URL!r}: mails would link to this machine. Set PORTAL_URL to "
            "the address people use, e.g. https://jln.example.org.",
            id="jln_portal.E001",
        ))
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and not settings.JLN_ALLOW_SQLITE:
        errors.append(Error(
            "No DATABASE_URL: the portal would run on SQLite. Set DATABASE_URL to PostgreSQL, or "
            "JLN_ALLOW_SQLITE=true if a single-process SQLite deployment is intended.",
            id="jln_portal.E002",
        ))
    if settings.CELERY_TASK_ALWAYS_EAGER and not settings.JLN_ALLOW_EAGER_TASKS:
        errors.append(Error(
            "No REDIS_URL: Celery tasks (mails, reports) would run inside web requests. Set REDIS_URL "
            "and run a worker and beat, or JLN_ALLOW_EAGER_TASKS=true if that is intended.",
            id="jln_portal.E003",
        ))
    return errors
