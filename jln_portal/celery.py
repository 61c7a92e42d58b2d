"""The Celery application.

Without REDIS_URL the settings make every task run in-process (eager), so the
embedded default needs no broker; with REDIS_URL a worker and beat do the work:

    celery -A jln_portal worker -l info
    celery -A jln_portal beat -l info
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jln_portal.settings.local")

app = Celery("jln_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
