"""A real Celery worker in a subprocess, for the worker test and the
benchmark: production settings, configured only through the environment (as
on a worker machine), on its own queue so it never takes another test's tasks."""

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))
PYTHON = sys.executable


def database_url(settings_dict):
    """postgres:// URL of a Django DATABASES entry (e.g. pytest-django's test database)."""
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def worker_env(*, database_url, redis_url, smtp_port, queue, var_dir, **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jln_portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "10",
        "JLN_VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
    }
    env.update({key: str(value) for key, value in extra.items()})
    return env


def start_worker(env, *, concurrency=2, name="outbox", log=None):
    """`celery -A jln_portal worker` in its own process group (so that
    kill_worker() can kill -9 the main process and its pool at once)."""
    return subprocess.Popen(
        [CELERY, "-A", "jln_portal", "worker", "-l", "warning", "-c", str(concurrency), "-P", "prefork",
         "-n", f"{name}-{secrets.token_hex(3)}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=BASE_DIR, env=env, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
    )


def start_dispatcher(env, *, every=1.0, log=None):
    """`manage.py outbox_dispatch --loop`: what beat does, every `every` seconds."""
    return subprocess.Popen(
        [PYTHON, "manage.py", "outbox_dispatch", "--loop", str(every)],
        cwd=BASE_DIR, env=env, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
    )


def kill_worker(process):
    """kill -9 the whole worker: main process and pool children."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def stop(process, timeout=15):
    """A warm shutdown (SIGTERM), then kill -9 if it does not end in time."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_worker(process)
    except ProcessLookupError:
        pass
