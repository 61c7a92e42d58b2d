import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.enums import Role
from accounts.tests.factories import PASSWORD
from outbox.enums import MailKind
from outbox.models import OutboundMail

pytestmark = pytest.mark.django_db


def test_password_reset_mails_a_link_that_sets_a_new_password(client, make_user, django_capture_on_commit_callbacks):
    user = make_user(Role.FACILITATOR, email="claire@example.org", language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "CLAIRE@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert OutboundMail.objects.get().kind == MailKind.PASSWORD_RESET
    assert OutboundMail.objects.get().language == "fr"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)  # Django swaps the token for a session marker
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "un-nouveau-mot-2026", "new_password2": "un-nouveau-mot-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("un-nouveau-mot-2026")
    assert not user.check_password(PASSWORD)


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def reset_link(client, email, capture):
    with capture(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR="41.82.0.9")
    return re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[-1].body).group(1)


def test_password_reset_ends_the_lockouts_of_that_address_from_every_client(client, make_user, settings, django_capture_on_commit_callbacks):
    from axes.models import AccessAttempt

    make_user(Role.FOCAL_POINT, email="awa@example.org")
    make_user(Role.FOCAL_POINT, email="moussa@example.org")
    login = reverse("accounts:login")
    for ip in ("196.1.1.1", "196.1.1.2"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(login, {"username": "awa@example.org", "password": "wrong"}, REMOTE_ADDR=ip)
    client.post(login, {"username": "moussa@example.org", "password": "wrong"}, REMOTE_ADDR="196.1.1.1")
    assert client.post(login, {"username": "awa@example.org", "password": PASSWORD}, REMOTE_ADDR="196.1.1.1").status_code == 429

    link = reset_link(client, "awa@example.org", django_capture_on_commit_callbacks)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "un-nouveau-mot-2026", "new_password2": "un-nouveau-mot-2026"})

    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["moussa@example.org"]
    for ip in ("196.1.1.1", "196.1.1.2"):
        client.logout()
        response = client.post(login, {"username": "awa@example.org", "password": "un-nouveau-mot-2026"}, REMOTE_ADDR=ip)
        assert response.status_code == 302


def test_an_unused_reset_link_ends_no_lockout(client, make_user, settings, django_capture_on_commit_callbacks):
    make_user(Role.FOCAL_POINT, email="awa@example.org")
    login = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "awa@example.org", "password": "wrong"}, REMOTE_ADDR="196.1.1.1")
    reset_link(client, "awa@example.org", django_capture_on_commit_callbacks)  # asked for, not used
    assert client.post(login, {"username": "awa@example.org", "password": PASSWORD}, REMOTE_ADDR="196.1.1.1").status_code == 429


def ask(client, email, ip="41.82.0.9"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip)


@pytest.fixture
def worker_away(monkeypatch):
    """Tasks go to the (in-memory) broker as in production, instead of running in the request."""
    from jln_portal.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", False)


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, make_user, settings, worker_away, django_assert_num_queries):
    import statistics
    import time

    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 1000  # the mail's path each time, not the throttle's
    make_user(Role.FOCAL_POINT, email="awa@example.org")
    for email in ("awa@example.org", "nobody@example.org"):  # the page reads nothing from the database
        with django_assert_num_queries(0):
            response = ask(client, email, ip=f"10.1.0.{len(email)}")
        assert (response.status_code, response["Location"]) == (302, reverse("accounts:password_reset_done"))
    # Paired: each known-address request beside an unknown-address one, so the machine's load
    # (shared CI cores) weighs on both alike; the median of the differences stays near zero.
    differences = []
    for n in range(40):
        pair = []
        for email in ("awa@example.org", "nobody@example.org"):
            start = time.perf_counter()
            ask(client, email, ip=f"10.2.{n}.1")
            pair.append(time.perf_counter() - start)
        differences.append(pair[0] - pair[1])
    assert abs(statistics.median(differences)) < 0.003, statistics.median(differences)
    assert OutboundMail.objects.count() == 0  # made by the task, after the page answered


def test_password_reset_sends_at_most_three_mails_an_hour_to_one_address(client, make_user, settings, django_capture_on_commit_callbacks):
    make_user(Role.FOCAL_POINT, email="awa@example.org")
    make_user(Role.FOCAL_POINT, email="moussa@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        responses = [ask(client, "AWA@example.org", ip=f"196.1.1.{n}") for n in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL + 2)]
        ask(client, "moussa@example.org", ip="196.1.1.1")
    assert {(r.status_code, r["Location"]) for r in responses} == {(302, reverse("accounts:password_reset_done"))}
    assert sorted(m.to[0].split("<")[1][:-1] for m in mail.outbox) == ["awa@example.org"] * settings.PASSWORD_RESET_LIMIT_PER_EMAIL + ["moussa@example.org"]


def test_password_reset_is_refused_to_a_client_that_asks_too_often(client, make_user, settings):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 4
    statuses = [ask(client, f"person{n}@example.org", ip="196.1.1.1").status_code for n in range(6)]
    assert statuses == [302] * 4 + [429, 429]
    response = ask(client, "person9@example.org", ip="196.1.1.1")
    assert "Too many requests for a new password came from your connection" in response.content.decode()
    assert ask(client, "person9@example.org", ip="41.82.0.9").status_code == 302  # another client
