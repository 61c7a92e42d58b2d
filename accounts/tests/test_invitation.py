from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from accounts.enums import Role
from accounts.models import Invitation, User
from accounts.services import invitation_send, invitation_token
from outbox.enums import MailState
from outbox.models import OutboundMail

pytestmark = pytest.mark.django_db


def invite(client, manager, capture, **data):
    client.force_login(manager)
    payload = {"full_name": "Awa Ba", "email": "Awa.Ba@Sante.gouv.sn", "role": Role.FOCAL_POINT, "language": "fr"}
    payload.update(data)
    with capture(execute=True):  # the mail leaves when the transaction commits
        return client.post(reverse("accounts:invite"), payload)


def accept_link_from(message):
    return next(line for line in message.body.splitlines() if "/accounts/invitation/" in line).strip()


def test_invitation_creates_focal_point_and_mails_a_link_in_their_language(client, make_user, country, django_capture_on_commit_callbacks):
    manager = make_user(Role.MANAGER)
    response = invite(client, manager, django_capture_on_commit_callbacks, country=country.pk)
    assert response.status_code == 302
    user = User.objects.get(email="awa.ba@sante.gouv.sn")
    assert (user.role, user.language, user.has_usable_password()) == (Role.FOCAL_POINT, "fr", False)
    assert list(country.focal_points.all()) == [user]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Awa Ba <awa.ba@sante.gouv.sn>"]
    assert "/accounts/invitation/" in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert OutboundMail.objects.get().state == MailState.SENT


def test_invitation_of_focal_point_without_country_is_refused_and_input_kept(client, make_user, django_capture_on_commit_callbacks):
    manager = make_user(Role.MANAGER)
    response = invite(client, manager, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Choose the country this focal point represents." in response.content.decode()
    assert 'value="Awa Ba"' in response.content.decode()
    assert not User.objects.filter(email="awa.ba@sante.gouv.sn").exists()


def test_invitation_link_sets_password_logs_in_and_works_once(client, make_user, country, django_capture_on_commit_callbacks):
    manager = make_user(Role.MANAGER)
    invite(client, manager, django_capture_on_commit_callbacks, country=country.pk)
    client.logout()
    link = accept_link_from(mail.outbox[0])
    response = client.post(link, {"new_password1": "Ndar-2026-santé!", "new_password2": "Ndar-2026-santé!"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    user = User.objects.get(email="awa.ba@sante.gouv.sn")
    assert user.check_password("Ndar-2026-santé!")
    assert Invitation.objects.get().accepted_at is not None
    client.logout()
    assert client.get(link).status_code == 404  # used once
    response = client.post(reverse("accounts:login"), {"username": "awa.ba@sante.gouv.sn", "password": "Ndar-2026-santé!"})
    assert response.status_code == 302


def test_invitation_link_expires(client, make_user, settings):
    manager = make_user(Role.MANAGER)
    invitation = invitation_send(
        email="x@example.org", full_name="X", role=Role.FACILITATOR, by=manager, base_url="http://testserver"
    )
    settings.INVITATION_MAX_AGE = timedelta(seconds=-1)
    response = client.get(reverse("accounts:invitation_accept", args=[invitation_token(invitation)]))
    assert response.status_code == 404


def test_invitation_link_tampered_is_refused(client, make_user):
    manager = make_user(Role.MANAGER)
    invitation = invitation_send(
        email="x@example.org", full_name="X", role=Role.FACILITATOR, by=manager, base_url="http://testserver"
    )
    token = invitation_token(invitation)
    assert client.get(reverse("accounts:invitation_accept", args=[token[:-2] + "xx"])).status_code == 404


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.FACILITATOR, Role.STEERING])
def test_only_the_network_manager_invites(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("accounts:invite")).status_code == 403
    response = client.post(reverse("accounts:invite"), {"full_name": "A", "email": "a@example.org", "role": Role.MANAGER, "language": "en"})
    assert response.status_code == 403
    assert not User.objects.filter(email="a@example.org").exists()


def test_invitation_by_anonymous_redirects_to_login(client):
    response = client.get(reverse("accounts:invite"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
