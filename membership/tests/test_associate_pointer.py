"""A focal point of a country that is not a JLN member (the demo's Bénin) is pointed,
on their home page, to the associate-membership form."""

import pytest
from django.urls import reverse

from accounts.enums import Role
from countries.enums import MembershipLevel
from countries.tests.factories import CountryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, text", [
    ("en", "Benin is not yet a member of the JLN"),
    ("fr", "Bénin\u00a0: ce pays n'est pas encore membre du JLN"),
])
def test_focal_point_of_a_non_member_country_is_pointed_to_associate_membership(client, make_user, language, text):
    benin = CountryFactory(code="BJ", membership_level=MembershipLevel.NONE)
    client.force_login(make_user(Role.FOCAL_POINT, countries=[benin], language=language))
    client.cookies["django_language"] = language
    page = client.get(reverse("eoi:home")).content.decode()
    assert f'href="{reverse("membership:apply")}"' in page
    assert text in page.replace("&#x27;", "'")


@pytest.mark.parametrize("level", [MembershipLevel.FULL, MembershipLevel.ASSOCIATE])
def test_focal_point_of_a_member_country_is_not_asked_to_apply(client, make_user, level):
    country = CountryFactory(code="SN", membership_level=level)
    client.force_login(make_user(Role.FOCAL_POINT, countries=[country]))
    page = client.get(reverse("eoi:home")).content.decode()
    assert reverse("membership:apply") not in page


def test_the_demos_benin_focal_point_sees_the_pointer(client):
    from accounts import demo as accounts_demo
    from countries import demo as countries_demo

    countries_demo.load()
    accounts_demo.load()
    response = client.post(reverse("accounts:login"), {"username": "focal.bj@example.org", "password": accounts_demo.PASSWORD})
    page = client.get(response["Location"], follow=True).content.decode().replace("&#x27;", "'")
    assert "Bénin\u00a0: ce pays n'est pas encore membre du JLN" in page
    assert f'href="{reverse("membership:apply")}"' in page
