"""The decision page warns before a decision that would exceed the call's capacity (issue 14):
the same rule and sentences as finalising (`selectors.panel.Capacity.problems`), but before the
decision is saved, not only at the end."""

import pytest

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.enums import Decision
from evaluation.models import Evaluation

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db

CODES = ["KE", "GH", "NG"]


@pytest.fixture
def panel(make_user):
    """Three shortlisted teams of 5 on a call taking 2 teams and 9 participants; Kenya selected."""
    manager = make_user(Role.MANAGER)
    call = call_with_criteria(target_teams=2, min_teams=1, max_participants=9, max_team_size=5)
    evaluations = under_review(call, [CountryFactory(code=code) for code in CODES], by=manager, members=5)
    reviewer = facilitator()
    for code in CODES:
        review(evaluations[code], reviewer, (4, 4, 4))
    services.shortlist_set(call=call, shortlisted_ids=[e.pk for e in evaluations.values()], by=manager)
    services.decision_set(evaluation=evaluations["KE"], decision=Decision.SELECTED, by=manager)
    return call, manager, evaluations, reviewer


def _post(client, evaluation, **extra):
    return client.post(f"/evaluation/eois/{evaluation.pk}/decision/",
                       {"decision": Decision.SELECTED, "feedback_en": "Well done.", "feedback_fr": "Bravo.", **extra})


def test_decision_page_warns_before_the_participant_over_the_maximum(panel, client):
    _call, manager, evaluations, _reviewer = panel
    client.force_login(manager)
    ghana = evaluations["GH"]
    page = client.get(f"/evaluation/eois/{ghana.pk}/decision/").content.decode()
    assert 'id="capacity-warning"' in page
    assert "The selected teams have 10 participants; the call takes at most 9." in page

    response = _post(client, ghana)
    assert response.status_code == 200
    assert Evaluation.objects.get(pk=ghana.pk).decision == ""  # not saved without confirmation
    content = response.content.decode()
    assert "Not saved yet" in content and 'name="over_capacity"' in content

    assert _post(client, ghana, over_capacity="1").status_code == 302
    assert Evaluation.objects.get(pk=ghana.pk).decision == Decision.SELECTED
    # Kenya is already selected: its page does not warn about itself.
    assert 'id="capacity-warning"' not in client.get(f"/evaluation/eois/{evaluations['KE'].pk}/decision/").content.decode()


def test_decision_page_warns_before_the_team_over_the_target(panel, client):
    call, manager, evaluations, _reviewer = panel
    call.max_participants = 40
    call.save()
    services.decision_set(evaluation=evaluations["GH"], decision=Decision.SELECTED, by=manager)
    client.force_login(manager)
    nigeria = evaluations["NG"]
    page = client.get(f"/evaluation/eois/{nigeria.pk}/decision/").content.decode()
    assert "3 teams would be selected; the call takes at most 2." in page
    assert _post(client, nigeria).status_code == 200
    # Waitlisting does not add to the selection: saved at once, no warning.
    assert _post(client, nigeria, decision=Decision.WAITLISTED).status_code == 302
    assert Evaluation.objects.get(pk=nigeria.pk).decision == Decision.WAITLISTED


def test_within_capacity_no_warning(panel, client):
    call, manager, evaluations, _reviewer = panel
    call.max_participants = 40
    call.save()
    client.force_login(manager)
    ghana = evaluations["GH"]
    assert 'id="capacity-warning"' not in client.get(f"/evaluation/eois/{ghana.pk}/decision/").content.decode()
    assert _post(client, ghana).status_code == 302
    assert Evaluation.objects.get(pk=ghana.pk).decision == Decision.SELECTED


def test_capacity_warning_is_valid_html(panel, client):
    from e2e.html_validator import format_errors, validate, validator_missing

    if validator_missing():
        pytest.skip(validator_missing())
    _call, manager, evaluations, _reviewer = panel
    client.force_login(manager)
    ghana = evaluations["GH"]
    errors = validate({"on opening": client.get(f"/evaluation/eois/{ghana.pk}/decision/").content.decode(),
                       "after a POST": _post(client, ghana).content.decode()})
    assert not errors, format_errors(errors)
