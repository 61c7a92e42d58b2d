"""Country pages cost the same number of queries with one row and with many."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from countries.enums import MembershipLevel
from countries.services import country_membership_set

from .factories import CoreGroupFactory, CoreGroupMemberFactory


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_core_group_page_query_count_constant(client, make_user, country):
    group = CoreGroupFactory(country=country)
    CoreGroupMemberFactory(core_group=group)
    client.force_login(make_user(Role.FOCAL_POINT, countries=[country]))
    url = reverse("countries:core_group", args=[country.pk])
    one = count_queries(client, url)
    CoreGroupMemberFactory.create_batch(12, core_group=group)
    assert count_queries(client, url) == one


def test_country_detail_query_count_constant_with_members_and_history(client, make_user, country):
    group = CoreGroupFactory(country=country)
    CoreGroupMemberFactory(core_group=group)
    manager = make_user(Role.MANAGER)
    client.force_login(manager)
    url = reverse("countries:detail", args=[country.pk])
    one = count_queries(client, url)
    CoreGroupMemberFactory.create_batch(8, core_group=group)
    for year in range(2015, 2022):
        level = MembershipLevel.ASSOCIATE if year % 2 else MembershipLevel.FULL
        country_membership_set(country=country, level=level, since=date(year, 1, 1), by=manager)
    assert count_queries(client, url) == one
