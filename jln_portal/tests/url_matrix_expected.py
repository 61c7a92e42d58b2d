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
EOI_PAGE = Redirect(contains="/eoi/")
CALL_FORM = Redirect(contains="/eoi/manage/")
REVIEW_PAGE = Redirect(contains="/evaluation/eois/")
MAIL_PAGE = Redirect(contains="/outbox/")

# fmt: off
EXPECTED = {
    #                                     anonymous    focal_a     focal_b     facilitator conflicted  steering    manager
    "landing":                        row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "privacy":                        row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
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
    "privacy:erase":                  row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
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
    "membership:apply_sent":          row(NOT_FOUND,   NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),  # only right after applying
    "membership:apply_confirm":       row(OK,          OK,         OK,         OK,         OK,         OK,         OK),  # a used link: says so
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
    # An EOI: country A's focal point's; the manager reads every EOI but edits or submits only those
    # that arrived by e-mail (eoi_a came through the portal), so the action is "not found" for them too.
    "eoi:call_detail":                row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "eoi:call_questionnaire":         row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "eoi:start":                      row(*[NOT_ALLOWED] * 7),
    "eoi:detail":                     row(LOGIN,       OK,         NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "eoi:edit":                       row(LOGIN,       OK,         NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "eoi:autosave":                   row(*[NOT_ALLOWED] * 7),
    "eoi:submit":                     row(*[NOT_ALLOWED] * 7),
    "eoi:withdraw":                   row(LOGIN,       EOI_PAGE,   NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  EOI_PAGE),
    "eoi:member_confirm":             row(OK,          OK,         OK,         OK,         OK,         OK,         OK),  # the member's link: no account
    "eoi:member_resend":              row(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "eoi:members_request":            row(*[NOT_ALLOWED] * 7),
    "eoi:reopen":                     row(*[NOT_ALLOWED] * 7),
    "eoi:record_received":            row(*[NOT_ALLOWED] * 7),
    # The manager's pages about calls. A published call is public, so others are "not allowed".
    "eoi:manage_calls":               row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "eoi:manage_call_create":         row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "eoi:manage_call_edit":           row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "eoi:manage_call_clone":          row(*[NOT_ALLOWED] * 7),
    "eoi:manage_call_publish":        row(*[NOT_ALLOWED] * 7),
    "eoi:manage_call_close":          row(*[NOT_ALLOWED] * 7),
    "eoi:manage_eois":                row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "eoi:manage_eois_export":         row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "eoi:manage_confirmations":       row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "eoi:manage_record_email":        row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "eoi:manage_extension":           row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    # Evaluation. Facilitators: the plain one reviews A's EOI, the conflicted one B's (and may not
    # open A's, even with a stale assignment). A call's review pages are the manager's; the ranking
    # and criteria also the facilitators' (each sees only the EOIs they review).
    "evaluation:conflicts":           row(LOGIN,       FORBIDDEN,  FORBIDDEN,  OK,         OK,         FORBIDDEN,  OK),
    "evaluation:conflict_remove":     row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  NOT_ALLOWED),
    "evaluation:calls":               row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "evaluation:call":                row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:start":               row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_ALLOWED),
    "evaluation:call_settings":       row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:criteria":            row(LOGIN,       NOT_FOUND,  NOT_FOUND,  OK,         OK,         NOT_FOUND,  OK),
    "evaluation:assignments":         row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:assignment_remove":   row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_ALLOWED),
    "evaluation:ranking":             row(LOGIN,       NOT_FOUND,  NOT_FOUND,  OK,         OK,         NOT_FOUND,  OK),
    "evaluation:ranking_export":      row(LOGIN,       NOT_FOUND,  NOT_FOUND,  OK,         OK,         NOT_FOUND,  OK),
    "evaluation:shortlist":           row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:decisions":           row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:finalise":            row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    # Reopening: only a final call's decisions, by the manager (the world's call is not final).
    "evaluation:decisions_reopen":    row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "evaluation:call_history":        row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    # Feedback letters to the countries: the manager's (the schedule form only takes a POST).
    "evaluation:feedback":            row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:feedback_schedule":   row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_ALLOWED),
    # A's EOI under review: the assigned facilitator and the manager; the history is the manager's.
    "evaluation:evaluation":          row(LOGIN,       NOT_FOUND,  NOT_FOUND,  OK,         NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:eligibility":         row(LOGIN,       NOT_FOUND,  NOT_FOUND,  OK,         NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:clarification_ask":   row(LOGIN,       NOT_FOUND,  NOT_FOUND,  OK,         NOT_FOUND,  NOT_FOUND,  OK),
    # Blind review: the feedback is drafted from every reviewer's work, so not before one's own review.
    "evaluation:decision":            row(LOGIN,       NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:history":             row(LOGIN,       NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  OK),
    # The panel's tools. The raw scores: like the ranking's export (each facilitator gets only the
    # EOIs whose reviews they may see); the progress: the manager's; the reviews side by side: the
    # blind-review rule (the facilitator has not submitted a review of A's EOI: "not allowed").
    "evaluation:scores_export":       row(LOGIN,       NOT_FOUND,  NOT_FOUND,  OK,         OK,         NOT_FOUND,  OK),
    "evaluation:progress":            row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:review_matrix":       row(LOGIN,       NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:participants_export": row(LOGIN,      NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    # The country's side: focal points only; a question about A's EOI is answered by A's focal point.
    "evaluation:country_reviews":     row(LOGIN,       OK,         OK,         FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN),
    "evaluation:clarification_answer": row(LOGIN,      OK,         NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    # The outbox is the manager's: a mail is "not found" for others, a batch or the dispatch "not allowed".
    "outbox:dispatch":                row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  NOT_ALLOWED),
    "outbox:edit":                    row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "outbox:approve":                 row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_ALLOWED),
    "outbox:schedule":                row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_ALLOWED),
    "outbox:unschedule":              row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_ALLOWED),
    "outbox:discard":                 row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_ALLOWED),
    "outbox:resend":                  row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_ALLOWED),
    "outbox:batch":                   row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "outbox:batch_approve":           row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  NOT_ALLOWED),
    "outbox:batch_schedule":          row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  NOT_ALLOWED),
    # Personal data: the manager's only; a download is a POST (the address never in a URL).
    "privacy:person":                 row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "privacy:person_download":        row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  NOT_ALLOWED),
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
    "privacy:erase":                  row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "accounts:invitation_accept":     row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:password_reset":        row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "accounts:password_reset_confirm": row(RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM, RESET_FORM),
    "accounts:steering_home":         row(*[Redirect("membership:agenda")] * 7),  # a RedirectView: any method
    "countries:core_group":           row(LOGIN,       OK,         NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  OK),
    "membership:apply":               row(OK,          OK,         OK,         OK,         OK,         OK,         OK),
    "membership:apply_confirm":       row(OK,          OK,         OK,         OK,         OK,         OK,         OK),  # a used link: says so
    "membership:application_decide":  row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK,         FORBIDDEN),
    "membership:meeting_create":      row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "membership:meeting_cancel":      row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  FORBIDDEN,
                                          Redirect(contains="/membership/meetings/")),
    "membership:country_upgrade":     row(LOGIN,       NOT_FOUND,  FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  OK),
    "reports:request":                row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    # An empty POST to an EOI: the refusal page (400: nothing to save, nothing complete), or back to
    # the EOI with a message (a draft cannot be withdrawn; it is already open). Autosave answers in
    # JSON, 401 when the session has expired (what was typed is kept for after the login).
    "eoi:start":                      row(LOGIN,       NOT_FOUND,  Redirect(contains="/edit/"),
                                          NOT_FOUND,   NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "eoi:edit":                       row(LOGIN,       400,        NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "eoi:autosave":                   row(401,         400,        NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "eoi:submit":                     row(LOGIN,       400,        NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "eoi:withdraw":                   row(LOGIN,       EOI_PAGE,   NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  EOI_PAGE),
    "eoi:member_confirm":             row(400,         400,        400,        400,        400,        400,        400),  # empty answer
    # draft eoi_a's member is asked but resending needs nothing more: a new link, back to the EOI
    "eoi:member_resend":              row(LOGIN,       EOI_PAGE,   NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  EOI_PAGE),
    # the country's own step; the world's call does not require confirmations: back to the EOI, told so
    "eoi:members_request":            row(LOGIN,       EOI_PAGE,   NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "eoi:reopen":                     row(LOGIN,       EOI_PAGE,   NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  EOI_PAGE),
    "eoi:record_received":            row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "eoi:manage_call_create":         row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  400),
    "eoi:manage_call_edit":           row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  400),
    "eoi:manage_call_clone":          row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN, CALL_FORM),
    "eoi:manage_call_publish":        row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN, CALL_FORM),
    "eoi:manage_call_close":          row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN, CALL_FORM),
    "eoi:manage_record_email":        row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "eoi:manage_extension":           row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    # Evaluation: an empty review is a draft saved; an empty override or feedback is saved as such.
    "evaluation:conflicts":           row(LOGIN,       FORBIDDEN,  FORBIDDEN,  OK,         OK,         FORBIDDEN,  OK),
    "evaluation:conflict_remove":     row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,
                                          Redirect("evaluation:conflicts")),
    "evaluation:start":               row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,
                                          Redirect(contains="/evaluation/calls/")),
    "evaluation:call_settings":       row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:assignments":         row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:assignment_remove":   row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,
                                          Redirect(contains="/assignments/")),
    "evaluation:shortlist":           row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,
                                          Redirect(contains="/shortlist/")),
    "evaluation:decisions":           row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,
                                          Redirect(contains="/decisions/")),
    "evaluation:finalise":            row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    # Reopening: only a final call's decisions, by the manager (the world's call is not final).
    "evaluation:decisions_reopen":    row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "evaluation:feedback":            row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,
                                          Redirect(contains="/feedback/")),
    "evaluation:feedback_schedule":   row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    # The manager may see the EOI under review but not score it: "not allowed".
    "evaluation:evaluation":          row(LOGIN,       NOT_FOUND,  NOT_FOUND,  REVIEW_PAGE, NOT_FOUND, NOT_FOUND,  FORBIDDEN),
    "evaluation:eligibility":         row(LOGIN,       NOT_FOUND,  NOT_FOUND,  REVIEW_PAGE, NOT_FOUND, NOT_FOUND,  REVIEW_PAGE),
    "evaluation:clarification_ask":   row(LOGIN,       NOT_FOUND,  NOT_FOUND,  OK,         NOT_FOUND,  NOT_FOUND,  OK),
    "evaluation:decision":            row(LOGIN,       NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  NOT_FOUND,  NOT_FOUND,
                                          Redirect(contains="/decision/")),
    "evaluation:history":             row(LOGIN,       NOT_FOUND,  NOT_FOUND,  FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  NOT_ALLOWED),
    "evaluation:clarification_answer": row(LOGIN,      OK,         NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "outbox:dispatch":                row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  Redirect("outbox:list")),
    "outbox:edit":                    row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "outbox:approve":                 row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  MAIL_PAGE),
    "outbox:schedule":                row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "outbox:unschedule":              row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  MAIL_PAGE),
    "outbox:discard":                 row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  MAIL_PAGE),
    "outbox:resend":                  row(LOGIN,       NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  MAIL_PAGE),
    "outbox:batch_approve":           row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,
                                          Redirect(contains="/outbox/batches/")),
    "outbox:batch_schedule":          row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    # An empty search or download: the form again with its errors.
    "privacy:person":                 row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
    "privacy:person_download":        row(LOGIN,       FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK),
}
# fmt: on

