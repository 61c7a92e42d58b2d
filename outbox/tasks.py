"""Thin Celery tasks: ids in, outbox/sending.py does the work.

No task here is ever delayed in the broker (no countdown, ETA or retry delay):
what must wait waits in the database (`send_after`) and beat's dispatch_due
picks it up. A task delivered twice is harmless: the claim lets one through.
"""

import logging

from celery import current_app, shared_task
from django.conf import settings
from kombu.exceptions import OperationalError

from . import milestones, sending

logger = logging.getLogger(__name__)

SEND_TIME_LIMIT = getattr(settings, "OUTBOX_SEND_TIME_LIMIT", 120)


@shared_task(name="outbox.send_mail", soft_time_limit=SEND_TIME_LIMIT, time_limit=SEND_TIME_LIMIT + 15)
def send_mail_task(*, mail_id):
    return sending.mail_deliver(mail_id=mail_id)


@shared_task(name="outbox.dispatch_due")
def dispatch_due():
    """Beat job: give every due mail a send task (claims keep each single)."""
    total = 0
    idle = broker_backlog() in (0, None)
    for _round in range(40):  # at most 20,000 per run; the next run takes the rest
        ids = sending.mail_dispatch_due(limit=500, broker_idle=idle)
        queue_send(ids)
        total += len(ids)
        if len(ids) < 500:
            break
    return total


@shared_task(name="outbox.recover_stuck")
def recover_stuck():
    return sending.mail_recover_stuck()


@shared_task(name="outbox.send_reminders")
def send_reminders():
    """Beat job: every app's reminders (outbox/milestones.py)."""
    return {name: len(result) if isinstance(result, list) else result
            for name, result in milestones.run_reminders().items()}


def queue_send(mail_ids):
    """Put a send task on the broker for each id. If the broker is away (Redis
    restarting) the mail stays SCHEDULED and dispatch_due queues it again."""
    for mail_id in mail_ids:
        try:
            send_mail_task.delay(mail_id=mail_id)
        except OperationalError as error:
            logger.warning("Broker unavailable, mail %s will be queued again by dispatch_due: %s", mail_id, error)
            return


def broker_backlog():
    """How many tasks wait in the default queue; 0 when tasks run in-process,
    None when the broker cannot say (unreachable, or just restarted and the
    queue not declared again yet)."""
    app = current_app
    if app.conf.task_always_eager:
        return 0
    try:
        with app.connection_for_read() as connection:
            return connection.default_channel.queue_declare(queue=app.conf.task_default_queue, passive=True).message_count
    except Exception as error:  # noqa: BLE001 - unknown means "queue again": duplicates are harmless
        logger.info("Could not read the broker's queue length: %s", error)
        return None


def queue_dispatch():
    try:
        dispatch_due.delay()
    except OperationalError as error:
        logger.warning("Broker unavailable, beat's dispatch_due will send the due mails: %s", error)
