"""The HTML of every main page, in English and French, as the role that sees it,
passes the Nu validator. Fetched with Django's test client (no browser needed)."""

import os

import pytest
from django.conf import settings
from django.test import Client

from jln_portal.tests.world import build_world

from .html_validator import format_errors, validate, validator_missing
from .pages import LANGUAGES, MAIN_PAGES


@pytest.fixture
def validator():
    reason = validator_missing()
    if reason:
        required = "browser" in os.environ.get("JLN_REQUIRE_SERVICES", "")
        (pytest.fail if required else pytest.skip)(reason)


def fetch(world, page, language):
    client = Client()
    if world.users[page.role] is not None:
        client.force_login(world.users[page.role], backend="accounts.backends.AuthenticationBackend")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(page.url(world), follow=True)
    assert response.status_code == page.status, f"{page.id} ({language}): {response.status_code}"
    return response.content.decode()


@pytest.mark.django_db
def test_main_pages_valid_html(validator):
    world = build_world()
    documents = {
        f"{page.id} ({language})": fetch(world, page, language) for page in MAIN_PAGES for language in LANGUAGES
    }
    errors = validate(documents)
    assert not errors, "The Nu validator finds errors:\n" + format_errors(errors)


@pytest.mark.django_db
def test_form_with_errors_valid_html(validator, client):
    """A form shown again with its errors (summary, messages beside the fields) is valid too."""
    response = client.post("/accounts/login/", {"username": "not an e-mail", "password": ""})
    assert "form-errors" in response.content.decode()
    errors = validate({"login with errors": response.content.decode()})
    assert not errors, format_errors(errors)


@pytest.mark.django_db
def test_eoi_form_with_errors_valid_html(validator):
    """The EOI form (crispy-forms fields) shown again with errors is valid too."""
    world = build_world()
    client = Client()
    client.force_login(world.users["focal_a"], backend="accounts.backends.AuthenticationBackend")
    response = client.post(f"/eoi/{world.eoi_a.pk}/edit/", {
        "version": world.eoi_a.version, "m1_name": "Aminata", "m1_email": "aminata@", "contact_email": "not an address"})
    assert response.status_code == 400 and "form-errors" in response.content.decode()
    errors = validate({"EOI form with errors": response.content.decode()})
    assert not errors, format_errors(errors)


def test_validator_reports_an_error(validator):
    errors = validate({"broken": '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><img src="a.png"></body></html>'})
    assert [m["message"] for m in errors["broken"]] and "alt" in errors["broken"][0]["message"]
