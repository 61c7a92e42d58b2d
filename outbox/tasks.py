"""Thin Celery tasks: ids in, services do the work."""

from celery import shared_task

from . import services


@shared_task(name="outbox.send_mail")
def send_mail_task(*, mail_id):
    services.mail_deliver(mail_id=mail_id)


@shared_task(name="outbox.dispatch_due")
def dispatch_due():
    """Beat job: queue every mail whose time has come (claims keep it single)."""
    ids = services.mail_due_ids()
    for mail_id in ids:
        send_mail_task.delay(mail_id=mail_id)
    return len(ids)


@shared_task(name="outbox.recover_stuck")
def recover_stuck():
    return services.mail_recover_stuck()
