"""The daily retention run (CELERY_BEAT_SCHEDULE "privacy-apply-retention"): anonymise every team
whose retention period has ended. Idempotent: a team already anonymised is not listed again."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="privacy.apply_retention")
def apply_retention():
    """Anonymise the teams due; returns how many were anonymised."""
    done = 0
    for eoi in services.teams_due_for_anonymisation():
        if services.anonymise_team(eoi, reason_kind=services.PrivacyActionKind.RETENTION) is not None:
            done += 1
    logger.info("privacy.apply_retention: %s team(s) anonymised", done)
    return done
