"""Shortlist capacity, decisions with their feedback, finalising, and what is read-only afterwards."""

import pytest

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.enums import Decision, EvaluationState
from evaluation.models import Evaluation

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db

CODES = ["KE", "GH", "NG", "SN"]


@pytest.fixture
def panel(make_user):
    """Four EOIs (teams of 5) on a call taking 2 teams and 9 participants, each reviewed."""
    manager = make_user(Role.MANAGER)
    call = call_with_criteria(target_teams=2, min_teams=1, max_participants=9, max_team_size=5)
    countries = [CountryFactory(code=code) for code in CODES]
    evaluations = under_review(call, countries, by=manager, members=5)
    reviewer = facilitator()
    for index, code in enumerate(CODES):
        review(evaluations[code], reviewer, (5 - index, 4, 3), comment=f"Comment on {code}.")
    return call, manager, evaluations


def _decide_all(manager, evaluations, selected):
    for code, evaluation in evaluations.items():
        evaluation.refresh_from_db()
        if code in selected:
            services.decision_set(evaluation=evaluation, decision=Decision.SELECTED, by=manager)
        elif evaluation.state == EvaluationState.SHORTLISTED:
            services.decision_set(evaluation=evaluation, decision=Decision.WAITLISTED, by=manager)
        else:
            services.decision_set(evaluation=evaluation, decision=Decision.NOT_SELECTED, by=manager)
        services.evaluation_feedback_prefill(evaluation=evaluation, by=manager)


def test_shortlist_page_shows_live_capacity(panel, client):
    call, manager, evaluations = panel
    client.force_login(manager)
    response = client.post(f"/evaluation/calls/{call.pk}/shortlist/",
                           {"save": "1", "shortlisted": [evaluations["KE"].pk, evaluations["GH"].pk,
                                                         evaluations["NG"].pk]})
    assert response.status_code == 302
    page = client.get(f"/evaluation/calls/{call.pk}/shortlist/")
    capacity = page.context["data"].shortlist_capacity
    assert (capacity.teams, capacity.participants, capacity.teams_exceeded, capacity.participants_exceeded) == (
        3, 15, True, True)
    assert "over the target" in page.content.decode()


def test_finalising_blocked_when_selected_teams_exceed_capacity(panel):
    call, manager, evaluations = panel
    services.shortlist_set(call=call, shortlisted_ids=[evaluations[c].pk for c in ("KE", "GH")], by=manager)
    _decide_all(manager, evaluations, selected={"KE", "GH"})  # 2 teams but 10 participants > 9

    with pytest.raises(services.FinaliseBlocked) as blocked:
        services.evaluation_finalise_call(call=call, by=manager)
    assert blocked.value.problems == ["The selected teams have 10 participants; the call takes at most 9."]
    assert set(Evaluation.objects.values_list("state", flat=True)) <= EvaluationState.OPEN


def test_finalising_blocked_when_too_many_teams(panel):
    call, manager, evaluations = panel
    call.max_participants = 40
    call.save()
    services.shortlist_set(call=call, shortlisted_ids=[evaluations[c].pk for c in CODES[:3]], by=manager)
    _decide_all(manager, evaluations, selected={"KE", "GH", "NG"})
    with pytest.raises(services.FinaliseBlocked) as blocked:
        services.evaluation_finalise_call(call=call, by=manager)
    assert "3 teams would be selected; the call takes at most 2." in blocked.value.problems


def test_finalising_lists_missing_decisions_and_feedback(panel):
    call, manager, evaluations = panel
    with pytest.raises(services.FinaliseBlocked) as blocked:
        services.evaluation_finalise_call(call=call, by=manager)
    assert "Kenya: no decision yet." in blocked.value.problems
    assert "Kenya: the feedback must be written in English and in French." in blocked.value.problems


def test_confirmation_page_then_finalise(panel, client):
    call, manager, evaluations = panel
    services.shortlist_set(call=call, shortlisted_ids=[evaluations[c].pk for c in ("KE", "GH")], by=manager)
    _decide_all(manager, evaluations, selected={"KE"})
    client.force_login(manager)

    confirmation = client.get(f"/evaluation/calls/{call.pk}/finalise/")
    content = confirmation.content.decode()
    assert confirmation.context["problems"] == []
    for name in ("Kenya", "Ghana", "Nigeria", "Senegal"):
        assert name in content
    assert "Selected" in content and "Waitlisted" in content and "Not selected" in content

    response = client.post(f"/evaluation/calls/{call.pk}/finalise/")
    assert response.status_code == 302
    states = dict(Evaluation.objects.values_list("eoi__country__code", "state"))
    assert states == {"KE": EvaluationState.SELECTED, "GH": EvaluationState.WAITLISTED,
                      "NG": EvaluationState.NOT_SELECTED, "SN": EvaluationState.NOT_SELECTED}
    call.evaluation_settings.refresh_from_db()
    assert call.evaluation_settings.finalised_by == manager


