"""What a first visit to a page downloads: its HTML and the CSS and JS it links to."""

import gzip
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

TARGET = 150 * 1024  # bytes of HTML + CSS + JS, uncompressed, per page


class Assets(HTMLParser):
    """The stylesheets and scripts a page loads."""

    def __init__(self):
        super().__init__()
        self.css, self.js = set(), set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.css.add(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.js.add(attrs["src"])


def static_content(url):
    """The content of a static file a page links to (no external asset is allowed)."""
    assert url.startswith(settings.STATIC_URL), f"{url}: not a static file of the portal"
    path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    assert path is not None, f"{url}: static file not found"
    return Path(path).read_bytes()


def weigh(world, page, language):
    """(html, css, js, gzipped total) bytes of a main page (e2e/pages.Page) in a language."""
    client = Client()
    if world.users[page.role] is not None:
        client.force_login(world.users[page.role], backend="accounts.backends.AuthenticationBackend")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(page.url(world), follow=True).content
    assets = Assets()
    assets.feed(html.decode())
    css = [static_content(url) for url in sorted(assets.css)]
    js = [static_content(url) for url in sorted(assets.js)]
    gzipped = sum(len(gzip.compress(content)) for content in [html, *css, *js])
    return len(html), sum(map(len, css)), sum(map(len, js)), gzipped
