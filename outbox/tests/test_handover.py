"""The commit point on PostgreSQL: the mark is committed by PostgreSQL once
COMMIT is on the wire, even if the worker dies before the final dot; and it
is not, if the worker dies before that."""

import multiprocessing
import os
import signal

import pytest

from outbox import handover, sending
from outbox.models import OutboundMail

from .factories import OutboundMailFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _close_extra_connection():
    yield
    handover.close()


def claimed_mail():
    mail = OutboundMailFactory(due=True)
    return sending.mail_claim(mail_id=mail.pk)


def marked(mail):
    return OutboundMail.objects.get(pk=mail.pk).handed_over_at is not None


def test_mark_is_invisible_until_released_then_committed():
    mail = claimed_mail()
    point = handover.for_mail(mail)
    assert isinstance(point, handover.PostgresHandover)

    assert point.begin() is True
    assert not marked(mail)  # still in the open transaction
    point.release()
    point.finish()

    assert marked(mail)


def test_lost_claim_leaves_no_mark_and_no_lock():
    mail = claimed_mail()
    mail.attempts += 1  # another worker's claim now

    assert handover.for_mail(mail).begin() is False

    assert not marked(mail)
    assert OutboundMail.objects.filter(pk=mail.pk).update(last_error="row is not locked") == 1


def _die_after(mail, step):
    point = handover.PostgresHandover(mail)
    point.begin()
    if step == "release":
        point.release()
    os.kill(os.getpid(), signal.SIGKILL)  # kill -9 before finish() and before the dot


@pytest.mark.parametrize(("step", "expected"), [("begin", False), ("release", True)])
def test_worker_killed_after_each_step(step, expected):
    mail = claimed_mail()
    child = multiprocessing.get_context("fork").Process(target=_die_after, args=(mail, step))

    child.start()
    child.join(30)

    assert child.exitcode == -signal.SIGKILL
    assert marked(mail) is expected
