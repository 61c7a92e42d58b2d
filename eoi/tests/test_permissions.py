"""Every role × every EOI action → the expected answer. A focal point of
another country gets 404 everywhere, whatever address they type."""

import pytest
from django.urls import reverse

from accounts.enums import Role
from eoi.enums import Channel, EOIStatus
from eoi.models import ExpressionOfInterest

from .factories import CallFactory, EOIFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "own_focal", "other_focal", Role.FACILITATOR, Role.STEERING, Role.MANAGER]


@pytest.fixture
def people(make_user, country, other_country):
    return {
        "own_focal": make_user(Role.FOCAL_POINT, countries=[country]),
        "other_focal": make_user(Role.FOCAL_POINT, countries=[other_country]),
        Role.FACILITATOR: make_user(Role.FACILITATOR),
        Role.STEERING: make_user(Role.STEERING),
        Role.MANAGER: make_user(Role.MANAGER),
    }


def client_for(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    return client


# (url name, method) → expected status per role (302 = login page for the anonymous).
EOI_PAGES = {
    ("eoi:detail", "get"): [302, 200, 404, 404, 404, 200],
    ("eoi:edit", "get"): [302, 200, 404, 404, 404, 404],
    ("eoi:edit", "post"): [302, 400, 404, 404, 404, 404],
    ("eoi:autosave", "post"): [401, 400, 404, 404, 404, 404],
    ("eoi:submit", "post"): [302, 400, 404, 404, 404, 404],
    ("eoi:withdraw", "post"): [302, 302, 404, 404, 404, 302],
    ("eoi:reopen", "post"): [302, 302, 404, 404, 404, 302],
}


@pytest.mark.parametrize("page", list(EOI_PAGES), ids=lambda p: f"{p[0]}-{p[1]}")
@pytest.mark.parametrize("index, role", list(enumerate(ROLES)), ids=[str(r) for r in ROLES])
def test_eoi_pages_each_role(client, people, country, page, index, role):
    eoi = EOIFactory(country=country)
    name, method = page
    response = getattr(client_for(client, people, role), method)(reverse(name, args=[eoi.pk]), {"version": "x"})
    assert response.status_code == EOI_PAGES[page][index]


def test_other_country_eoi_unchanged_by_guessed_posts(client, people, other_country):
    eoi = EOIFactory(country=other_country)
    client.force_login(people["own_focal"])
    for name in ("eoi:edit", "eoi:autosave", "eoi:submit", "eoi:withdraw", "eoi:reopen"):
        assert client.post(reverse(name, args=[eoi.pk]), {"version": "1", "contact_name": "Intruder"}).status_code == 404
    eoi.refresh_from_db()
    assert (eoi.version, eoi.contact_name, eoi.status) == (1, "", EOIStatus.DRAFT)
    assert client.get(reverse("eoi:detail", args=[eoi.pk + 1000])).status_code == 404


def test_start_for_another_country_is_404(client, people, other_country):
    call = CallFactory()
    client.force_login(people["own_focal"])
    assert client.post(reverse("eoi:start", args=[call.pk, other_country.pk])).status_code == 404
    assert not ExpressionOfInterest.objects.exists()


def test_manager_edits_only_eois_received_by_email(client, people, country):
    portal = EOIFactory(country=country)
    by_email = EOIFactory(country=country, channel=Channel.EMAIL)
    client.force_login(people[Role.MANAGER])
    assert client.get(reverse("eoi:edit", args=[portal.pk])).status_code == 404
    assert client.get(reverse("eoi:edit", args=[by_email.pk])).status_code == 200


MANAGER_PAGES = ["eoi:manage_calls", "eoi:manage_call_create"]
CALL_PAGES = ["eoi:manage_call_edit", "eoi:manage_eois", "eoi:manage_confirmations", "eoi:manage_record_email",
              "eoi:manage_extension"]


@pytest.mark.parametrize("index, role", list(enumerate(ROLES)), ids=[str(r) for r in ROLES])
def test_manager_pages_each_role(client, people, index, role):
    call = CallFactory()
    expected = [302, 403, 403, 403, 403, 200][index]
    client = client_for(client, people, role)
    for name in MANAGER_PAGES:
        assert client.get(reverse(name)).status_code == expected, name
    for name in CALL_PAGES:
        assert client.get(reverse(name, args=[call.pk])).status_code == expected, name
    for name in ("eoi:manage_call_publish", "eoi:manage_call_close", "eoi:manage_call_clone"):
        assert client.post(reverse(name, args=[call.pk])).status_code in ({expected} if expected != 200 else {302}), name


@pytest.mark.parametrize("index, role", list(enumerate(ROLES)), ids=[str(r) for r in ROLES])
def test_public_call_pages_each_role(client, people, index, role):
    published = CallFactory()
    draft = CallFactory(state="draft")
    client = client_for(client, people, role)
    for name in ("eoi:call_detail", "eoi:call_questionnaire"):
        assert client.get(reverse(name, args=[published.slug])).status_code == 200
        assert client.get(reverse(name, args=[draft.slug])).status_code == (200 if role == Role.MANAGER else 404)


@pytest.mark.parametrize("index, role", list(enumerate(ROLES)), ids=[str(r) for r in ROLES])
def test_focal_point_home_each_role(client, people, index, role):
    response = client_for(client, people, role).get(reverse("eoi:home"))
    assert response.status_code == [302, 200, 200, 403, 403, 403][index]
