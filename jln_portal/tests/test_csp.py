"""A Content-Security-Policy header on every page (django-csp, settings
CONTENT_SECURITY_POLICY): scripts only from the portal, and no page relies on
what the policy refuses — an inline script, an event-handler attribute, a style
attribute (they would silently stop working)."""

from html.parser import HTMLParser

import pytest

from .test_url_matrix import client_for, pages_answering_ok, url_for
from .world import ROLES

pytestmark = pytest.mark.django_db

# Data for scripts, never run: the policy does not apply to them.
NOT_RUN = {"application/json", "application/ld+json"}


def directives(header):
    """{directive: [sources]} of a Content-Security-Policy header."""
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


class RefusedMarkup(HTMLParser):
    """Collects what the policy would block in a page."""

    def __init__(self):
        super().__init__()
        self.refused = []
        self._inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.refused += [f"<{tag} {name}=…>" for name in attrs if name.startswith("on") or name == "style"]
        self._inline_script = tag == "script" and "src" not in attrs and attrs.get("type") not in NOT_RUN

    def handle_endtag(self, tag):
        self._inline_script = False

    def handle_data(self, data):
        if self._inline_script and data.strip():
            self.refused.append(f"<script>{data.strip()[:60]}</script>")


def test_policy_allows_scripts_from_the_portal_only(client):
    policy = directives(client.get("/").headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"] and policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'self'"]


def test_every_main_page_has_the_header_and_nothing_it_refuses(world):
    checked, problems = 0, []
    for role, url_name, response in pages_answering_ok(world, ROLES):
        if response.status_code != 200:
            continue
        header = response.headers.get("Content-Security-Policy")
        if header is None or directives(header).get("script-src") != ["'self'"]:
            problems.append(f"{role} {url_name}: header {header!r}")
        if response.headers.get("Content-Type", "").startswith("text/html"):
            parser = RefusedMarkup()
            parser.feed(response.content.decode())
            problems += [f"{role} {url_name}: {item}" for item in parser.refused]
        checked += 1
    assert problems == [] and checked > 100


def test_mail_preview_keeps_the_mails_own_styles_but_no_script(world):
    client = client_for(world, "manager")
    policy = directives(client.get(url_for(world, "outbox:detail")).headers["Content-Security-Policy"])
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"] and policy["script-src"] == ["'self'"]
