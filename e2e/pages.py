"""The main pages of the portal, each with the role that sees it.

Every page listed here is checked in English and French for accessibility
(axe-core, test_accessibility.py), HTML validity (Nu validator,
test_html_valid.py) and weight (benchmarks/page_weight.py). A new page is
covered by adding one line. Arguments of URLs that take some come from
jln_portal/tests/url_matrix_expected.URL_KWARGS, objects from the world
(jln_portal/tests/world.py, extended by <app>/tests/world.py).
"""

from dataclasses import dataclass

from django.urls import reverse

from jln_portal.tests.url_matrix_expected import URL_KWARGS

LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Page:
    url_name: str
    role: str
    status: int = 200  # after following redirects: 403 and 404 pages are pages too

    @property
    def id(self):
        return f"{self.url_name}-{self.role}"

    def url(self, world):
        kwargs = URL_KWARGS[self.url_name](world) if self.url_name in URL_KWARGS else {}
        return reverse(self.url_name, kwargs=kwargs)


MAIN_PAGES = [
    Page("landing", "anonymous"),
    Page("privacy", "anonymous"),
    Page("accounts:login", "anonymous"),
    Page("accounts:password_reset", "anonymous"),
    Page("accounts:password_reset_done", "anonymous"),
    Page("accounts:password_reset_confirm", "anonymous"),  # redirects to the new-password form
    Page("accounts:password_reset_complete", "anonymous"),
    Page("accounts:invitation_accept", "anonymous"),
    Page("eoi:home", "focal_a"),
    Page("evaluation:home", "facilitator"),
    Page("accounts:steering_home", "steering"),
    Page("accounts:manager_home", "manager"),
    Page("accounts:invite", "manager"),
    Page("countries:list", "manager"),
    Page("countries:detail", "manager"),
    Page("countries:detail", "focal_a"),
    Page("outbox:list", "manager"),
    Page("outbox:detail", "manager"),
    Page("countries:core_group", "focal_a"),
    Page("membership:apply", "anonymous"),
    Page("membership:agenda", "steering"),
    Page("membership:application_list", "steering"),
    Page("membership:application_detail", "steering"),
    Page("membership:application_decide", "steering"),
    Page("membership:meeting_list", "manager"),
    Page("membership:meeting_create", "manager"),
    Page("membership:meeting_detail", "manager"),
    Page("membership:eligibility", "manager"),
    Page("membership:country_upgrade", "manager"),
    Page("reports:list", "manager"),
    Page("reports:request", "manager"),
    Page("reports:status", "manager"),
    Page("privacy:person", "manager"),  # the export of one person (issue 17); its summary answers a POST
    Page("eoi:call_detail", "anonymous"),
    Page("eoi:edit", "focal_a"),
    Page("eoi:detail", "focal_a"),
    Page("eoi:member_confirm", "anonymous"),  # a proposed member's own link (issue 17)
    Page("eoi:manage_calls", "manager"),
    Page("eoi:manage_eois", "manager"),
    Page("eoi:manage_confirmations", "manager"),  # every member's request of a call (issue 17)
    Page("evaluation:evaluation", "facilitator"),  # the review page: answers beside the scoring form
    Page("evaluation:ranking", "manager"),
    Page("evaluation:shortlist", "manager"),
    Page("evaluation:decisions", "manager"),
    Page("evaluation:decision", "manager"),
    Page("evaluation:call_history", "manager"),
    Page("evaluation:progress", "manager"),
    Page("evaluation:review_matrix", "manager"),
    Page("evaluation:country_reviews", "focal_a"),
    Page("evaluation:evaluation", "facilitator_conflicted", status=404),
    Page("outbox:list", "focal_a", status=403),
    Page("outbox:detail", "focal_a", status=404),
]
