"""The database itself refuses what breaks an invariant."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.enums import Role
from evaluation.enums import EvaluationState, ReviewState
from evaluation.models import ClarificationRequest, EligibilityCheck, Evaluation, Review, Score

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(make_user, country):
    call = call_with_criteria()
    evaluation = under_review(call, [country], by=make_user(Role.MANAGER))["SN"]
    reviewer = facilitator()
    return evaluation, reviewer, review(evaluation, reviewer, (1, 2, 3))


def _refused(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def test_one_review_per_reviewer_per_eoi(reviewed):
    evaluation, reviewer, _ = reviewed
    _refused(lambda: Review.objects.create(evaluation=evaluation, reviewer=reviewer))


def test_score_within_the_criterion_scale(reviewed):
    evaluation, reviewer, first = reviewed
    score = first.scores.first()
    _refused(lambda: Score.objects.filter(pk=score.pk).update(value=6))
    assert Score.objects.get(pk=score.pk).value == score.value


def test_submitted_review_has_a_time(reviewed):
    evaluation, reviewer, first = reviewed
    _refused(lambda: Review.objects.filter(pk=first.pk).update(state=ReviewState.SUBMITTED, submitted_at=None))


def test_final_state_equals_the_decision_and_ineligible_never_selected(reviewed):
    evaluation, _, _ = reviewed
    _refused(lambda: Evaluation.objects.filter(pk=evaluation.pk).update(state=EvaluationState.SELECTED))
    _refused(lambda: Evaluation.objects.filter(pk=evaluation.pk).update(
        state=EvaluationState.SHORTLISTED, eligible=False))


def test_override_needs_a_reason(reviewed):
    evaluation, _, _ = reviewed
    check = EligibilityCheck.objects.filter(evaluation=evaluation).first()
    _refused(lambda: EligibilityCheck.objects.filter(pk=check.pk).update(override=False, override_reason=""))


def test_answer_has_a_time(reviewed):
    evaluation, reviewer, _ = reviewed
    _refused(lambda: ClarificationRequest.objects.create(evaluation=evaluation, question="Q?", answer="A"))
    ClarificationRequest.objects.create(evaluation=evaluation, question="Q?", answer="A", answered_at=timezone.now())
