"""An oversized post answers with a page in the reader's language that says what
happened and what was kept (handler400: jln_portal.views.bad_request), not
Django's bare "Bad Request (400)"."""

from html import unescape

import pytest
from django.urls import reverse

from accounts.enums import Role
from eoi.tests.factories import EOIFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 25_600
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 200


@pytest.fixture
def focal(make_user, country):
    return make_user(Role.FOCAL_POINT, countries=[country], language="fr", full_name="Awa Ba")


@pytest.fixture
def eoi(country, focal):
    return EOIFactory(country=country, created_by=focal)


def test_oversized_eoi_form_says_what_happened_in_french_and_that_the_last_save_is_kept(client, small_limit, focal,
                                                                                        eoi):
    client.force_login(focal)
    response = client.post(reverse("eoi:edit", args=[eoi.pk]), {"version": "1", "answer_efforts": "mot " * 10_000},
                           HTTP_ACCEPT_LANGUAGE="fr")
    page = unescape(response.content.decode())
    assert response.status_code == 400 and '<html lang="fr">' in page
    assert "Trop de données envoyées d'un coup" in page and "25,0\xa0Kio" in page
    assert "Votre brouillon tel qu'enregistré en dernier (par l'enregistrement automatique ou par vous) est conservé" in page
    assert f'href="{reverse("eoi:edit", args=[eoi.pk])}"' in page
    assert "Bad Request" not in page
    eoi.refresh_from_db()
    assert eoi.version == 1


def test_too_many_fields_gets_the_same_page(client, small_limit, focal, eoi):
    client.force_login(focal)
    data = {f"field{n}": "x" for n in range(300)}
    response = client.post(reverse("eoi:edit", args=[eoi.pk]), data, HTTP_ACCEPT_LANGUAGE="en")
    page = unescape(response.content.decode())
    assert response.status_code == 400 and "Too much sent at once" in page
    assert "Your draft as last saved (by autosave or by you) is kept" in page


def test_oversized_autosave_answers_json_that_autosave_shows(client, small_limit, focal, eoi):
    client.force_login(focal)
    response = client.post(reverse("eoi:autosave", args=[eoi.pk]), {"version": "1", "answer_efforts": "x" * 30_000},
                           HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "too_large"
    assert body["message"].startswith("Non enregistré") and "brouillon tel qu'enregistré en dernier est conservé" in body["message"]


def test_oversized_post_elsewhere_says_what_happened_without_a_draft(client, small_limit):
    response = client.post(reverse("accounts:login"), {"username": "x" * 30_000}, HTTP_ACCEPT_LANGUAGE="en")
    page = unescape(response.content.decode())
    assert response.status_code == 400 and "Too much sent at once" in page and "25.0\xa0KB" in page
    assert "draft" not in page


def test_oversized_post_through_the_csrf_check_gets_the_page(small_limit, focal, eoi):
    """As a browser sends it: the CSRF check is the first to read the body, and fails."""
    from django.conf import settings
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(focal)
    client.get(reverse("eoi:edit", args=[eoi.pk]))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(reverse("eoi:edit", args=[eoi.pk]),
                           {"csrfmiddlewaretoken": token, "version": "1", "answer_efforts": "mot " * 10_000},
                           HTTP_ACCEPT_LANGUAGE="en")
    page = unescape(response.content.decode())
    assert response.status_code == 400 and "Too much sent at once" in page
    assert "Your draft as last saved (by autosave or by you) is kept" in page
