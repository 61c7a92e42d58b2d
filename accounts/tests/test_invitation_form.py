"""The invitation form: countries by their name in the reader's language and in its
alphabetical order; a warning before inviting a focal point for a non-member country."""

import re

import pytest
from django.urls import reverse

from accounts.enums import Role
from accounts.models import Invitation
from countries.enums import MembershipLevel
from countries.tests.factories import CountryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def countries(db):
    for code in ("SN", "EG", "DE", "CI", "GH"):
        CountryFactory(code=code)
    return CountryFactory(code="BJ", membership_level=MembershipLevel.NONE)


def country_options(page):
    select = re.search(r'<select name="country".*?</select>', page, re.S).group(0)
    return [label for value, label in re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select) if value]


@pytest.mark.parametrize("language, expected", [
    ("en", ["Benin (not a JLN member)", "Côte d&#x27;Ivoire", "Egypt", "Germany", "Ghana", "Senegal"]),
    ("fr", ["Allemagne", "Bénin (non membre du JLN)", "Côte d&#x27;Ivoire", "Égypte", "Ghana", "Sénégal"]),
])
def test_invitation_form_lists_countries_by_name_in_the_readers_language(client, make_user, countries, language, expected):
    client.force_login(make_user(Role.MANAGER))
    client.cookies["django_language"] = language
    assert country_options(client.get(reverse("accounts:invite")).content.decode()) == expected


def test_inviting_a_focal_point_for_a_non_member_country_warns_first(client, make_user, countries):
    benin = countries
    client.force_login(make_user(Role.MANAGER))
    data = {"full_name": "Rodrigue H.", "email": "rodrigue@example.org", "role": Role.FOCAL_POINT,
            "country": benin.pk, "language": "fr"}
    response = client.post(reverse("accounts:invite"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Benin is not a JLN member" in page
    assert 'type="checkbox" name="non_member_confirmed"' in page
    assert Invitation.objects.count() == 0

    response = client.post(reverse("accounts:invite"), {**data, "non_member_confirmed": "on"})
    assert response.status_code == 302
    assert Invitation.objects.get().country == benin


def test_inviting_a_focal_point_for_a_member_country_asks_nothing(client, make_user, countries):
    client.force_login(make_user(Role.MANAGER))
    senegal = countries.__class__.objects.get(code="SN")
    response = client.post(reverse("accounts:invite"), {
        "full_name": "Awa Ba", "email": "awa@example.org", "role": Role.FOCAL_POINT, "country": senegal.pk, "language": "fr",
    })
    assert response.status_code == 302
