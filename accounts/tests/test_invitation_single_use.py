"""An invitation link works once: accepting it, or a newer invitation, ends it; a
deactivated account is never let in (nor reactivated) by a link."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from accounts.enums import Role
from accounts.models import Invitation, User
from accounts.services import invitation_send, invitation_token

pytestmark = pytest.mark.django_db

NEW_PASSWORD = {"new_password1": "Ndar-2026-santé!", "new_password2": "Ndar-2026-santé!"}


def send(manager, email="fiona@example.org"):
    invitation = invitation_send(email=email, full_name="Fiona", role=Role.FACILITATOR, by=manager, base_url="http://testserver")
    return reverse("accounts:invitation_accept", args=[invitation_token(invitation)])


def test_a_newer_invitation_ends_the_older_link(client, make_user):
    manager = make_user(Role.MANAGER)
    first, second = send(manager), send(manager)
    assert client.get(first).status_code == 404
    assert client.post(first, NEW_PASSWORD).status_code == 404
    assert not User.objects.get(email="fiona@example.org").has_usable_password()
    assert client.post(second, NEW_PASSWORD).status_code == 302
    assert [(i.accepted_at is None, i.ended_at is None) for i in Invitation.objects.order_by("pk")] == [
        (True, False), (False, True)
    ]


def test_an_accepted_link_cannot_set_the_password_again(client, make_user):
    manager = make_user(Role.MANAGER)
    link = send(manager)
    client.post(link, NEW_PASSWORD)
    client.logout()
    response = client.post(link, {"new_password1": "autre-mot-2026!", "new_password2": "autre-mot-2026!"})
    assert response.status_code == 404
    assert User.objects.get(email="fiona@example.org").check_password(NEW_PASSWORD["new_password1"])


def test_a_form_opened_before_a_newer_invitation_cannot_be_submitted_after_it(client, make_user):
    manager = make_user(Role.MANAGER)
    first = send(manager)
    assert client.get(first).status_code == 200  # the form is open in a tab
    send(manager)
    assert client.post(first, NEW_PASSWORD).status_code == 404


def test_a_deactivated_account_is_not_let_in_nor_reactivated_by_an_old_link(client, make_user):
    manager = make_user(Role.MANAGER)
    link = send(manager)
    User.objects.filter(email="fiona@example.org").update(is_active=False)
    assert client.get(link).status_code == 404
    assert client.post(link, NEW_PASSWORD).status_code == 404
    user = User.objects.get(email="fiona@example.org")
    assert (user.is_active, user.has_usable_password()) == (False, False)
    assert "_auth_user_id" not in client.session


def test_the_database_holds_one_open_invitation_per_person(make_user):
    manager = make_user(Role.MANAGER)
    send(manager)
    invitation = Invitation.objects.get()
    with pytest.raises(IntegrityError):
        Invitation.objects.create(email=invitation.email, full_name="F", role=invitation.role, user=invitation.user, invited_by=manager)


def test_inviting_a_deactivated_account_is_refused_and_says_why(client, make_user):
    client.force_login(make_user(Role.MANAGER))
    make_user(Role.FACILITATOR, email="fiona@example.org", is_active=False)
    response = client.post(reverse("accounts:invite"), {
        "full_name": "Fiona", "email": "fiona@example.org", "role": Role.FACILITATOR, "language": "en",
    })
    assert response.status_code == 200
    assert "An invitation does not reactivate it" in response.content.decode()
    assert Invitation.objects.count() == 0
    assert User.objects.get(email="fiona@example.org").is_active is False


def test_the_manager_sees_which_invitation_was_replaced(client, make_user):
    manager = make_user(Role.MANAGER)
    send(manager)
    send(manager)
    client.force_login(manager)
    page = client.get(reverse("accounts:manager_home")).content.decode()
    assert page.count("No: replaced by a newer invitation") == 1
