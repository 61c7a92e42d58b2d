"""Before a session ends for inactivity, a signed-in page warns (role="alert") and
"Stay signed in" renews the session without leaving the page. A short session
age (8 s, warning 4 s ahead) makes it visible in a test."""

import time

import pytest
from playwright.sync_api import expect

from .axe import assert_no_serious_violations

pytestmark = pytest.mark.browser

AGE = 8


@pytest.fixture
def short_session(settings):
    settings.SESSION_COOKIE_AGE = AGE  # the warning comes AGE // 2 seconds before the end


def _signed_in(page):
    """Whether the browser's session still opens a manager's page (without following redirects)."""
    return page.context.request.get("/accounts/manager/", max_redirects=0).status == 200


def test_session_warning_renew_keeps_session_and_typing(page, world, login_as, short_session):
    login_as(page, world.users["manager"])
    page.goto("/accounts/invite/")
    loaded = time.monotonic()
    page.get_by_label("Full name").fill("Aminata Touré")

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Your session will end at", timeout=(AGE + 2) * 1000)
    assert time.monotonic() - loaded >= AGE // 2 - 1  # not shown at once
    expect(alert.locator("[data-session-end]")).not_to_be_empty()
    alert.get_by_role("button", name="Stay signed in").click()
    expect(alert).to_contain_text("You are still signed in.")

    page.wait_for_timeout(max(0, (loaded + AGE + 1 - time.monotonic()) * 1000))  # past the first end
    assert _signed_in(page)
    expect(page.get_by_label("Full name")).to_have_value("Aminata Touré")


def test_session_warning_then_end_without_renewal(page, world, login_as, use_language, short_session):
    login_as(page, world.users["focal_a"])
    use_language(page, "fr")
    page.goto("/eoi/")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Votre session prendra fin à", timeout=(AGE + 2) * 1000)
    assert_no_serious_violations(page)
    expect(alert).to_contain_text("Votre session a expiré", timeout=(AGE + 2) * 1000)
    assert not _signed_in(page)


def test_session_warning_in_view_in_the_middle_of_a_long_form(page, world, login_as, short_session):
    """Fixed to the viewport: seen wherever the reader is, not below the footer."""
    login_as(page, world.users["focal_a"])
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"/eoi/{world.eoi_a.pk}/edit/")
    page.evaluate("window.scrollTo(0, (document.body.scrollHeight - window.innerHeight) / 2)")
    assert page.evaluate("window.scrollY") > 720  # well inside the form
    alert = page.locator("#session-warning")
    expect(alert.locator("[data-session-end]")).not_to_be_empty(timeout=(AGE + 2) * 1000)
    box = alert.bounding_box()
    assert box["height"] > 0
    assert 0 <= box["y"] and box["y"] + box["height"] <= 720
    assert page.evaluate("getComputedStyle(document.querySelector('.session-warning')).position") == "fixed"
