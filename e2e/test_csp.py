"""The Content-Security-Policy does not stop the portal's own JavaScript: pages
with scripts work under the header, and the browser reports no violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _violations(page):
    found = []
    page.on("console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None)
    return found


def test_scripts_run_under_the_policy_on_the_edit_page(page, world, login_as):
    violations = _violations(page)
    login_as(page, world.users["focal_a"])
    response = page.goto(reverse("eoi:edit", args=[world.eoi_a.pk]))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    field = page.locator("textarea").first
    field.fill("Un, deux, trois mots")
    expect(page.locator(".word-count").first).to_contain_text("4")  # autosave.js's word counter ran
    assert violations == []


def test_print_button_works_without_an_inline_handler(page, world):
    violations = _violations(page)
    page.goto(reverse("eoi:call_questionnaire", args=[world.call.slug]))
    expect(page.get_by_role("button", name="Print")).to_be_visible()  # print.js showed it
    assert violations == []
