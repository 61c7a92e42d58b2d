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


@pytest.mark.parametrize("language, message", [
    ("en", "Enter a valid e-mail address and password."),
    ("fr", "Saisissez une adresse électronique et un mot de passe valides."),
])
def test_wrong_password_shows_one_message_and_keeps_the_email(client, make_user, language, message):
    make_user(Role.FOCAL_POINT, email="awa@example.org")
    client.cookies["django_language"] = language
    response = attempt(client, "awa@example.org", "wrong")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="awa@example.org"' in page
    assert page.count(message) == 1  # once, in the summary (crispy does not repeat it)
    assert "case-sensitive" not in page and "casse" not in page


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


def test_without_a_proxy_a_forwarded_header_is_not_believed(client, make_user, settings):
    settings.PROXY_COUNT = 0
    make_user(Role.FOCAL_POINT, email="awa@example.org")
    for n in range(settings.AXES_FAILURE_LIMIT):  # a new "address" each time, same connection
        client.post(LOGIN, {"username": "awa@example.org", "password": "wrong"},
                    REMOTE_ADDR="196.1.1.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert attempt(client, "awa@example.org", PASSWORD, ip="196.1.1.1").status_code == 429


def test_behind_a_proxy_the_address_it_appended_counts_not_what_the_client_wrote(client, make_user, settings):
    settings.PROXY_COUNT = 1
    make_user(Role.FOCAL_POINT, email="awa@example.org")

    def through_proxy(password, client_address, spoofed):
        return client.post(LOGIN, {"username": "awa@example.org", "password": password},
                           REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"{spoofed}, {client_address}")

    for n in range(settings.AXES_FAILURE_LIMIT):
        through_proxy("wrong", "196.1.1.1", spoofed=f"203.0.113.{n}")
    assert through_proxy(PASSWORD, "196.1.1.1", spoofed="203.0.113.99").status_code == 429
    assert through_proxy(PASSWORD, "41.82.0.9", spoofed="196.1.1.1").status_code == 302


@pytest.mark.parametrize("header, expected", [
    ("", "10.0.0.1"),  # not through the proxy: the connection's address
    ("not-an-address", "10.0.0.1"),  # never store what is not an address
    ("1.2.3.4, 196.1.1.1", "196.1.1.1"),
    ("2001:db8::1", "2001:db8::1"),
])
def test_client_ip_behind_one_proxy(rf, settings, header, expected):
    from accounts.throttling import client_ip

    settings.PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=header)
    assert client_ip(request) == expected


def test_client_ip_behind_two_proxies_is_the_second_from_the_right(rf, settings):
    from accounts.throttling import client_ip

    settings.PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 196.1.1.1, 10.0.0.1")
    assert client_ip(request) == "196.1.1.1"
