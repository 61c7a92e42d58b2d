"""Browser fixtures: Debian's Chromium driven by Playwright for Python against
pytest-django's live server. Never `playwright install`, never a downloaded browser.

    @pytest.mark.browser
    def test_something(page, live_server, world, login_as):
        login_as(page, world.users["manager"])
        page.goto("/countries/")

`page` opens at the live server (relative URLs work); each test has its own
browser context (cookies, storage); Chromium starts once per test module.
Tests that use the browser need `transactional_db` (the `world` fixture here
asks for it), because the live server reads the database from another thread.
"""

import os

import pytest
from django.conf import settings
from django.test import Client

from jln_portal.tests.world import build_world

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 15_000


def _browser_missing():
    """Why the browser cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    if not os.path.exists(CHROMIUM):
        return f"{CHROMIUM} is missing (JLN_INSTALL_BROWSER=1 scripts/install)"
    return None


@pytest.fixture(scope="module")
def browser():
    """Chromium for the tests of one module (so that the other modules' tests never
    run beside Playwright's event loop)."""
    reason = _browser_missing()
    if reason:
        required = "browser" in os.environ.get("JLN_REQUIRE_SERVICES", "")
        (pytest.fail if required else pytest.skip)(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the test thread; the ORM
    # calls the tests make beside it are still synchronous. Only while it runs: a
    # subprocess started by another test (manage.py check --deploy) must not inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        # launch() gives Chromium a fresh temporary user-data dir (--user-data-dir=
        # /tmp/playwright_chromiumdev_profile-*) and deletes it on close.
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def context(browser, live_server):
    """A fresh browser context (its own cookies) whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def world(transactional_db):
    """People of every role and the objects the main pages are about (jln_portal/tests/world.py)."""
    return build_world()


@pytest.fixture
def login_as(live_server):
    """login_as(page, user): the page's browser is signed in as `user` (None: stays anonymous).

    The session is made by Django's test client (no password typed: the login
    form has its own test in test_login.py) and handed to the browser as its cookie."""

    def login(page, user):
        if user is None:
            return
        client = Client()
        client.force_login(user, backend="accounts.backends.AuthenticationBackend")
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return login


@pytest.fixture
def use_language(live_server):
    """use_language(page, "fr"): the portal answers the page's browser in that language
    (Django's language cookie, as the language switcher sets it)."""

    def use(page, language):
        page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])

    return use
