"""The embedded default: SQLite under var/, tasks in-process, mail to the console and var/mail/."""

import os

os.environ.setdefault("SECRET_KEY", "local-development-only-not-secret")
os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403

if not os.environ.get("EMAIL_BACKEND"):
    EMAIL_BACKEND = "jln_portal.mail.ConsoleAndFileBackend"

for _folder in (VAR_DIR, EMAIL_FILE_PATH, MEDIA_ROOT):  # noqa: F405
    _folder.mkdir(parents=True, exist_ok=True)
