"""Input kept over an expired session belongs to the person whose session it was
(eoi/services/stash.py, eoi/middleware.py): nothing is stored for an anonymous
POST without their signed owner cookie, and only they get it back."""

from html import unescape

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.enums import Role
from accounts.tests.factories import PASSWORD
from eoi.models import StashedInput
from eoi.services.stash import OWNER_COOKIE, STASH_MAX_BYTES, STASH_PER_ADDRESS, owner_cookie_value

from .test_views_edit import form_data

pytestmark = pytest.mark.django_db

TYPED = "Deux heures de rédaction hors ligne."


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the per-address counter
    yield
    cache.clear()


@pytest.fixture
def colleague(make_user, country):
    """A second focal point of the same country as `focal`."""
    return make_user(Role.FOCAL_POINT, countries=[country], full_name="Moussa Ndiaye")


def expired_session(client, user, eoi):
    """`user` worked on `eoi`, then their session ended: the owner cookie is all that is left."""
    client.force_login(user)
    client.get(reverse("eoi:edit", args=[eoi.pk]))
    assert OWNER_COOKIE in client.cookies
    del client.cookies[settings.SESSION_COOKIE_NAME]


def anonymous_with_csrf_cookie():
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("accounts:login"))
    assert settings.CSRF_COOKIE_NAME in client.cookies
    return client, client.cookies[settings.CSRF_COOKIE_NAME].value


@pytest.mark.parametrize("name", ["eoi:edit", "eoi:autosave"])
def test_anonymous_post_with_only_a_csrf_cookie_stores_nothing(eoi, name):
    client, csrf = anonymous_with_csrf_cookie()
    for _ in range(20):
        response = client.post(reverse(name, args=[eoi.pk]), form_data(eoi, answer_efforts="x" * 400_000,
                                                                      csrfmiddlewaretoken=csrf))
        assert response.status_code in (302, 401)
    assert not StashedInput.objects.exists()


def test_forged_owner_cookie_stores_nothing(client, eoi, focal):
    client.cookies[OWNER_COOKIE] = f"{focal.pk}:forged"
    client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(eoi, answer_efforts=TYPED))
    assert not StashedInput.objects.exists()


def test_owner_of_another_country_stores_nothing(client, eoi, other_focal):
    client.cookies[OWNER_COOKIE] = owner_cookie_value(user=other_focal)
    client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(eoi, answer_efforts=TYPED))
    assert not StashedInput.objects.exists()


def test_owner_gets_their_text_back_after_signing_in(client, eoi, focal):
    expired_session(client, focal, eoi)
    response = client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(eoi, answer_efforts=TYPED))
    stash = StashedInput.objects.get()
    assert stash.user == focal
    login = client.post(response.url, {"username": focal.email, "password": PASSWORD}, follow=True)
    assert TYPED in unescape(login.content.decode())
    assert not StashedInput.objects.exists()


def test_colleague_of_the_same_country_does_not_get_it(client, eoi, focal, colleague):
    expired_session(client, focal, eoi)
    response = client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(eoi, answer_efforts=TYPED))
    token = StashedInput.objects.get().token
    # The crafted link: Moussa is sent the login page with Awa's `next`.
    other = Client()
    login = other.post(response.url, {"username": colleague.email, "password": PASSWORD}, follow=True)
    assert login.redirect_chain[-1][0].endswith(f"?restore={token}")
    assert TYPED not in unescape(login.content.decode())
    assert StashedInput.objects.filter(token=token).exists()  # still Awa's


def test_one_stash_per_person_and_form(client, eoi, focal):
    expired_session(client, focal, eoi)
    for text in ("first", "second", "third"):
        client.post(reverse("eoi:autosave", args=[eoi.pk]), form_data(eoi, answer_efforts=text))
    assert list(StashedInput.objects.values_list("data__answer_efforts", flat=True)) == [["third"]]


def test_oversized_input_is_not_kept(client, eoi, focal):
    expired_session(client, focal, eoi)
    client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(eoi, answer_efforts="x" * (STASH_MAX_BYTES + 1)))
    assert not StashedInput.objects.exists()


def test_one_address_keeps_at_most_its_hourly_share(make_user, country, eoi):
    for n in range(STASH_PER_ADDRESS + 3):
        client = Client(REMOTE_ADDR="198.51.100.7")
        expired_session(client, make_user(Role.FOCAL_POINT, countries=[country]), eoi)
        client.post(reverse("eoi:autosave", args=[eoi.pk]), form_data(eoi, answer_efforts=f"text {n}"))
    assert StashedInput.objects.count() == STASH_PER_ADDRESS


def test_logout_deletes_the_owner_cookie(client, eoi, focal):
    client.force_login(focal)
    client.get(reverse("eoi:edit", args=[eoi.pk]))
    client.post(reverse("accounts:logout"))
    assert client.cookies[OWNER_COOKIE].value == ""
    client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(eoi, answer_efforts=TYPED))
    assert not StashedInput.objects.exists()


def test_input_typed_hours_after_the_session_ended_is_still_kept(client, eoi, focal, monkeypatch):
    import time

    from eoi.services import stash

    signed_at = time.time() - settings.SESSION_COOKIE_AGE - 3 * 3600  # last request: the session ended 3 h ago
    monkeypatch.setattr(stash.signing.time, "time", lambda: signed_at)
    client.cookies[OWNER_COOKIE] = owner_cookie_value(user=focal)
    monkeypatch.undo()
    client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(eoi, answer_efforts=TYPED))
    assert StashedInput.objects.get().user == focal


def test_owner_cookie_older_than_its_age_stores_nothing(client, eoi, focal, monkeypatch):
    import time

    from eoi.services import stash

    signed_at = time.time() - stash.owner_cookie_age() - 60
    monkeypatch.setattr(stash.signing.time, "time", lambda: signed_at)
    client.cookies[OWNER_COOKIE] = owner_cookie_value(user=focal)
    monkeypatch.undo()
    client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(eoi, answer_efforts=TYPED))
    assert not StashedInput.objects.exists()
