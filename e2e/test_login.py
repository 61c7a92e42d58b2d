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


def test_login_wrong_password_in_french_says_it_once_and_correctly(page, world, use_language):
    use_language(page, "fr")
    page.goto("/accounts/login/")
    page.get_by_label("Adresse électronique").fill("focal.a@example.org")
    page.get_by_label("Mot de passe").fill("pas le mot de passe")
    page.get_by_role("button", name="Se connecter").last.click()
    message = page.get_by_text("Saisissez une adresse électronique et un mot de passe valides.")
    expect(message).to_have_count(1)
    expect(page.locator("body")).not_to_contain_text("casse")
