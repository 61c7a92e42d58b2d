"""Settings for pytest: fast hashing, mail kept in memory, tasks in-process.

DATABASE_URL and REDIS_URL are honoured, so the same suite runs on PostgreSQL
and talks to a real Redis in CI.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("JLN_VAR_DIR", "/tmp/jln-test-var")

from .base import *  # noqa: E402,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True  # tests that need a real worker start one themselves
CELERY_BROKER_URL = "memory://"
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
AXES_ENABLED = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 (whitenoise looks for it)
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"},
           "loggers": {"axes": {"level": "WARNING"}, "django.request": {"level": "ERROR"}}}
