import pytest
from django.urls import reverse

from accounts.enums import Role
from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def attempt(client, email, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_login_by_email_is_case_insensitive(client, make_user):
    make_user(Role.FOCAL_POINT, email="awa@example.org")
    response = attempt(client, "AWA@example.org", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")


def test_wrong_password_shows_a_message_and_keeps_the_email(client, make_user):
    make_user(Role.FOCAL_POINT, email="awa@example.org")
    response = attempt(client, "awa@example.org", "wrong")
    assert response.status_code == 200
    assert 'value="awa@example.org"' in response.content.decode()
    assert "Please enter a correct" in response.content.decode()


def test_five_failures_lock_that_email_from_that_address_even_with_the_right_password(client, make_user, settings):
    make_user(Role.FOCAL_POINT, email="awa@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "awa@example.org", "wrong")
    response = attempt(client, "awa@example.org", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_lockout_spares_colleagues_behind_the_same_address(client, make_user, settings):
    make_user(Role.FOCAL_POINT, email="awa@example.org")
    make_user(Role.FOCAL_POINT, email="moussa@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "awa@example.org", "wrong", ip="196.1.1.1")
    assert attempt(client, "moussa@example.org", PASSWORD, ip="196.1.1.1").status_code == 302


def test_lockout_spares_the_same_person_from_another_address(client, make_user, settings):
    make_user(Role.FOCAL_POINT, email="awa@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "awa@example.org", "wrong", ip="196.1.1.1")
    assert attempt(client, "awa@example.org", PASSWORD, ip="41.82.0.9").status_code == 302


def test_lockout_ends_after_the_cool_off(client, make_user, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    make_user(Role.FOCAL_POINT, email="awa@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "awa@example.org", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2)
    assert attempt(client, "awa@example.org", PASSWORD).status_code == 302


def test_login_applies_the_saved_language_when_none_was_chosen(client, make_user):
    make_user(Role.FOCAL_POINT, email="awa@example.org", language="fr")
    response = attempt(client, "awa@example.org", PASSWORD)
    assert response.cookies["django_language"].value == "fr"


def test_language_chosen_before_login_becomes_the_preference(client, make_user):
    user = make_user(Role.FOCAL_POINT, email="awa@example.org", language="fr")
    client.cookies["django_language"] = "en"
    attempt(client, "awa@example.org", PASSWORD)
    user.refresh_from_db()
    assert user.language == "en"
