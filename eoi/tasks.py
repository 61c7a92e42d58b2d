"""Thin Celery tasks of the eoi app (the confirmation mail is sent by the
outbox's own task, queued when the submission commits)."""

from celery import shared_task

from . import services


@shared_task(name="eoi.purge_stashed_input")
def purge_stashed_input():
    """Beat job: forget input kept over a login that nobody came back for."""
    return services.input_purge()
