"""The review page of one EOI: its answers, team and composition beside the checklist, the
criteria with their rubric (the form's choices), the user's own review and the others'."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from eoi.enums import QuestionKind
from eoi.models import TeamMember
from eoi.selectors import confirmation_summary, eoi_composition, eoi_members, questions_with_answer

from .. import eligibility
from ..enums import EligibilityItem, ReviewState
from ..models import ClarificationRequest, EligibilityCheck, Review, Score, SelectionFactor
from .common import criteria_in_order, evaluation_for_permission, not_conflicted, review_total_of


def evaluation_for_page(user):
    """Evaluations with what the review page shows to `user`: the EOI with its team and the
    call's profiles, the call's criteria with their rubric and its selection factors, the
    checklist, the questions to the country, and the reviews the user may read — their own
    (draft or submitted) and the submitted reviews by facilitators without a conflict with
    the country — each with its scores. Whether the others' are shown is the view's rule."""
    reviews = (
        Review.objects.filter(Q(reviewer=user) | Q(Q(state=ReviewState.SUBMITTED), not_conflicted()))
        .select_related("reviewer").order_by("submitted_at", "pk")
        .prefetch_related(Prefetch(
            "scores", queryset=Score.objects.select_related("criterion").order_by("criterion__order", "criterion_id")
        ))
    )
    return evaluation_for_permission().prefetch_related(
        Prefetch("checks", queryset=EligibilityCheck.objects.select_related("overridden_by")),
        Prefetch("clarifications", queryset=ClarificationRequest.objects.select_related("asked_by", "answered_by")),
        Prefetch("reviews", queryset=reviews, to_attr="readable_reviews"),
        Prefetch("eoi__call__criteria", queryset=criteria_in_order().prefetch_related("rubric")),
        Prefetch("eoi__call__selection_factors", queryset=SelectionFactor.objects.order_by("order", "pk")),
        Prefetch("eoi__team_members", queryset=TeamMember.objects.select_related("profile", "confirmation").order_by("slot")),
        "eoi__call__profiles",
    )


def evaluation_for_save():
    """Evaluations with what saving a review needs: the permission rules' reads and the call's
    criteria with their rubric (the form's choices). Not the rest of the page: a saved review
    is followed by a redirect to it, so the page's reads would be made for nothing."""
    return evaluation_for_permission().prefetch_related(
        Prefetch("eoi__call__criteria", queryset=criteria_in_order().prefetch_related("rubric")),
    )


def questions_with_answers(eoi):
    """[(question, answer)] of the call's text questions in order (one query)."""
    questions = questions_with_answer(eoi.pk).filter(call_id=eoi.call_id, kind=QuestionKind.TEXT)
    return [(question, question.answer_text or "") for question in questions]


@dataclass
class ReviewPage:
    criteria: list
    factors: list
    questions: list  # [(question, answer)]
    members: list  # the filled team rows
    composition: object
    confirmations: dict  # eoi.selectors.confirmation_summary of the members
    checks: list  # in the order of EligibilityItem, each with its `description`
    own: Review | None  # the user's own review, draft or submitted
    others: list | None  # the other submitted reviews, each with its `total`; None: hidden from the user


def review_page(evaluation, user, *, see_all):
    """The review page of `evaluation` (from `evaluation_for_page(user)`)."""
    eoi = evaluation.eoi
    criteria = list(eoi.call.criteria.all())
    reviews = evaluation.readable_reviews
    others = None
    if see_all:
        others = [review for review in reviews if review.reviewer_id != user.pk]
        for review in others:
            review.total = review_total_of(review, criteria)
    checks = sorted(evaluation.checks.all(), key=lambda check: EligibilityItem.values.index(check.item))
    for check in checks:
        check.description = eligibility.describe(check.item, check.facts, passed=check.passed, call=eoi.call)
    members = eoi_members(eoi)
    return ReviewPage(
        criteria=criteria, factors=list(eoi.call.selection_factors.all()), questions=questions_with_answers(eoi),
        members=members, composition=eoi_composition(eoi, members),
        confirmations=confirmation_summary(members), checks=checks,
        own=next((review for review in reviews if review.reviewer_id == user.pk), None), others=others,
    )
