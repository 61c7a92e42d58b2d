"""Who gets what at every URL of the portal: the table test_url_matrix.py checks.

A new URL pattern needs a row in EXPECTED (what a GET answers to each role), its
objects in URL_KWARGS if it takes arguments, and, if anyone's POST is processed
(the view changes state), a row in EXPECTED_POST: what an empty POST with a
valid CSRF token answers. Roles, in column order, are world.ROLES; the objects
come from jln_portal/tests/world.py (extended by <app>/tests/world.py).

Outcomes: a status code (200, 403, 404, 405), LOGIN (redirect to the login page,
coming back afterwards), or Redirect("url:name") to another page.
"""

from dataclasses import dataclass

from .world import ROLES

OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 403, 404, 405
LOGIN = "login"


@dataclass(frozen=True)
class Redirect:
    """A redirect to the page named `url_name` (resolved with no arguments), or,
    with `contains`, to any address containing that text."""

    url_name: str = None
    contains: str = None


def row(*outcomes):
    """One outcome per role, in the order of ROLES (the header above the table)."""
    assert len(outcomes) == len(ROLES), f"a row needs {len(ROLES)} outcomes ({', '.join(ROLES)})"
    return dict(zip(ROLES, outcomes))


HOME = Redirect("landing")
RESET_FORM = Redirect(contains="/set-password/")

# fmt: off
EXPECTED = {
    #                                     anonymous    focal_a     focal_b     facilitator conflicted  steering    manager
    "landing":                        row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "set_language":                   row(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "accounts:login":                 row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:logout":                row(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "accounts:keepalive":             row(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "accounts:home":                  row(LOGIN, Redirect("eoi:home"), Redirect("eoi:home"), Redirect("evaluation:home"),
                                          Redirect("evaluation:home"), Redirect("accounts:steering_home"),
                                          Redirect("accounts:manager_home")),
    "accounts:manager_home":          row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "accounts:steering_home":         row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK,         OK),
    "accounts:invite":                row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    # The signed token is the credential: whoever holds the link sees the form.
    "accounts:invitation_accept":     row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:password_reset":        row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:password_reset_done":   row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:password_reset_confirm": row(RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM),
    "accounts:password_reset_complete": row(OK,        OK,         OK,         OK,         OK,         OK,         OK),
    "countries:list":                 row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK,         OK),
    "countries:detail":               row(LOGIN,       OK,         NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK,         OK),
    "outbox:list":                    row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "outbox:detail":                  row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "eoi:home":                       row(LOGIN,       OK,         OK,         FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN),
    "evaluation:home":                row(LOGIN,       FORBIDDEN,  FORBIDDEN,  OK,         OK,         FORBIDDEN,  FORBIDDEN),
}

# What an empty POST (with a valid CSRF token) answers, for every view that
# processes someone's POST. 200 = the form shown again with its errors.
EXPECTED_POST = {
    #                                     anonymous    focal_a     focal_b     facilitator conflicted  steering    manager
    "set_language":                   row(HOME,        HOME,       HOME,       HOME,       HOME,       HOME,       HOME),
    "accounts:login":                 row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:logout":                row(HOME,        HOME,       HOME,       HOME,       HOME,       HOME,       HOME),
    "accounts:keepalive":             row(FORBIDDEN,   OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:invite":                row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "accounts:invitation_accept":     row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:password_reset":        row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:password_reset_confirm": row(RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM),
}
# fmt: on

# Arguments of URLs that take some, from the world's objects (keyed by URL name).
URL_KWARGS = {
    "accounts:invitation_accept": lambda world: {"token": world.invitation_token},
    "accounts:password_reset_confirm": lambda world: {"uidb64": world.reset_uidb64, "token": world.reset_token},
    "countries:detail": lambda world: {"pk": world.country_a.pk},
    "outbox:detail": lambda world: {"pk": world.mail.pk},
}
