"""Inviting an address that already has an account never changes its role
(found by fuzzing: the manager could demote themselves by inviting their own address)."""

import pytest
from django.urls import reverse

from accounts.enums import Role
from accounts.models import Invitation

pytestmark = pytest.mark.django_db


def test_invite_existing_account_other_role_refused(client, make_user):
    manager = make_user(Role.MANAGER, email="maria@example.org")
    client.force_login(manager)
    response = client.post(reverse("accounts:invite"), {
        "full_name": "Maria", "email": "Maria@Example.org", "role": Role.STEERING, "language": "en",
    })
    assert response.status_code == 200
    assert "already has an account as Network manager" in response.content.decode()
    manager.refresh_from_db()
    assert manager.role == Role.MANAGER
    assert Invitation.objects.count() == 0
    assert client.get(reverse("accounts:invite")).status_code == 200


def test_invite_existing_account_same_role_sends_again(client, make_user):
    client.force_login(make_user(Role.MANAGER))
    facilitator = make_user(Role.FACILITATOR, email="fiona@example.org")
    response = client.post(reverse("accounts:invite"), {
        "full_name": "Fiona", "email": "fiona@example.org", "role": Role.FACILITATOR, "language": "en",
    })
    assert response.status_code == 302
    assert Invitation.objects.get().user == facilitator


def test_invite_existing_account_says_so_and_what_happens(client, make_user):
    client.force_login(make_user(Role.MANAGER))
    make_user(Role.FACILITATOR, email="fiona@example.org")
    response = client.post(reverse("accounts:invite"), {
        "full_name": "Fiona", "email": "fiona@example.org", "role": Role.FACILITATOR, "language": "en",
    }, follow=True)
    page = response.content.decode()
    assert "fiona@example.org already has an account (R4D facilitator): no new account was made." in page
    assert "their earlier invitation links no longer work" in page


def test_invite_new_person_does_not_claim_an_existing_account(client, make_user):
    client.force_login(make_user(Role.MANAGER))
    response = client.post(reverse("accounts:invite"), {
        "full_name": "Fiona", "email": "fiona@example.org", "role": Role.FACILITATOR, "language": "en",
    }, follow=True)
    page = response.content.decode()
    assert "Invitation sent to fiona@example.org." in page
    assert "already has an account" not in page
