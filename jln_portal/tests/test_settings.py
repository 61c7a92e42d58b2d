"""The run modes: each settings module imported in a fresh interpreter, as a
process would at start-up."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_passes_with_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="jln_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="jln.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="jln_portal.settings.production", SECRET_KEY="short",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be a random value" in result.stderr


def test_malformed_debug_stops_start_up():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="jln_portal.settings.local", DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG='perhaps' is not a boolean" in result.stderr


def test_embedded_default_uses_sqlite_and_in_process_tasks(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND)"
    )
    result = run_manage("shell", "--no-imports", "-c", code, DJANGO_SETTINGS_MODULE="jln_portal.settings.local", JLN_VAR_DIR=str(tmp_path))
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "jln_portal.mail.ConsoleAndFileBackend"]


def test_database_and_redis_urls_switch_to_postgresql_and_a_worker(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)"
    )
    result = run_manage(
        "shell", "--no-imports", "-c", code, DJANGO_SETTINGS_MODULE="jln_portal.settings.local", JLN_VAR_DIR=str(tmp_path),
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/whatever", REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "False", "redis://127.0.0.1:6379/3"]
