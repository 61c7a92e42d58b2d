"""Focal points maintain their own country's core group from the portal."""

import pytest
from django.urls import reverse

from accounts.enums import Role
from countries.models import CoreGroup, CoreGroupMember

from .factories import CoreGroupFactory, CoreGroupMemberFactory

ROLES = ["anonymous", "focal_a", "focal_b", "facilitator", "steering", "manager"]
LOGIN = "login"


def formset_data(members=(), established_on="2024-06-01", extra=2):
    """POST data for the core-group page: `members` are dicts (with "id" for existing rows)."""
    rows = list(members) + [{}] * extra
    data = {
        "group-established_on": established_on,
        "members-TOTAL_FORMS": str(len(rows)), "members-INITIAL_FORMS": str(sum(1 for m in members if m.get("id"))),
        "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            if value is True:
                value = "on"
            if value is not False:
                data[f"members-{i}-{key}"] = value
    return data


def member(name, email, coordinator=False, **extra):
    return {"name": name, "institution": "Ministère de la Santé", "position": "Directeur", "email": email,
            "gender": "female", "is_coordinator": coordinator, **extra}


@pytest.fixture
def people(make_user, country, other_country):
    return {
        "anonymous": None,
        "focal_a": make_user(Role.FOCAL_POINT, countries=[country]),
        "focal_b": make_user(Role.FOCAL_POINT, countries=[other_country]),
        "facilitator": make_user(Role.FACILITATOR),
        "steering": make_user(Role.STEERING),
        "manager": make_user(Role.MANAGER),
    }


def _(*statuses):
    return dict(zip(ROLES, statuses))


COUNTRY_FAMILY = {
    "list": ("get", "/countries/", None, _(LOGIN, 403, 403, 403, 200, 200)),
    "detail": ("get", "/countries/{a}/", None, _(LOGIN, 200, 404, 404, 200, 200)),
    "core_group_form": ("get", "/countries/{a}/core-group/", None, _(LOGIN, 200, 404, 404, 403, 200)),
    "core_group_save": ("post", "/countries/{a}/core-group/", formset_data([member("Awa Diop", "awa@example.org")]),
                        _(LOGIN, 302, 404, 404, 403, 302)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", COUNTRY_FAMILY)
def test_country_views_permissions(client, people, country, role, action):
    method, url, data, expected = COUNTRY_FAMILY[action]
    if people[role] is not None:
        client.force_login(people[role])
    response = getattr(client, method)(url.format(a=country.pk), data)
    if expected[role] == LOGIN:
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/")
    else:
        assert response.status_code == expected[role]
    saved = CoreGroupMember.objects.filter(email="awa@example.org").exists()
    assert saved == (action == "core_group_save" and expected[role] == 302)


def test_core_group_created_by_the_focal_point(client, people, country):
    client.force_login(people["focal_a"])
    response = client.post(reverse("countries:core_group", args=[country.pk]), formset_data([
        member("Awa Diop", "awa@example.org", coordinator=True), member("Ousmane Fall", "ousmane@example.org"),
    ]))
    assert response.status_code == 302
    group = CoreGroup.objects.get(country=country)
    assert str(group.established_on) == "2024-06-01"
    assert list(group.members.values_list("name", "is_coordinator")) == [("Awa Diop", True), ("Ousmane Fall", False)]
    assert group.history.first().history_user == people["focal_a"]


def test_core_group_coordinator_handed_over_and_member_removed(client, people, country):
    group = CoreGroupFactory(country=country)
    awa = CoreGroupMemberFactory(core_group=group, name="Awa Diop", is_coordinator=True)
    ousmane = CoreGroupMemberFactory(core_group=group, name="Ousmane Fall")
    fatou = CoreGroupMemberFactory(core_group=group, name="Fatou Sarr")
    client.force_login(people["focal_a"])
    data = formset_data([
        member("Awa Diop", awa.email, id=awa.pk, coordinator=False),
        member("Ousmane Fall", ousmane.email, id=ousmane.pk, coordinator=True),
        member("Fatou Sarr", fatou.email, id=fatou.pk, DELETE=True),
    ])
    response = client.post(reverse("countries:core_group", args=[country.pk]), data)
    assert response.status_code == 302
    assert list(group.members.values_list("name", "is_coordinator")) == [("Ousmane Fall", True), ("Awa Diop", False)]


def test_core_group_two_coordinators_refused_and_input_kept(client, people, country):
    client.force_login(people["focal_a"])
    response = client.post(reverse("countries:core_group", args=[country.pk]), formset_data([
        member("Awa Diop", "awa@example.org", coordinator=True), member("Ousmane Fall", "ousmane@example.org", coordinator=True),
    ]))
    assert response.status_code == 200
    assert "Only one member can be the coordinator of the core group." in response.content.decode()
    assert 'value="Ousmane Fall"' in response.content.decode()
    assert not CoreGroup.objects.exists()


def test_core_group_same_email_twice_refused(client, people, country):
    client.force_login(people["focal_a"])
    response = client.post(reverse("countries:core_group", args=[country.pk]), formset_data([
        member("Awa Diop", "same@example.org"), member("Ousmane Fall", "same@example.org"),
    ]))
    assert response.status_code == 200
    assert not CoreGroupMember.objects.exists()


def test_country_detail_links_to_the_core_group_page_for_its_focal_point(client, people, country):
    client.force_login(people["focal_a"])
    page = client.get(reverse("countries:detail", args=[country.pk])).content.decode()
    assert reverse("countries:core_group", args=[country.pk]) in page


def test_country_detail_has_no_core_group_link_for_the_steering_group(client, people, country):
    client.force_login(people["steering"])
    page = client.get(reverse("countries:detail", args=[country.pk])).content.decode()
    assert reverse("countries:core_group", args=[country.pk]) not in page


def test_core_group_saved_over_someone_elses_newer_save_is_refused_with_both_versions(client, people, country):
    """A shared text: the focal point opened the page, the manager saved meanwhile; the focal
    point's save is refused (409), both versions are on the page, and saving again is accepted."""
    group = CoreGroupFactory(country=country)
    awa = CoreGroupMemberFactory(core_group=group, name="Awa Diop", is_coordinator=True)
    url = reverse("countries:core_group", args=[country.pk])
    client.force_login(people["focal_a"])
    opened = client.get(url).context["form"]["version"].value()
    client.force_login(people["manager"])
    theirs = formset_data([member("Awa Diop", awa.email, id=awa.pk, coordinator=True),
                           member("Moussa Ba", "moussa@example.org")])
    theirs["group-version"] = opened
    assert client.post(url, theirs).status_code == 302

    client.force_login(people["focal_a"])
    mine = formset_data([member("Awa Diop", awa.email, id=awa.pk, coordinator=True),
                         member("Khady Sow", "khady@example.org")])
    mine["group-version"] = opened
    refused = client.post(url, mine)

    assert refused.status_code == 409
    assert sorted(CoreGroupMember.objects.values_list("name", flat=True)) == ["Awa Diop", "Moussa Ba"]
    page = refused.content.decode()
    assert "Moussa Ba" in page and "Khady Sow" in page
    again = {**mine, "group-version": refused.context["form"]["version"].value()}
    assert client.post(url, again).status_code == 302
    assert sorted(CoreGroupMember.objects.values_list("name", flat=True)) == ["Awa Diop", "Khady Sow", "Moussa Ba"]
