"""CI: a real Celery worker on Redis and PostgreSQL sends a batch to a real
SMTP server, and each recipient receives exactly one mail — with every task
delivered twice and beat's dispatch_due run on top."""

import os
import secrets
import time

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone

from outbox.enums import MailState
from outbox.models import OutboundMail

from .factories import OutboundMailFactory
from .smtp_server import SmtpServer
from .worker import database_url, start_worker, stop, worker_env

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


@pytest.mark.django_db(transaction=True)  # committed rows: the worker is another process
def test_real_worker_sends_each_recipient_exactly_one_mail(tmp_path):
    redis_url = os.environ["REDIS_URL"]
    queue = f"outbox-test-{secrets.token_hex(4)}"
    mails = [OutboundMailFactory(due=True, to_email=f"country{i}@example.org") for i in range(25)]
    publisher = Celery(broker=redis_url, set_as_current=False)  # not current: later tests stay eager

    with SmtpServer() as server, open(tmp_path / "worker.log", "w+") as log:
        env = worker_env(
            database_url=database_url(connection.settings_dict), redis_url=redis_url,
            smtp_port=server.port, queue=queue, var_dir=tmp_path,
        )
        worker = start_worker(env, concurrency=2, log=log)
        try:
            for mail in mails * 2:  # every task delivered twice
                publisher.send_task("outbox.send_mail", kwargs={"mail_id": mail.pk}, queue=queue)
            publisher.send_task("outbox.dispatch_due", queue=queue)

            deadline = time.monotonic() + 90
            while OutboundMail.objects.filter(state=MailState.SENT).count() < len(mails):
                assert worker.poll() is None, f"the worker stopped:\n{_read(log)}"
                assert time.monotonic() < deadline, f"not all sent in time:\n{_read(log)}"
                time.sleep(0.2)
            time.sleep(1)  # a duplicate would arrive now
        finally:
            stop(worker)
            publisher.connection_for_write().default_channel.client.delete(queue)

        assert server.per_recipient() == {mail.to_email: 1 for mail in mails}
        assert sorted(r.message_id for r in server.received) == sorted(f"<outbox-{m.pk}@jln-portal>" for m in mails)
    rows = OutboundMail.objects.all()
    assert {(row.state, row.attempts, row.delivery_uncertain) for row in rows} == {(MailState.SENT, 1, False)}
    assert all(row.sent_at <= timezone.now() for row in rows)


def _read(log):
    log.seek(0)
    return log.read()[-3000:]
