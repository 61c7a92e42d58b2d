"""The shortlist's capacity counts follow the ticked boxes before saving (small
vanilla JS), and the saved shortlist is the one ticked — in headless Chromium."""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

from accounts.enums import Role  # noqa: E402
from accounts.tests.factories import PASSWORD  # noqa: E402
from countries.tests.factories import CountryFactory  # noqa: E402
from evaluation.enums import EvaluationState  # noqa: E402
from evaluation.models import Evaluation  # noqa: E402

from .factories import call_with_criteria, facilitator, review, under_review  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def test_capacity_counts_follow_the_ticked_boxes(live_server, make_user):
    manager = make_user(Role.MANAGER, email="manager@example.org")
    call = call_with_criteria(target_teams=2, min_teams=1, max_participants=9, max_team_size=5)
    evaluations = under_review(call, [CountryFactory(code=c) for c in ("KE", "GH", "NG")], by=manager, members=5)
    reviewer = facilitator()
    for evaluation in evaluations.values():
        review(evaluation, reviewer, (3, 3, 3))
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="en-GB").new_page()
            page.goto(f"{live_server.url}/accounts/login/?next=/evaluation/calls/{call.pk}/shortlist/")
            page.fill("input[name=username]", manager.email)
            page.fill("input[name=password]", PASSWORD)
            page.locator("form button[type=submit]").last.click()
            # The shortlist loaded (its deferred capacity.js has run) before a box is ticked: on a
            # loaded machine a tick could otherwise land before the script listens.
            page.wait_for_url(f"**/evaluation/calls/{call.pk}/shortlist/")
            card = page.locator("[data-capacity]")
            expect(card.locator("[data-capacity-teams]")).to_have_text("0")
            page.check(f"#shortlist-{evaluations['KE'].pk}")
            expect(card.locator("[data-capacity-participants]")).to_have_text("5")
            expect(card.locator("[data-capacity-participants-exceeded]")).to_be_hidden()
            page.check(f"#shortlist-{evaluations['GH'].pk}")
            expect(card.locator("[data-capacity-teams]")).to_have_text("2")
            expect(card.locator("[data-capacity-participants]")).to_have_text("10")
            expect(card.locator("[data-capacity-participants-exceeded]")).to_be_visible()
            page.get_by_role("button", name="Save the shortlist").click()
            expect(page.get_by_text("Shortlist saved.")).to_be_visible()
        finally:
            browser.close()

    states = dict(Evaluation.objects.values_list("eoi__country__code", "state"))
    assert states == {"KE": EvaluationState.SHORTLISTED, "GH": EvaluationState.SHORTLISTED,
                      "NG": EvaluationState.UNDER_REVIEW}
