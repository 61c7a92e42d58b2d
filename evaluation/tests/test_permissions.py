"""Who may do what: one parametrised matrix per view family, every role × every
action → the status code. An object one may not see answers 404; a page one may
see but an action one may not do answers 403; anonymous people go to the login page."""

import pytest

from accounts.enums import Role
from evaluation import services
from evaluation.models import Assignment

from .factories import call_with_criteria, facilitator, under_review

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "focal_own", "focal_other", "assigned", "unassigned", "conflicted", "steering", "manager"]


@pytest.fixture
def world(make_user, country, other_country):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluations = under_review(call, [country, other_country], by=manager)
    senegal = evaluations["SN"]
    people = {
        "anonymous": None,
        "focal_own": make_user(Role.FOCAL_POINT, countries=[country]),
        "focal_other": make_user(Role.FOCAL_POINT, countries=[other_country]),
        "assigned": facilitator(),
        "unassigned": facilitator(),
        "conflicted": facilitator(),
        "steering": make_user(Role.STEERING),
        "manager": manager,
    }
    Assignment.objects.create(evaluation=senegal, reviewer=people["assigned"])
    Assignment.objects.create(evaluation=evaluations["GH"], reviewer=people["unassigned"])
    services.conflict_declare(reviewer=people["conflicted"], country=country, reason="Adviser to its ministry.",
                              by=people["conflicted"])
    # Even a (stale) assignment row does not let a conflicted facilitator in.
    Assignment.objects.create(evaluation=senegal, reviewer=people["conflicted"])
    question = services.clarification_ask(evaluation=senegal, question="Which regions?", by=people["assigned"])
    return {"call": call, "evaluation": senegal, "people": people, "question": question}


def _request(client, world, role, method, url, data=None):
    person = world["people"][role]
    if person is not None:
        client.force_login(person)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response.status_code


def _expect(role, table):
    return table.get(role, table.get("*"))


# --- One EOI under review ------------------------------------------------------------------------

EOI_ACTIONS = {
    "view": ("get", "/evaluation/eois/{e}/", {"anonymous": 302, "assigned": 200, "manager": 200, "*": 404}),
    "save_review": ("post", "/evaluation/eois/{e}/", {"anonymous": 302, "assigned": 302, "manager": 403, "*": 404}),
    "override_eligibility": ("get", "/evaluation/eois/{e}/eligibility/team_size/",
                             {"anonymous": 302, "assigned": 200, "manager": 200, "*": 404}),
    "ask_clarification": ("get", "/evaluation/eois/{e}/questions/new/",
                          {"anonymous": 302, "assigned": 200, "manager": 200, "*": 404}),
    # Blind review: the feedback is drafted from every reviewer's work, so not before one's own
    # review is submitted (evaluation/tests/test_blind_review.py has the whole matrix).
    "decision_and_feedback": ("get", "/evaluation/eois/{e}/decision/",
                              {"anonymous": 302, "assigned": 403, "manager": 200, "*": 404}),
    "history": ("get", "/evaluation/eois/{e}/history/", {"anonymous": 302, "assigned": 403, "manager": 200, "*": 404}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", EOI_ACTIONS)
def test_eoi_pages_permission_matrix(client, world, role, action):
    method, url, table = EOI_ACTIONS[action]
    status = _request(client, world, role, method, url.format(e=world["evaluation"].pk), {"draft": "1"})
    assert status == _expect(role, table)


# --- A call's pages ----------------------------------------------------------------------------

FACILITATORS = {"assigned": 200, "unassigned": 200, "conflicted": 200}
CALL_ACTIONS = {
    "list_calls": ("/evaluation/calls/", {"anonymous": 302, "manager": 200, "*": 403}),
    "overview": ("/evaluation/calls/{c}/", {"anonymous": 302, "manager": 200, "*": 404}),
    "settings": ("/evaluation/calls/{c}/settings/", {"anonymous": 302, "manager": 200, "*": 404}),
    "assignments": ("/evaluation/calls/{c}/assignments/", {"anonymous": 302, "manager": 200, "*": 404}),
    "criteria": ("/evaluation/calls/{c}/criteria/", {"anonymous": 302, "manager": 200, **FACILITATORS, "*": 404}),
    "ranking": ("/evaluation/calls/{c}/ranking/", {"anonymous": 302, "manager": 200, **FACILITATORS, "*": 404}),
    "shortlist": ("/evaluation/calls/{c}/shortlist/", {"anonymous": 302, "manager": 200, "*": 404}),
    "decisions": ("/evaluation/calls/{c}/decisions/", {"anonymous": 302, "manager": 200, "*": 404}),
    "finalise": ("/evaluation/calls/{c}/finalise/", {"anonymous": 302, "manager": 200, "*": 404}),
    "feedback": ("/evaluation/calls/{c}/feedback/", {"anonymous": 302, "manager": 200, "*": 404}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", CALL_ACTIONS)
def test_call_pages_permission_matrix(client, world, role, action):
    url, table = CALL_ACTIONS[action]
    assert _request(client, world, role, "get", url.format(c=world["call"].pk)) == _expect(role, table)


CALL_POSTS = {
    "feedback_generate": ("/evaluation/calls/{c}/feedback/", {"anonymous": 302, "manager": 302, "*": 404}),
    "feedback_schedule": ("/evaluation/calls/{c}/feedback/schedule/", {"anonymous": 302, "manager": 200, "*": 404}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", CALL_POSTS)
def test_call_actions_permission_matrix(client, world, role, action):
    url, table = CALL_POSTS[action]
    assert _request(client, world, role, "post", url.format(c=world["call"].pk)) == _expect(role, table)


# --- The facilitator's pages -----------------------------------------------------------------------

FACILITATOR_ACTIONS = {
    "home": ("/evaluation/", {"anonymous": 302, **FACILITATORS, "*": 403}),
    "conflicts": ("/evaluation/conflicts/", {"anonymous": 302, **FACILITATORS, "manager": 200, "*": 403}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", FACILITATOR_ACTIONS)
def test_facilitator_pages_permission_matrix(client, world, role, action):
    url, table = FACILITATOR_ACTIONS[action]
    assert _request(client, world, role, "get", url) == _expect(role, table)


# --- The focal point's pages -------------------------------------------------------------------------

COUNTRY_ACTIONS = {
    "country_reviews": ("get", "/evaluation/country/", {"anonymous": 302, "focal_own": 200, "focal_other": 200,
                                                         "*": 403}),
    "answer_form": ("get", "/evaluation/questions/{q}/answer/", {"anonymous": 302, "focal_own": 200, "*": 404}),
    "answer": ("post", "/evaluation/questions/{q}/answer/", {"anonymous": 302, "focal_own": 302, "*": 404}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", COUNTRY_ACTIONS)
def test_country_pages_permission_matrix(client, world, role, action):
    method, url, table = COUNTRY_ACTIONS[action]
    status = _request(client, world, role, method, url.format(q=world["question"].pk), {"answer": "Dakar and Thiès."})
    assert status == _expect(role, table)
