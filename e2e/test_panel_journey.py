"""From the country to the panel, as each person sees it, in headless Chromium:
an English-speaking focal point's three-member team is refused at submit with the
reasons shown; a facilitator scores an EOI; a conflicted facilitator cannot open
it; the manager shortlists within capacity, watching the live count.

Labels come from the catalogue (gettext), never retyped. The world's objects
(jln_portal/tests/world.py, eoi/ and evaluation/tests/world.py) are the cast."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from eoi.enums import EOIStatus
from eoi.models import Call, ExpressionOfInterest
from evaluation.enums import EvaluationState, ReviewState
from evaluation.models import Evaluation, Review

pytestmark = pytest.mark.browser

TEAM = [
    ("Ama Owusu", "Director of Policy", "Ministry of Health", "national", 1, "female"),
    ("Kwame Boateng", "Head of Claims", "National Health Insurance Authority", "national", 2, "male"),
    ("Efua Mensah", "Regional Director", "Ashanti Regional Health Directorate", "subnational", 4, "female"),
]


def say(text, language="en", **values):
    """The page's wording in `language`, from the catalogue."""
    with translation.override(language):
        return translation.gettext(text) % values if values else translation.gettext(text)


def test_english_focal_point_three_member_team_refused_at_submit(page, world, login_as):
    from playwright.sync_api import expect

    call = world.call
    profiles = {p.number: str(p.pk) for p in call.profiles.all()}
    login_as(page, world.users["focal_b"])
    page.goto(reverse("eoi:home"))
    page.get_by_role("button", name=say("Start the expression of interest")).click()
    expect(page).to_have_url(re.compile(r"/eoi/\d+/edit/$"))

    for key in ("relevance", "efforts", "action"):
        page.fill(f"#id_answer_{key}", "Ghana pays its primary care facilities through capitation.")
    for slot, (name, position, organisation, level, profile, gender) in enumerate(TEAM, start=1):
        page.fill(f"#id_m{slot}_name", name)
        page.fill(f"#id_m{slot}_position", position)
        page.fill(f"#id_m{slot}_organisation", organisation)
        page.select_option(f"#id_m{slot}_level", level)
        page.select_option(f"#id_m{slot}_profile_id", profiles[profile])
        page.select_option(f"#id_m{slot}_gender", gender)
        page.fill(f"#id_m{slot}_email", f"member{slot}@example.org")
        page.fill(f"#id_m{slot}_why_role_matters", "Leads the reform of provider payment.")
        page.check(f"#id_m{slot}_commits_to_meetings")
    page.fill("#id_contact_name", "Kofi Mensah")
    page.fill("#id_contact_position", "JLN focal point")
    page.fill("#id_contact_email", "kofi.mensah@example.org")
    page.get_by_role("button", name=say("Save and review before submitting")).click()

    page.get_by_role("button", name=say("Submit the expression of interest")).click()
    minimum = say("Propose at least %(minimum)s team members (%(count)s so far).", minimum=call.min_team_size, count=3)
    expect(page.get_by_text(minimum)).to_be_visible()

    eoi = ExpressionOfInterest.objects.get(call=call, country=world.country_b)
    assert eoi.status == EOIStatus.DRAFT and eoi.submitted_at is None
    assert eoi.team_members.exclude(name="").count() == 3


def test_facilitator_scores_every_criterion_and_submits(page, world, login_as):
    from playwright.sync_api import expect

    criteria = list(world.review_call.criteria.order_by("order", "pk"))
    login_as(page, world.users["facilitator"])
    page.goto(reverse("evaluation:home"))
    page.get_by_role("link", name=re.compile(world.country_a.name)).first.click()
    expect(page).to_have_url(re.compile(rf"/evaluation/eois/{world.evaluation_a.pk}/$"))
    for score, criterion in enumerate(criteria, start=2):
        page.check(f"input[name=score_{criterion.pk}][value='{score}']")
        page.fill(f"#id_comment_{criterion.pk}", f"Evidence for {criterion.name_en}.")
    page.get_by_role("button", name=say("Submit review")).click()
    expect(page.get_by_text(say("Review submitted."))).to_be_visible()

    review = Review.objects.get(evaluation=world.evaluation_a, reviewer=world.users["facilitator"])
    assert review.state == ReviewState.SUBMITTED
    assert sorted((s.criterion_id, s.value, s.comment) for s in review.scores.all()) == [
        (c.pk, score, f"Evidence for {c.name_en}.") for score, c in enumerate(criteria, start=2)
    ]


def test_conflicted_facilitator_cannot_open_that_eoi(page, world, login_as):
    from playwright.sync_api import expect

    login_as(page, world.users["facilitator_conflicted"])
    response = page.goto(reverse("evaluation:evaluation", args=[world.evaluation_a.pk]))
    assert response.status == 404
    expect(page.get_by_text(world.country_a.name)).to_have_count(0)
    page.goto(reverse("evaluation:home"))  # nor is it among the EOIs to review
    expect(page.get_by_role("link", name=re.compile(world.country_a.name))).to_have_count(0)


def test_manager_shortlists_within_capacity(page, world, login_as):
    from playwright.sync_api import expect

    from evaluation.tests.factories import review

    Call.objects.filter(pk=world.review_call.pk).update(target_teams=1, min_teams=1, max_participants=4)
    review(world.evaluation_a, world.users["facilitator"], (4, 4, 4))
    review(world.evaluation_b, world.users["facilitator_conflicted"], (3, 3, 3))
    login_as(page, world.users["manager"])
    page.goto(reverse("evaluation:shortlist", args=[world.review_call.pk]))
    card = page.locator("[data-capacity]")
    expect(card.locator("[data-capacity-teams]")).to_have_text("0")
    page.check(f"#shortlist-{world.evaluation_a.pk}")
    expect(card.locator("[data-capacity-teams]")).to_have_text("1")
    expect(card.locator("[data-capacity-participants]")).to_have_text("4")
    expect(card.locator("[data-capacity-participants-exceeded]")).to_be_hidden()
    page.check(f"#shortlist-{world.evaluation_b.pk}")  # one team too many: the count says so at once
    expect(card.locator("[data-capacity-participants]")).to_have_text("8")
    expect(card.locator("[data-capacity-participants-exceeded]")).to_be_visible()
    page.uncheck(f"#shortlist-{world.evaluation_b.pk}")
    expect(card.locator("[data-capacity-participants-exceeded]")).to_be_hidden()
    page.get_by_role("button", name=say("Save the shortlist")).click()
    expect(page.get_by_text(say("Shortlist saved."))).to_be_visible()

    states = dict(Evaluation.objects.filter(eoi__call=world.review_call).values_list("eoi__country__code", "state"))
    assert states == {"SN": EvaluationState.SHORTLISTED, "GH": EvaluationState.UNDER_REVIEW}
