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