# Arguments of URLs that take some, from the world's objects (keyed by URL name).
URL_KWARGS = {
    "accounts:invitation_accept": lambda world: {"token": world.invitation_token},
    "accounts:password_reset_confirm": lambda world: {"uidb64": world.reset_uidb64, "token": world.reset_token},
    "countries:detail": lambda world: {"pk": world.country_a.pk},
    "outbox:detail": lambda world: {"pk": world.mail.pk},
    "countries:core_group": lambda world: {"pk": world.country_a.pk},
    "membership:apply_confirm": lambda world: {"token": world.confirm_token},
    "membership:application_detail": lambda world: {"pk": world.application.pk},
    "membership:application_decide": lambda world: {"pk": world.application.pk},
    "membership:meeting_detail": lambda world: {"pk": world.meeting.pk},
    "membership:meeting_cancel": lambda world: {"pk": world.meeting.pk},
    "membership:country_upgrade": lambda world: {"pk": world.country_b.pk},
    "reports:request": lambda world: {"kind": "sample"},
    "reports:status": lambda world: {"pk": world.generated_file.pk},
    "reports:download": lambda world: {"pk": world.generated_file.pk},
    "eoi:call_detail": lambda world: {"slug": world.call.slug},
    "eoi:call_questionnaire": lambda world: {"slug": world.call.slug},
    "eoi:start": lambda world: {"call_pk": world.call.pk, "country_pk": world.country_b.pk},
    "eoi:detail": lambda world: {"pk": world.eoi_a.pk},
    "eoi:member_confirm": lambda world: {"member_pk": world.member.pk, "token": world.member_token},
    "eoi:member_resend": lambda world: {"pk": world.eoi_a.pk, "member_pk": world.member.pk},
    "eoi:members_request": lambda world: {"pk": world.eoi_a.pk},
    "eoi:manage_confirmations": lambda world: {"pk": world.call.pk},
    "eoi:edit": lambda world: {"pk": world.eoi_a.pk},
    "eoi:autosave": lambda world: {"pk": world.eoi_a.pk},
    "eoi:submit": lambda world: {"pk": world.eoi_a.pk},
    "eoi:withdraw": lambda world: {"pk": world.eoi_a.pk},
    "eoi:reopen": lambda world: {"pk": world.eoi_a.pk},
    "eoi:record_received": lambda world: {"pk": world.eoi_a.pk},
    "eoi:manage_call_edit": lambda world: {"pk": world.call.pk},
    "eoi:manage_call_clone": lambda world: {"pk": world.call.pk},
    "eoi:manage_call_publish": lambda world: {"pk": world.call.pk},
    "eoi:manage_call_close": lambda world: {"pk": world.call.pk},
    "eoi:manage_eois": lambda world: {"pk": world.call.pk},
    "eoi:manage_eois_export": lambda world: {"pk": world.call.pk, "table": "eois", "file_format": "csv"},
    "eoi:manage_record_email": lambda world: {"pk": world.call.pk},
    "eoi:manage_extension": lambda world: {"pk": world.call.pk},
    "evaluation:conflict_remove": lambda world: {"pk": world.conflict.pk},
    "evaluation:call": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:start": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:call_settings": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:criteria": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:assignments": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:assignment_remove": lambda world: {"pk": world.assignment.pk},
    "evaluation:ranking": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:ranking_export": lambda world: {"call_pk": world.review_call.pk, "file_format": "xlsx"},
    "evaluation:shortlist": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:decisions": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:feedback": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:feedback_schedule": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:finalise": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:decisions_reopen": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:call_history": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:evaluation": lambda world: {"pk": world.evaluation_a.pk},
    "evaluation:eligibility": lambda world: {"pk": world.evaluation_a.pk, "item": "team_size"},
    "evaluation:clarification_ask": lambda world: {"pk": world.evaluation_a.pk},
    "evaluation:decision": lambda world: {"pk": world.evaluation_a.pk},
    "evaluation:history": lambda world: {"pk": world.evaluation_a.pk},
    "evaluation:clarification_answer": lambda world: {"pk": world.clarification.pk},
    "evaluation:scores_export": lambda world: {"call_pk": world.review_call.pk, "file_format": "xlsx"},
    "evaluation:progress": lambda world: {"call_pk": world.review_call.pk},
    "evaluation:review_matrix": lambda world: {"pk": world.evaluation_a.pk},
    "evaluation:participants_export": lambda world: {
        "call_pk": world.review_call.pk, "meeting_pk": world.review_call.meetings.get().pk, "file_format": "xlsx"},
    "outbox:edit": lambda world: {"pk": world.draft_mail.pk},
    "outbox:approve": lambda world: {"pk": world.draft_mail.pk},
    "outbox:schedule": lambda world: {"pk": world.draft_mail.pk},
    "outbox:unschedule": lambda world: {"pk": world.draft_mail.pk},
    "outbox:discard": lambda world: {"pk": world.draft_mail.pk},
    "outbox:resend": lambda world: {"pk": world.sent_mail.pk},
    "outbox:batch": lambda world: {"batch": world.batch},
    "outbox:batch_approve": lambda world: {"batch": world.batch},
    "outbox:batch_schedule": lambda world: {"batch": world.batch},
}
