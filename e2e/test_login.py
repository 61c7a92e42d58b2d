"""The login form itself, typed as a person does (other browser tests use login_as)."""

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_login_form_opens_role_home(page, world):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("FOCAL.A@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").last.click()
    expect(page).to_have_url(re.compile(r"/eoi/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#session-warning")).to_have_attribute("role", "alert")


def test_login_wrong_password_keeps_email(page, world):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("focal.a@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").last.click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.get_by_label("E-mail address")).to_have_value("focal.a@example.org")
    expect(page.locator("#session-warning")).to_have_count(0)
