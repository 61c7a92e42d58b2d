"""The rules keep a facilitator's facts (assignments, conflicts, submitted reviews) for the
request (evaluation/rules.py); every service that changes what a rule reads changes its answer
within the same request, for the very objects it was given."""

import pytest

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.models import Assignment, Evaluation

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluation = under_review(call, [CountryFactory(code="KE")], by=manager)["KE"]
    evaluation = Evaluation.objects.select_related("eoi__country", "eoi__call__evaluation_settings").get(
        pk=evaluation.pk)
    return manager, evaluation, facilitator()


def test_assignments_make(setting):
    manager, evaluation, me = setting
    assert not me.has_perm("evaluation.view_evaluation", evaluation)
    services.assignments_make(call=evaluation.eoi.call, reviewers=[me], mode="all", by=manager)
    assert me.has_perm("evaluation.view_evaluation", evaluation)


def test_assignment_remove(setting):
    manager, evaluation, me = setting
    services.assignments_make(call=evaluation.eoi.call, reviewers=[me], mode="all", by=manager)
    assert me.has_perm("evaluation.view_evaluation", evaluation)
    assignment = Assignment.objects.select_related("evaluation").get(reviewer=me)
    assignment.reviewer = me  # the service forgets the facts of the reviewer it is given
    services.assignment_remove(assignment=assignment, by=manager)
    assert not me.has_perm("evaluation.view_evaluation", evaluation)


def test_conflict_declare_and_remove(setting):
    manager, evaluation, me = setting
    services.assignments_make(call=evaluation.eoi.call, reviewers=[me], mode="all", by=manager)
    assert me.has_perm("evaluation.review_eoi", evaluation)
    conflict = services.conflict_declare(reviewer=me, country=evaluation.eoi.country, reason="Adviser.", by=me)
    assert not me.has_perm("evaluation.view_evaluation", evaluation)
    Assignment.objects.create(evaluation=evaluation, reviewer=me)  # assigned again while the conflict stands
    assert not me.has_perm("evaluation.view_evaluation", evaluation)
    services.conflict_remove(conflict=conflict, by=manager)
    assert me.has_perm("evaluation.view_evaluation", evaluation)


def test_review_submission(setting):
    manager, evaluation, me = setting
    services.assignments_make(call=evaluation.eoi.call, reviewers=[me], mode="all", by=manager)
    review(evaluation, facilitator(), (4, 4, 4))
    assert not me.has_perm("evaluation.see_all_scores", evaluation)  # hidden until my own is submitted
    review(evaluation, me, (3, 3, 3), submit=False)
    assert not me.has_perm("evaluation.see_all_scores", evaluation)
    criteria = list(evaluation.eoi.call.criteria.order_by("order"))
    services.review_save(evaluation=evaluation, reviewer=me, entries={c.pk: (3, "Clear.") for c in criteria},
                         submit=True)
    assert me.has_perm("evaluation.see_all_scores", evaluation)


def test_settings_save(setting):
    manager, evaluation, me = setting
    services.assignments_make(call=evaluation.eoi.call, reviewers=[me], mode="all", by=manager)
    assert not me.has_perm("evaluation.see_all_scores", evaluation)
    services.evaluation_settings_save(settings=evaluation.eoi.call.evaluation_settings, by=manager,
                                      hide_scores_until_submitted=False)
    assert me.has_perm("evaluation.see_all_scores", evaluation)


def test_finalise_call(setting):
    manager, evaluation, me = setting
    services.assignments_make(call=evaluation.eoi.call, reviewers=[me], mode="all", by=manager)
    services.decision_set(evaluation=evaluation, decision="not_selected", by=manager, feedback_en="Thank you.",
                          feedback_fr="Merci.")
    assert me.has_perm("evaluation.review_eoi", evaluation) and manager.has_perm("evaluation.decide", evaluation)
    services.evaluation_finalise_call(call=evaluation.eoi.call, by=manager)
    assert not me.has_perm("evaluation.review_eoi", evaluation)
    assert not manager.has_perm("evaluation.decide", evaluation)
