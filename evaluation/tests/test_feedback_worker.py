"""CI: a real Celery worker on Redis and PostgreSQL sends a call's FEEDBACK
batch to a real local SMTP server (aiosmtpd), with every task delivered twice
and beat's dispatch_due run twice: each recipient receives exactly one letter,
in the country's language."""

import os
from email.header import decode_header, make_header
import secrets
import time
from datetime import timedelta

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone

from evaluation.services.feedback_mail import feedback_batch, feedback_mails_generate
from outbox import services as outbox
from outbox.enums import MailKind, MailState
from outbox.models import OutboundMail
from outbox.tests.smtp_server import SmtpServer
from outbox.tests.worker import database_url, start_worker, stop, worker_env

from .feedback_world import finalised_call

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


@pytest.mark.django_db(transaction=True)  # committed rows: the worker is another process
def test_real_worker_sends_each_feedback_recipient_exactly_one_letter(tmp_path):
    call, manager, _evaluations, recipients = finalised_call()
    batch = feedback_batch(call)
    feedback_mails_generate(call=call, by=manager)
    outbox.batch_approve(batch=batch, by=manager)
    due = timezone.now() + timedelta(seconds=3)  # in the future: nothing is sent by this process
    assert outbox.batch_schedule(batch=batch, by=manager, send_after=due) == 8
    mails = list(OutboundMail.objects.filter(batch=batch))
    redis_url = os.environ["REDIS_URL"]
    queue = f"feedback-test-{secrets.token_hex(4)}"
    publisher = Celery(broker=redis_url, set_as_current=False)  # not current: later tests stay eager

    with SmtpServer() as server, open(tmp_path / "worker.log", "w+") as log:
        env = worker_env(database_url=database_url(connection.settings_dict), redis_url=redis_url,
                         smtp_port=server.port, queue=queue, var_dir=tmp_path)
        worker = start_worker(env, concurrency=2, name="feedback", log=log)
        try:
            while timezone.now() < due:
                time.sleep(0.2)
            for _twice in range(2):
                publisher.send_task("outbox.dispatch_due", queue=queue)
                for mail in mails:
                    publisher.send_task("outbox.send_mail", kwargs={"mail_id": mail.pk}, queue=queue)

            deadline = time.monotonic() + 90
            while OutboundMail.objects.filter(batch=batch, state=MailState.SENT).count() < len(mails):
                assert worker.poll() is None, f"the worker stopped:\n{_read(log)}"
                assert time.monotonic() < deadline, f"not all sent in time:\n{_read(log)}"
                time.sleep(0.2)
            time.sleep(1)  # a duplicate would arrive now
        finally:
            stop(worker)
            publisher.connection_for_write().default_channel.client.delete(queue)

        expected = {address: 1 for addresses in recipients.values() for address in addresses}
        assert {address.lower(): n for address, n in server.per_recipient().items()} == expected
        subjects = {item.to[0].lower(): str(make_header(decode_header(item.subject))) for item in server.received}
    assert subjects["contact@sn.example.org"] == f"{call.title_fr} — Sénégal\u00a0: liste d’attente"
    assert subjects["contact@ke.example.org"] == f"{call.title_en}: Kenya is selected"
    rows = OutboundMail.objects.filter(batch=batch)
    assert {(r.kind, r.state, r.attempts, r.delivery_uncertain) for r in rows} == {(MailKind.FEEDBACK, MailState.SENT, 1, False)}


def _read(log):
    log.seek(0)
    return log.read()[-3000:]