def test_blocked_finalise_shows_every_problem_and_changes_nothing(panel, client):
    call, manager, evaluations = panel
    client.force_login(manager)
    response = client.post(f"/evaluation/calls/{call.pk}/finalise/")
    assert response.status_code == 200
    assert "Kenya: no decision yet." in response.content.decode()
    assert call.evaluation_settings.__class__.objects.get(call=call).finalised_at is None


def test_after_final_reviews_and_decisions_are_read_only(panel, client):
    call, manager, evaluations = panel
    services.shortlist_set(call=call, shortlisted_ids=[evaluations["KE"].pk], by=manager)
    _decide_all(manager, evaluations, selected={"KE"})
    services.evaluation_finalise_call(call=call, by=manager)
    kenya = Evaluation.objects.select_related("eoi__call__evaluation_settings", "eoi__country").get(
        pk=evaluations["KE"].pk)
    reviewer = kenya.reviews.get().reviewer

    with pytest.raises(services.AlreadyFinal):
        review(kenya, reviewer, (0, 0, 0))
    with pytest.raises(services.AlreadyFinal):
        services.decision_set(evaluation=kenya, decision=Decision.NOT_SELECTED, by=manager)
    with pytest.raises(services.AlreadyFinal):
        services.evaluation_finalise_call(call=call, by=manager)
    client.force_login(reviewer)
    assert client.post(f"/evaluation/eois/{kenya.pk}/", {"submit": "1"}).status_code == 403
    assert client.get(f"/evaluation/eois/{kenya.pk}/").context["form"] is None


def test_feedback_is_built_in_both_languages_from_criteria_scores_and_comments(panel):
    call, manager, evaluations = panel
    kenya = evaluations["KE"]
    services.decision_set(evaluation=kenya, decision=Decision.NOT_SELECTED, by=manager)
    services.evaluation_feedback_prefill(evaluation=kenya, by=manager)
    kenya.refresh_from_db()

    assert "Criterion" in kenya.feedback_en and "average score 5.0 out of 5" in kenya.feedback_en
    assert "Level 5" in kenya.feedback_en and "Comment on KE." in kenya.feedback_en
    assert "Critère" in kenya.feedback_fr and "note moyenne de 5,0 sur 5" in kenya.feedback_fr
    assert "Niveau 5" in kenya.feedback_fr
    # The reviewer works in English: their comment is not pasted into the French draft.
    assert "Comment on KE." not in kenya.feedback_fr
    # The draft is the panel's feedback only: the letter has the greeting and the decision.
    assert "Dear" not in kenya.feedback_en and "Chères" not in kenya.feedback_fr


def test_ineligible_eoi_gets_feedback_naming_the_requirement(panel):
    call, manager, evaluations = panel
    nigeria = evaluations["NG"]
    check = nigeria.checks.get(item="country_eligible")
    services.eligibility_override(check=check, met=False, reason="Not a JLN member at the deadline.", by=manager)
    services.evaluation_feedback_prefill(evaluation=nigeria, by=manager)
    nigeria.refresh_from_db()
    assert "did not meet these requirements" in nigeria.feedback_en
    assert "Not a JLN member at the deadline." in nigeria.feedback_en


def test_edited_feedback_is_kept_and_every_change_is_in_the_history(panel, client):
    call, manager, evaluations = panel
    kenya = evaluations["KE"]
    client.force_login(manager)
    response = client.post(f"/evaluation/eois/{kenya.pk}/decision/",
                           {"decision": "not_selected", "feedback_en": "Edited.", "feedback_fr": "Modifié."})
    assert response.status_code == 302
    kenya.refresh_from_db()
    assert (kenya.decision, kenya.feedback_en, kenya.feedback_fr) == ("not_selected", "Edited.", "Modifié.")
    latest = kenya.history.first()
    assert (latest.history_user, latest.decision, latest.feedback_en) == (manager, "not_selected", "Edited.")

    history = client.get(f"/evaluation/eois/{kenya.pk}/history/")
    content = history.content.decode()
    assert "Edited." in content and "Not selected" in content
    assert "Score" in content  # the review's scores are in the audit trail too


def test_assigned_facilitator_edits_the_feedback_but_not_the_decision(panel, client):
    call, manager, evaluations = panel
    kenya = evaluations["KE"]
    reviewer = kenya.reviews.get().reviewer
    client.force_login(reviewer)
    page = client.get(f"/evaluation/eois/{kenya.pk}/decision/")
    assert "decision" not in page.context["form"].fields
    assert "average score 5.0 out of 5" in page.context["form"].initial["feedback_en"]  # pre-filled, not saved
    response = client.post(f"/evaluation/eois/{kenya.pk}/decision/",
                           {"decision": "selected", "feedback_en": "Strong reforms.", "feedback_fr": "Réformes solides."})
    assert response.status_code == 302
    kenya.refresh_from_db()
    assert (kenya.decision, kenya.feedback_en, kenya.feedback_fr) == ("", "Strong reforms.", "Réformes solides.")
