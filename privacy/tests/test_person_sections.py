"""The export of one person beyond the team: a facilitator's reviews, an applicant's application,
core-group membership and sign-in attempts — each found by the exact address, none of a look-alike's."""

import json

import pytest

from countries.tests.factories import CoreGroupMemberFactory, CountryFactory
from evaluation.tests.factories import call_with_criteria, facilitator, manager, review, under_review
from privacy.person import person_data

pytestmark = pytest.mark.django_db


def sections(data):
    return {s["key"]: s for s in data["sections"]}


def test_a_facilitators_export_holds_their_own_reviews_and_scores():
    call = call_with_criteria(weights=(1, 1))
    evaluation = under_review(call, [CountryFactory(code="SN")], by=manager())["SN"]
    me, other = facilitator(email="reviewer@example.org"), facilitator(email="other.reviewer@example.org")
    review(evaluation, me, [4, 3], comment="Strong national team.")
    review(evaluation, other, [1, 2], comment="Someone else's view.")
    data = sections(person_data("Reviewer@Example.org"))
    (row,) = data["reviews"]["rows"]
    assert row["country"] == "Senegal" and row["scores"] == [
        {"criterion": str(c.name), "score": s, "comment": "Strong national team."}
        for c, s in zip(call.criteria.order_by("order", "pk"), [4, 3])
    ]
    assert "Someone else's view." not in json.dumps(data)
    assert {r["record"] for r in data["linked_records"]["rows"]} == {"assignments"}


def test_an_applicants_export_holds_applications_core_group_and_sign_ins():
    from axes.models import AccessAttempt

    from membership.tests.factories import MembershipApplicationFactory

    MembershipApplicationFactory(contact_email="Fatou@Example.org", contact_name="Fatou Diop")
    MembershipApplicationFactory(contact_email="fatou@example.org.sn", contact_name="Another Fatou")
    CoreGroupMemberFactory(email="fatou@example.org", name="Fatou Diop", is_coordinator=True)
    AccessAttempt.objects.create(username="fatou@example.org", ip_address="192.0.2.7", user_agent="Firefox",
                                 http_accept="*/*", path_info="/accounts/login/", failures_since_start=2)
    AccessAttempt.objects.create(username="fatou@example.org.sn", ip_address="192.0.2.8", user_agent="Other",
                                 http_accept="*/*", path_info="/accounts/login/", failures_since_start=1)
    data = sections(person_data("FATOU@example.org"))
    assert [r["contact_name"] for r in data["membership_applications"]["rows"]] == ["Fatou Diop"]
    assert [(r["name"], r["is_coordinator"]) for r in data["core_groups"]["rows"]] == [("Fatou Diop", True)]
    assert [(r["ip_address"], r["detail"]) for r in data["logins"]["rows"]] == [("192.0.2.7", 2)]
    assert data["accounts"]["count"] == 0 and "Another Fatou" not in json.dumps(data)
