"""Thin Celery tasks: primitive values in, accounts.services does the work."""

from celery import shared_task

from . import services


@shared_task(name="accounts.password_reset_mail")
def password_reset_mail(*, email, base_url):
    services.password_reset_mail(email=email, base_url=base_url)
