"""A Redis outage does not break pages (jln_portal/cache.py): a private
redis-server is started, the cache pointed at it and used, then stopped; every
main page of the manager, a facilitator and a focal point still answers as the
URL matrix says, and a mail whose task cannot be queued stays for the sweeper."""

import shutil
import subprocess
import time

import pytest
import redis
from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from outbox.enums import MailKind, MailState
from outbox.models import OutboundMail
from outbox.tests.smtp_server import free_port

from .test_url_matrix import outcome_matches, pages_answering_ok
from .url_matrix_expected import OK

pytestmark = [pytest.mark.redis, pytest.mark.django_db]

ROLES = ("manager", "facilitator", "focal_a")


@pytest.fixture
def dead_redis(settings, tmp_path):
    """The URL of a Redis that was up (and used by the cache) and is now stopped."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server not installed")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        for _ in range(100):
            try:
                if redis.Redis.from_url(url, socket_connect_timeout=0.2).ping():
                    break
            except redis.ConnectionError:
                time.sleep(0.05)
        settings.CACHES = {**settings.CACHES, "default": {
            "BACKEND": "jln_portal.cache.FailSoftRedisCache", "LOCATION": url,
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
        }}
        cache.set("probe", "up")
        assert cache.get("probe") == "up"  # the cache really is that Redis
    finally:
        server.terminate()
        server.wait(timeout=10)
    yield url


def test_cache_calls_answer_as_a_miss_while_redis_is_down(dead_redis):
    assert cache.get("probe", "default") == "default"
    assert cache.add("key", 1) is False and cache.set("key", 1) is None and cache.get_many(["key"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    with pytest.raises(ValueError):
        cache.incr("key")
    cache.delete("key")
    cache.clear()


def test_every_main_page_answers_while_redis_is_down(dead_redis, world):
    failures, loaded = [], set()
    for role, url_name, response in pages_answering_ok(world, ROLES):
        loaded.add((role, url_name))
        if not outcome_matches(response, OK):
            failures.append(f"{role} {url_name}: {response.status_code}")
    assert failures == []
    # The pages the outage report named: edit page, staff EOI list, ranking, review page.
    assert {("focal_a", "eoi:edit"), ("manager", "eoi:manage_eois"), ("manager", "evaluation:ranking"),
            ("facilitator", "evaluation:evaluation")} <= loaded


def test_typed_input_over_an_expired_session_while_redis_is_down(dead_redis, world, client):
    client.force_login(world.users["focal_a"], backend="accounts.backends.AuthenticationBackend")
    edit = reverse("eoi:edit", args=[world.eoi_a.pk])
    client.get(edit)
    del client.cookies[settings.SESSION_COOKIE_NAME]
    response = client.post(edit, {"version": str(world.eoi_a.version), "answer_efforts": "typed"})
    assert response.status_code == 302 and "restore%3D" in response.url  # kept: the address counter failed open


@pytest.fixture
def broker_down(dead_redis):
    """Celery sends to the stopped Redis instead of running tasks in-process."""
    conf = current_app.conf
    saved = conf.broker_url, conf.task_always_eager, conf.broker_connection_retry, conf.broker_connection_max_retries
    conf.broker_url, conf.task_always_eager = dead_redis, False
    current_app._pool = None
    current_app.amqp._producer_pool = None
    yield
    conf.broker_url, conf.task_always_eager, conf.broker_connection_retry, conf.broker_connection_max_retries = saved
    current_app._pool = None
    current_app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
def test_mail_whose_task_cannot_be_queued_stays_for_the_sweeper(broker_down, settings, caplog):
    from outbox import sending, services

    mail = services.mail_create(kind=MailKind.NOTICE, to_email="awa@example.org", template="accounts/mail/invitation",
                                context={"link": "https://portal.example/x"}, language="fr")  # committed: no error
    assert f"Broker unavailable, mail {mail.pk} will be queued again" in caplog.text
    row = OutboundMail.objects.get(pk=mail.pk)
    assert row.state == MailState.SCHEDULED
    later = row.queued_at + settings.OUTBOX_REQUEUE_AFTER + (settings.OUTBOX_REQUEUE_AFTER / 10)
    assert sending.mail_dispatch_due(now=later, broker_idle=True) == [mail.pk]  # the sweeper queues it again
