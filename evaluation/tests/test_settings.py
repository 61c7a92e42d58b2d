"""The call's evaluation settings page, and the manager's criteria in the admin."""

from decimal import Decimal

import pytest

from accounts.enums import Role
from evaluation.models import EvaluationSettings

from .factories import call_with_criteria

pytestmark = pytest.mark.django_db

VALID = {"disagreement_threshold": "15", "min_regions": "2", "max_per_region": "", "min_french_teams": "1",
         "min_english_teams": "0"}


def test_settings_are_saved_with_history(client, make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    client.force_login(manager)
    response = client.post(f"/evaluation/calls/{call.pk}/settings/", VALID)  # box unticked: scores visible
    assert response.status_code == 302
    settings = EvaluationSettings.objects.get(call=call)
    assert (settings.hide_scores_until_submitted, settings.disagreement_threshold, settings.min_regions,
            settings.min_french_teams) == (False, Decimal("15"), 2, 1)
    assert settings.history.first().history_user == manager


def test_bad_threshold_is_refused_and_the_input_kept(client, make_user):
    call = call_with_criteria()
    client.force_login(make_user(Role.MANAGER))
    response = client.post(f"/evaluation/calls/{call.pk}/settings/", {**VALID, "disagreement_threshold": "250"})
    assert response.status_code == 200
    assert response.context["form"].errors["disagreement_threshold"]
    assert 'value="250"' in response.content.decode()
    assert EvaluationSettings.objects.get(call=call).disagreement_threshold == Decimal("20")


def test_manager_edits_criteria_in_both_languages_in_the_admin(client, make_user):
    call = call_with_criteria()
    criterion = call.criteria.first()
    client.force_login(make_user(Role.MANAGER))
    content = client.get(f"/admin/evaluation/criterion/{criterion.pk}/change/").content.decode()
    assert 'name="name_en"' in content and 'name="name_fr"' in content and "description_fr" in content


def test_review_deadline_is_typed_in_the_calls_time_zone(client, make_user):
    from datetime import datetime, timezone as dt_timezone

    from evaluation.models import EvaluationSettings

    call = call_with_criteria()  # Africa/Nairobi, UTC+3
    client.force_login(make_user(Role.MANAGER))

    response = client.post(f"/evaluation/calls/{call.pk}/settings/", {**VALID, "review_deadline": "2030-01-10T17:00"})
    page = client.get(f"/evaluation/calls/{call.pk}/settings/").content.decode()

    assert response.status_code == 302
    assert EvaluationSettings.objects.get(call=call).review_deadline == datetime(2030, 1, 10, 14, 0, tzinfo=dt_timezone.utc)
    assert 'value="2030-01-10T17:00"' in page and "(Nairobi time, UTC+3)" in page
