import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from countries.enums import MembershipLevel, Region
from countries.tests.factories import CoreGroupMemberFactory, CountryFactory

pytestmark = pytest.mark.django_db
LIST = reverse("countries:list")


@pytest.mark.parametrize(
    "role,status",
    [(Role.MANAGER, 200), (Role.STEERING, 200), (Role.FACILITATOR, 403), (Role.FOCAL_POINT, 403)],
)
def test_country_list_by_role(client, make_user, role, status):
    client.force_login(make_user(role))
    assert client.get(LIST).status_code == status


def test_country_list_filters_by_region_membership_and_language(client, make_user):
    CountryFactory(code="ML", region=Region.AFRICA, working_language="fr")
    CountryFactory(code="VN", region=Region.ASIA, working_language="en")
    CountryFactory(code="LB", region=Region.MIDDLE_EAST, membership_level=MembershipLevel.ASSOCIATE)
    client.force_login(make_user(Role.MANAGER))
    names = lambda response: [c.code.code for c in response.context["countries"]]  # noqa: E731
    assert names(client.get(LIST, {"region": "asia"})) == ["VN"]
    assert names(client.get(LIST, {"working_language": "fr"})) == ["ML"]
    assert names(client.get(LIST, {"membership_level": "associate"})) == ["LB"]
    response = client.get(LIST, {"region": "not-a-region"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_country_list_query_count_is_constant(client, make_user, django_assert_num_queries):
    manager = make_user(Role.MANAGER)
    client.force_login(manager)
    CountryFactory(code="KE")
    client.get(LIST)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for code in ["ML", "NG", "VN", "ID", "PH", "IN", "MN", "BD", "ET", "GH"]:
        country = CountryFactory(code=code)
        country.focal_points.add(make_user(Role.FOCAL_POINT))
        CoreGroupMemberFactory(core_group__country=country)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["countries"]) == 11


def test_focal_point_sees_own_country_and_gets_404_for_another(client, make_user, country, other_country):
    client.force_login(make_user(Role.FOCAL_POINT, countries=[country]))
    assert client.get(reverse("countries:detail", args=[country.pk])).status_code == 200
    assert client.get(reverse("countries:detail", args=[other_country.pk])).status_code == 404
    assert client.get(reverse("countries:detail", args=[99999])).status_code == 404


def test_country_page_shows_core_group_with_coordinator(client, make_user, country):
    member = CoreGroupMemberFactory(core_group__country=country, name="Aminata Diallo", is_coordinator=True)
    client.force_login(make_user(Role.MANAGER))
    page = client.get(reverse("countries:detail", args=[country.pk])).content.decode()
    assert "Aminata Diallo" in page
    assert member.core_group.coordinator == member
