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
                                          Redirect("evaluation:home"), Redirect("membership:agenda"),
                                          Redirect("accounts:manager_home")),
    "accounts:manager_home":          row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "accounts:steering_home":         row(*[Redirect("membership:agenda")] * 7),  # the agenda is the steering group's home
    "accounts:invite":                row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    # The signed token is the credential: whoever holds the link sees the form.
    "accounts:invitation_accept":     row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:password_reset":        row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:password_reset_done":   row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:password_reset_confirm": row(RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM),
    "accounts:password_reset_complete": row(OK,        OK,         OK,         OK,         OK,         OK,         OK),
    "countries:list":                 row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK,         OK),
    "countries:detail":               row(LOGIN,       OK,         NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK,         OK),
    # The steering group may see the country, so it is told "not allowed", not "not found".
    "countries:core_group":           row(LOGIN,       OK,         NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  OK),
    "outbox:list":                    row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "outbox:detail":                  row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "eoi:home":                       row(LOGIN,       OK,         OK,         FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN),
    "evaluation:home":                row(LOGIN,       FORBIDDEN,  FORBIDDEN,  OK,         OK,         FORBIDDEN,  FORBIDDEN),
    "membership:agenda":              row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK,         OK),
    "membership:application_list":    row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK,         OK),
    "membership:application_detail":  row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK,         OK),
    "membership:application_decide":  row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK,         FORBIDDEN),
    "membership:apply":               row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "membership:apply_done":          row(NOT_FOUND,   NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),  # only right after applying
    "membership:meeting_list":        row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK,         OK),
    "membership:meeting_create":      row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "membership:meeting_detail":      row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK,         OK),
    "membership:meeting_cancel":      row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  NOT_ALLOWED),
    "membership:eligibility":         row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK,         OK),
    # Country B: its focal point and the steering group may see it, so they are told "not allowed".
    "membership:country_upgrade":     row(LOGIN,       NOT_FOUND,  FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  OK),
    "reports:list":                   row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "reports:request":                row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "reports:status":                 row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "reports:download":               row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
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
    "accounts:steering_home":         row(*[Redirect("membership:agenda")] * 7),  # a RedirectView: any method
    "countries:core_group":           row(LOGIN,       OK,         NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  OK),
    "membership:apply":               row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "membership:application_decide":  row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK,         FORBIDDEN),
    "membership:meeting_create":      row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "membership:meeting_cancel":      row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  FORBIDDEN,
                                          Redirect(contains="/membership/meetings/")),
    "membership:country_upgrade":     row(LOGIN,       NOT_FOUND,  FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  OK),
    "reports:request":                row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
}
# fmt: on

# Arguments of URLs that take some, from the world's objects (keyed by URL name).
URL_KWARGS = {
    "accounts:invitation_accept": lambda world: {"token": world.invitation_token},
    "accounts:password_reset_confirm": lambda world: {"uidb64": world.reset_uidb64, "token": world.reset_token},
    "countries:detail": lambda world: {"pk": world.country_a.pk},
    "outbox:detail": lambda world: {"pk": world.mail.pk},
    "countries:core_group": lambda world: {"pk": world.country_a.pk},
    "membership:application_detail": lambda world: {"pk": world.application.pk},
    "membership:application_decide": lambda world: {"pk": world.application.pk},
    "membership:meeting_detail": lambda world: {"pk": world.meeting.pk},
    "membership:meeting_cancel": lambda world: {"pk": world.meeting.pk},
    "membership:country_upgrade": lambda world: {"pk": world.country_b.pk},
    "reports:request": lambda world: {"kind": "sample"},
    "reports:status": lambda world: {"pk": world.generated_file.pk},
    "reports:download": lambda world: {"pk": world.generated_file.pk},
}
