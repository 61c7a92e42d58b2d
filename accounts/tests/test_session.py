"""A session ends after SESSION_COOKIE_AGE without a request, not after a fixed time
since login; "Stay signed in" (accounts:keepalive) renews it."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role


def _expire_soon(client):
    """Pretend the session was last used long ago: it ends in one minute."""
    session = Session.objects.get(session_key=client.session.session_key)
    session.expire_date = timezone.now() + timedelta(minutes=1)
    session.save()


def _expire_date(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


@pytest.mark.django_db
def test_session_renewed_by_any_page(client, make_user, settings):
    client.force_login(make_user(Role.MANAGER))
    _set_renewed_at(client, settings.SESSION_RENEW_AFTER)
    _expire_soon(client)
    assert client.get(reverse("accounts:manager_home")).status_code == 200
    assert _expire_date(client) > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


@pytest.mark.django_db
def test_login_starts_the_count_so_the_next_page_writes_no_session(client, make_user, django_assert_num_queries):
    client.force_login(make_user(Role.MANAGER))
    with django_assert_num_queries(2):  # the session and the user, read; nothing written
        assert client.get(reverse("accounts:home")).status_code == 302


@pytest.mark.django_db
def test_keepalive_renews_session(client, make_user, settings):
    client.force_login(make_user(Role.FOCAL_POINT))
    _expire_soon(client)
    response = client.post(reverse("accounts:keepalive"))
    assert response.status_code == 200
    assert response.json() == {"signed_in": True, "session_age": settings.SESSION_COOKIE_AGE}
    assert _expire_date(client) > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


@pytest.mark.django_db
def test_keepalive_anonymous_refused(client):
    response = client.post(reverse("accounts:keepalive"))
    assert response.status_code == 403
    assert response.json() == {"signed_in": False}
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_signed_in_page_carries_session_warning(client, make_user, settings):
    settings.SESSION_COOKIE_AGE = 3600
    client.force_login(make_user(Role.STEERING))
    html = client.get(reverse("accounts:home"), follow=True).content.decode()
    assert 'data-session-age="3600" data-warn-before="300"' in html
    assert reverse("accounts:keepalive") in html


@pytest.mark.django_db
def test_anonymous_page_has_no_session_warning(client):
    assert "session-warning" not in client.get(reverse("landing")).content.decode()


def _set_renewed_at(client, seconds_ago):
    import time

    from jln_portal.sessions import RENEWED_AT

    session = client.session
    session[RENEWED_AT] = int(time.time()) - seconds_ago
    session.save()


@pytest.mark.django_db
def test_session_renewed_at_most_once_a_minute(client, make_user, settings, django_assert_num_queries):
    client.force_login(make_user(Role.MANAGER))
    url = reverse("accounts:manager_home")
    client.get(url)  # the login started the count: not renewed
    _expire_soon(client)
    client.get(url)
    assert _expire_date(client) < timezone.now() + timedelta(minutes=2)  # renewed less than a minute ago: not again
    _set_renewed_at(client, settings.SESSION_RENEW_AFTER)
    _expire_soon(client)
    client.get(url)
    assert _expire_date(client) > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


@pytest.mark.django_db
def test_session_warning_counts_from_the_last_renewal(client, make_user, settings):
    settings.SESSION_COOKIE_AGE = 3600
    client.force_login(make_user(Role.STEERING))
    client.get(reverse("accounts:home"))
    _set_renewed_at(client, 50)  # renewed 50 s ago: this request does not renew it, it ends in 3550 s
    html = client.get(reverse("accounts:home"), follow=True).content.decode()
    assert 'data-session-age="3550"' in html or 'data-session-age="3549"' in html
