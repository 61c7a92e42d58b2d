import os

import pytest

from jln_portal.celery import app


def test_tasks_of_every_app_are_registered():
    app.loader.import_default_modules()
    assert {"outbox.send_mail", "outbox.dispatch_due", "outbox.recover_stuck"} <= set(app.tasks)


def test_beat_schedule_names_registered_tasks():
    from django.conf import settings

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


@pytest.mark.redis
def test_broker_on_redis_accepts_and_returns_a_message():
    """With REDIS_URL the broker is a real Redis (CI proves this path)."""
    from kombu import Connection

    with Connection(os.environ["REDIS_URL"]) as connection:
        queue = connection.SimpleQueue("jln-ci-probe")
        queue.put({"hello": "jln"})
        assert queue.get(timeout=5).payload == {"hello": "jln"}
        queue.clear()
        queue.close()
