"""Thin Celery tasks: ids in, services do the work."""

from celery import shared_task

from . import services


@shared_task(name="reports.render", time_limit=30 * 60, soft_time_limit=29 * 60)
def render_task(*, generated_file_id):
    return services.generated_file_render(generated_file_id=generated_file_id)


@shared_task(name="reports.recover_stuck")
def recover_stuck():
    return services.generated_file_recover_stuck()


@shared_task(name="reports.purge_old")
def purge_old():
    return services.generated_file_purge()
