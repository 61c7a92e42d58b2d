"""States move only along EVALUATION_TRANSITIONS, through evaluation_transition, never skipped."""

import pytest

from accounts.enums import Role
from eoi.enums import EOIStatus
from evaluation import services
from evaluation.selectors.lists import country_facing_status
from evaluation.enums import EVALUATION_TRANSITIONS, Decision, EvaluationState
from evaluation.models import Evaluation

from .factories import call_with_criteria, under_review

pytestmark = pytest.mark.django_db

S = EvaluationState
ALL_PAIRS = [(a, b) for a in S.values for b in S.values if a != b]


@pytest.fixture
def setup(make_user, country):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluation = under_review(call, [country], by=manager)["SN"]
    return manager, evaluation


def _put_in(evaluation, state):
    """Place an evaluation in `state` (test set-up only, straight in the database)."""
    decision = state if state in S.FINAL else ""
    Evaluation.objects.filter(pk=evaluation.pk).update(state=state, decision=decision)
    evaluation.refresh_from_db()
    return evaluation


def test_starting_the_review_puts_submitted_eois_under_review(setup):
    manager, evaluation = setup
    assert evaluation.state == S.UNDER_REVIEW
    assert evaluation.eoi.status == EOIStatus.SUBMITTED  # the EOI's own status is left alone
    assert evaluation.history.first().history_user == manager


@pytest.mark.parametrize("source,target", ALL_PAIRS)
def test_transition_allowed_only_along_the_table(setup, source, target):
    manager, evaluation = setup
    evaluation = _put_in(evaluation, source)
    allowed = target in EVALUATION_TRANSITIONS[source]
    if allowed:
        services.evaluation_transition(evaluation=evaluation, to=target, by=manager)
        evaluation.refresh_from_db()
        assert evaluation.state == target
    else:
        with pytest.raises(services.TransitionNotAllowed):
            services.evaluation_transition(evaluation=evaluation, to=target, by=manager)
        evaluation.refresh_from_db()
        assert evaluation.state == source


def test_selected_cannot_skip_the_shortlist(setup):
    manager, evaluation = setup
    with pytest.raises(services.TransitionNotAllowed):
        services.evaluation_transition(evaluation=evaluation, to=S.SELECTED, by=manager)


def test_shortlisted_goes_back_under_review_and_loses_its_decision(setup):
    manager, evaluation = setup
    services.evaluation_transition(evaluation=evaluation, to=S.SHORTLISTED, by=manager)
    services.decision_set(evaluation=evaluation, decision=Decision.SELECTED, by=manager)
    services.evaluation_transition(evaluation=evaluation, to=S.UNDER_REVIEW, by=manager)
    evaluation.refresh_from_db()
    assert (evaluation.state, evaluation.decision) == (S.UNDER_REVIEW, "")


def test_ineligible_cannot_be_shortlisted(setup):
    manager, evaluation = setup
    Evaluation.objects.filter(pk=evaluation.pk).update(eligible=False)
    evaluation.refresh_from_db()
    with pytest.raises(services.NotEligible):
        services.evaluation_transition(evaluation=evaluation, to=S.SHORTLISTED, by=manager)


def test_not_shortlisted_can_only_be_not_selected(setup):
    manager, evaluation = setup
    with pytest.raises(services.NotAllowed):
        services.decision_set(evaluation=evaluation, decision=Decision.SELECTED, by=manager)
    services.decision_set(evaluation=evaluation, decision=Decision.NOT_SELECTED, by=manager)
    assert Evaluation.objects.get(pk=evaluation.pk).decision == Decision.NOT_SELECTED


def test_country_sees_submitted_until_final_then_the_decision(setup):
    manager, evaluation = setup
    eoi = evaluation.eoi
    services.evaluation_transition(evaluation=evaluation, to=S.SHORTLISTED, by=manager)
    eoi.refresh_from_db()
    assert country_facing_status(eoi) == "Submitted"
    services.evaluation_transition(evaluation=evaluation, to=S.SELECTED, by=manager)
    eoi.refresh_from_db()
    assert country_facing_status(eoi) == "Selected"
