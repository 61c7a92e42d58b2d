"""Start-up checks of the outbox's timing settings (`manage.py check`, and
every worker start): a worker must be dead before its row counts as stuck, and
nothing may sit in the broker long enough to be delivered a second time."""

from datetime import timedelta

from django.conf import settings
from django.core.checks import Error, register


@register()
def outbox_timing(app_configs=None, **kwargs):
    errors = []
    hard_limit = timedelta(seconds=settings.OUTBOX_SEND_TIME_LIMIT + 15)
    if hard_limit >= settings.OUTBOX_STUCK_AFTER:
        errors.append(Error(
            "OUTBOX_STUCK_AFTER_SECONDS must be longer than OUTBOX_SEND_TIME_LIMIT + 15 s (the hard time "
            "limit of a send task), or a slow but living worker's mail would be marked as stuck.",
            id="outbox.E001",
        ))
    visibility = timedelta(seconds=settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600))
    if hard_limit > visibility / 2:
        errors.append(Error(
            "A send task may run longer than half the broker's visibility timeout "
            "(CELERY_VISIBILITY_TIMEOUT): raise it or lower OUTBOX_SEND_TIME_LIMIT.",
            id="outbox.E002",
        ))
    return errors
