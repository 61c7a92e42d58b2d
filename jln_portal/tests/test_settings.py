"""The run modes: each settings module imported in a fresh interpreter, as a
process would at start-up."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "jln_portal.settings.production",
    "ALLOWED_HOSTS": "jln.example.org",
    "PORTAL_URL": "https://jln.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/jln",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def deploy_check(**env):
    return run_manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(64), **{**PRODUCTION, **env})


def test_deploy_check_passes_with_production_settings():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("portal_url", ["", "http://localhost:8000", "http://127.0.0.1:8000", "https://jln.localhost"])
def test_deploy_check_refuses_a_portal_url_on_this_machine(portal_url):
    result = deploy_check(PORTAL_URL=portal_url)
    assert result.returncode != 0
    assert "jln_portal.E001" in result.stderr


def test_deploy_check_refuses_sqlite_unless_allowed():
    assert "jln_portal.E002" in deploy_check(DATABASE_URL="").stderr
    assert deploy_check(DATABASE_URL="", JLN_ALLOW_SQLITE="true").returncode == 0


def test_deploy_check_refuses_in_process_tasks_unless_allowed():
    assert "jln_portal.E003" in deploy_check(REDIS_URL="").stderr
    assert deploy_check(REDIS_URL="", JLN_ALLOW_EAGER_TASKS="true").returncode == 0


@pytest.mark.parametrize("variable, value, message", [
    ("EMAIL_PORT", "abc", "EMAIL_PORT='abc' is not a whole number."),
    ("LOG_LEVEL", "LOUD", "LOG_LEVEL='LOUD' must be one of"),
    ("DATABASE_URL", "mysql://x", "DATABASE_URL must be a URL starting with"),
])
def test_a_malformed_value_stops_the_process_with_one_line(variable, value, message):
    result = run_manage("check", DJANGO_SETTINGS_MODULE="jln_portal.settings.local", **{variable: value})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("Configuration error: ") and message in result.stderr


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
