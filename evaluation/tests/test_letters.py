"""Letters that match the record: one greeting, the ineligible letter without
scores, the country's language only, the country's home dated by the decision."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eoi.models import ExpressionOfInterest

from .feedback_world import finalised_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return finalised_call()


def test_country_home_shows_the_decisions_date_not_the_submissions(world, client):
    call, _manager, evaluations, _recipients = world
    eoi = evaluations["KE"].eoi
    submitted = timezone.now() - timedelta(days=40)
    ExpressionOfInterest.objects.filter(pk=eoi.pk).update(submitted_at=submitted)
    evaluations["KE"].refresh_from_db()
    decided = timezone.localtime(evaluations["KE"].updated_at, call.tzinfo)
    client.force_login(eoi.country.focal_points.filter(is_active=True).first())

    page = client.get("/eoi/").content.decode()

    assert f"decided on {decided.day} {decided.strftime('%B %Y')}" in page
    assert timezone.localtime(submitted, call.tzinfo).strftime("%B %Y, ") not in page
