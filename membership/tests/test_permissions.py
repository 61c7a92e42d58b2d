"""Who may do what: every role × every action of a view family → the expected status.

Anonymous people are sent to the login page (302), except on the public form;
a page without an object refuses with 403; an object the person may not see
answers 404, and one they may see but not act on, 403."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.enums import Role
from countries.enums import MembershipLevel
from countries.tests.factories import CoreGroupMemberFactory

from .factories import AgendaItemFactory, SteeringMeetingFactory
from .test_constraints import FORM_DATA

ROLES = ["anonymous", "focal_a", "focal_b", "facilitator", "steering", "manager"]


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


@pytest.fixture
def world(db, country):
    """Country A (Senegal) is an associate member eligible for full membership;
    Bénin's application is on the agenda of today's meeting."""
    country.membership_level, country.member_since = MembershipLevel.ASSOCIATE, date(2020, 1, 1)
    country.save()
    CoreGroupMemberFactory(core_group__country=country)
    item = AgendaItemFactory(application__country__code="BJ")
    future = SteeringMeetingFactory(date=timezone.localdate() + timedelta(days=30))
    return {"a": country.pk, "application": item.application.pk, "meeting": item.meeting.pk, "future": future.pk}


def _(*statuses):
    return dict(zip(ROLES, statuses))


LOGIN = "login"  # 302 to the login page
# action: (method, url, data, {role: status})
STEERING_FAMILY = {
    "agenda": ("get", "/membership/", None, _(LOGIN, 403, 403, 403, 200, 200)),
    "application_list": ("get", "/membership/applications/", None, _(LOGIN, 403, 403, 403, 200, 200)),
    "application_detail": ("get", "/membership/applications/{application}/", None, _(LOGIN, 404, 404, 404, 200, 200)),
    "decide_form": ("get", "/membership/applications/{application}/decide/", None, _(LOGIN, 404, 404, 404, 200, 403)),
    "decide": ("post", "/membership/applications/{application}/decide/", {"decision": "approved", "minutes": "Yes."},
               _(LOGIN, 404, 404, 404, 302, 403)),
    "meeting_list": ("get", "/membership/meetings/", None, _(LOGIN, 403, 403, 403, 200, 200)),
    "meeting_detail": ("get", "/membership/meetings/{meeting}/", None, _(LOGIN, 404, 404, 404, 200, 200)),
    "schedule_form": ("get", "/membership/meetings/new/", None, _(LOGIN, 403, 403, 403, 403, 200)),
    "schedule": ("post", "/membership/meetings/new/", {"date": "2099-01-15", "place": "Accra"},
                 _(LOGIN, 403, 403, 403, 403, 302)),
    "cancel": ("post", "/membership/meetings/{future}/cancel/", {}, _(LOGIN, 404, 404, 404, 403, 302)),
    "eligibility": ("get", "/membership/full-membership/", None, _(LOGIN, 403, 403, 403, 200, 200)),
    "upgrade_form": ("get", "/membership/full-membership/{a}/upgrade/", None, _(LOGIN, 403, 404, 404, 403, 200)),
    "upgrade": ("post", "/membership/full-membership/{a}/upgrade/", {"on": str(date.today())},
                _(LOGIN, 403, 404, 404, 403, 302)),
    # The public form: everyone, signed in or not.
    "apply_form": ("get", "/membership/apply/", None, _(200, 200, 200, 200, 200, 200)),
    "apply": ("post", "/membership/apply/", FORM_DATA | {"country_code": "TG"}, _(302, 302, 302, 302, 302, 302)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", STEERING_FAMILY)
def test_membership_views_permissions(client, people, world, role, action):
    method, url, data, expected = STEERING_FAMILY[action]
    if people[role] is not None:
        client.force_login(people[role])
    response = getattr(client, method)(url.format(**world), data)
    if expected[role] == LOGIN:
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/")
    else:
        assert response.status_code == expected[role]
