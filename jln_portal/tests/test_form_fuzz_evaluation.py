"""The evaluation's forms, fuzzed: never a 5xx, and a form shown again (refused)
has changed no table. Each form is posted by the person it is for."""

import pytest
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from evaluation import selectors
from evaluation.forms import (
    AssignmentForm, ClarificationForm, ConflictForm, DecisionForm, EligibilityOverrideForm, ReviewForm,
)
from evaluation.models import Review

from .fuzz import signed_in, FUZZ_SETTINGS, changes_since, fuzzed_data, is_same_site, post_safely, row_counts
from .url_matrix_expected import URL_KWARGS

pytestmark = pytest.mark.django_db


# url name → (who posts, the form as the page builds it, buttons that may be pressed)
FORMS = {
    "evaluation:evaluation": ("facilitator", lambda w: ReviewForm(criteria=selectors.call_criteria(w.review_call)),
                              ["submit", "draft"]),
    "evaluation:decision": ("manager", lambda w: DecisionForm(evaluation=w.evaluation_a, can_decide=True), []),
    "evaluation:eligibility": ("facilitator", lambda w: EligibilityOverrideForm(), []),
    "evaluation:clarification_ask": ("facilitator", lambda w: ClarificationForm(), []),
    "evaluation:conflicts": ("manager", lambda w: ConflictForm(for_manager=True), []),
    "evaluation:assignments": ("manager", lambda w: AssignmentForm(), []),
}


@pytest.mark.parametrize("url_name", FORMS)
@FUZZ_SETTINGS
@given(data=st.data())
def test_evaluation_form_fuzzed(world, url_name, data):
    role, make_form, buttons = FORMS[url_name]
    posted = data.draw(fuzzed_data(make_form(world)))
    for button in data.draw(st.lists(st.sampled_from(buttons), unique=True)) if buttons else []:
        posted[button] = "1"
    url = reverse(url_name, kwargs=URL_KWARGS[url_name](world) if url_name in URL_KWARGS else {})
    before = row_counts()
    response = post_safely(signed_in(world.users[role]), url, posted)
    event(f"HTTP {response.status_code}")
    if response.status_code == 302:
        assert is_same_site(response["Location"])
    else:  # shown again with its errors, or 409: a save over someone else's newer feedback, refused
        assert response.status_code in (200, 409), response.status_code
        assert changes_since(before) == {}


@FUZZ_SETTINGS
@given(data=st.data())
def test_review_submitted_whole_or_not_at_all(world, data):
    """A submitted review has a score for every criterion; a refused one leaves the review as it was."""
    criteria = selectors.call_criteria(world.review_call)
    posted = {**data.draw(fuzzed_data(ReviewForm(criteria=criteria))), "submit": "1"}
    reviewer = world.users["facilitator"]
    Review.objects.filter(reviewer=reviewer).delete()
    response = post_safely(signed_in(reviewer), reverse("evaluation:evaluation", args=[world.evaluation_a.pk]), posted)
    review = Review.objects.filter(evaluation=world.evaluation_a, reviewer=reviewer).first()
    event(f"HTTP {response.status_code}")
    if response.status_code == 302:
        assert review is not None and review.scores.count() == len(criteria)
    else:
        assert review is None
