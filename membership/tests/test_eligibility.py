"""Path to full membership: one year as an associate member (on calendar-date
boundaries) and a core group with at least one member."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from countries.enums import MembershipLevel
from countries.tests.factories import CoreGroupFactory, CoreGroupMemberFactory, CountryFactory
from membership import services
from membership.selectors import associate_members, countries_eligible_for_full_membership, one_year_after

SINCE = date(2025, 3, 10)


def associate(code="KE", since=SINCE, members=1):
    country = CountryFactory(code=code, membership_level=MembershipLevel.ASSOCIATE, member_since=since)
    if members is not None:
        group = CoreGroupFactory(country=country)
        CoreGroupMemberFactory.create_batch(members, core_group=group)
    return country


def eligible_codes(on):
    return sorted(c.code.code for c in countries_eligible_for_full_membership(on=on))


@pytest.mark.parametrize("on, expected", [
    (date(2026, 3, 9), []),       # one day short of a year
    (date(2026, 3, 10), ["KE"]),  # exactly one year
    (date(2026, 3, 11), ["KE"]),
    (date(2025, 3, 10), []),
])
def test_eligibility_on_date_boundaries(db, on, expected):
    associate()
    assert eligible_codes(on) == expected


@pytest.mark.parametrize("since, on, expected", [
    (date(2024, 2, 29), date(2025, 2, 28), []),      # a year after 29 February is 1 March
    (date(2024, 2, 29), date(2025, 3, 1), ["KE"]),
    (date(2023, 2, 28), date(2024, 2, 28), ["KE"]),  # leap year on the checking side
    (date(2023, 3, 1), date(2024, 2, 29), []),
])
def test_eligibility_across_29_february(db, since, on, expected):
    associate(since=since)
    assert eligible_codes(on) == expected
    assert (one_year_after(since) <= on) == bool(expected)


@pytest.mark.parametrize("members", [None, 0])
def test_eligibility_needs_a_core_group_with_a_member(db, members):
    associate(members=members)
    assert eligible_codes(date(2027, 1, 1)) == []


@pytest.mark.parametrize("level", [MembershipLevel.FULL, MembershipLevel.NONE])
def test_eligibility_only_for_associate_members(db, level):
    country = associate()
    country.membership_level = level
    country.save()
    assert eligible_codes(date(2027, 1, 1)) == []


def test_associate_members_flags_each_country(db):
    associate("KE", since=date(2024, 1, 1), members=3)
    associate("ML", since=date(2024, 1, 1), members=None)
    associate("NG", since=timezone.localdate(), members=2)
    flags = {c.code.code: (c.is_eligible, c.core_group_size) for c in associate_members()}
    assert flags == {"KE": (True, 3), "ML": (False, 0), "NG": (False, 2)}


def test_country_upgrade_to_full_keeps_the_history_of_levels(db, manager):
    country = associate(since=date(2024, 5, 2))
    on = timezone.localdate()
    services.country_upgrade_to_full(country=country, by=manager, on=on)
    country.refresh_from_db()
    assert (country.membership_level, country.member_since) == (MembershipLevel.FULL, on)
    levels = list(country.history.order_by("history_date", "history_id").values_list(
        "membership_level", "member_since", "history_user"
    ))
    assert levels == [(MembershipLevel.ASSOCIATE, date(2024, 5, 2), None), (MembershipLevel.FULL, on, manager.pk)]


def test_country_upgrade_to_full_refused_one_day_before_the_year(db, manager):
    today = timezone.localdate()
    country = associate(since=today.replace(year=today.year - 1) + timedelta(days=1))
    with pytest.raises(ValidationError, match="not eligible"):
        services.country_upgrade_to_full(country=country, by=manager, on=today)
    country.refresh_from_db()
    assert country.membership_level == MembershipLevel.ASSOCIATE


def test_country_upgrade_to_full_refused_for_a_future_date(db, manager):
    country = associate(since=date(2020, 1, 1))
    with pytest.raises(ValidationError):
        services.country_upgrade_to_full(country=country, by=manager, on=timezone.localdate() + timedelta(days=1))
    country.refresh_from_db()
    assert country.membership_level == MembershipLevel.ASSOCIATE
