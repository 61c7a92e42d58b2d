"""Fixtures shared by every app's tests, and the rule that a test needing a real
service (PostgreSQL, Redis, a browser, nginx) fails rather than skips when CI requires it."""

import os
import shutil

import pytest

SERVICES = ("postgres", "redis", "browser", "nginx")


def _available(service):
    if service == "postgres":
        from django.db import connection

        return connection.vendor == "postgresql"
    if service == "redis":
        url = os.environ.get("REDIS_URL")
        if not url:
            return False
        import redis

        try:
            return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except redis.RedisError:
            return False
    if service == "browser":
        try:
            import playwright  # noqa: F401
        except ImportError:
            return False
        return shutil.which("chromium") is not None or os.path.exists("/usr/bin/chromium")
    if service == "nginx":  # Debian's nginx, for the reverse-proxy test (accounts/tests/test_proxy_nginx.py)
        return shutil.which("nginx") is not None or os.path.exists("/usr/sbin/nginx")
    raise ValueError(service)


@pytest.fixture(autouse=True)
def _require_services(request):
    required = {s.strip() for s in os.environ.get("JLN_REQUIRE_SERVICES", "").split(",") if s.strip()}
    for service in SERVICES:
        if request.node.get_closest_marker(service) and not _available(service):
            if service in required:
                pytest.fail(f"{service} is required here (JLN_REQUIRE_SERVICES) but is not available")
            pytest.skip(f"{service} not available")


@pytest.fixture
def make_user(db):
    """make_user(role, countries=(), **fields) → a saved user of that role."""
    from accounts.tests.factories import UserFactory

    def make(role, countries=(), **fields):
        user = UserFactory(role=role, **fields)
        for country in countries:
            country.focal_points.add(user)
        return user

    return make


@pytest.fixture
def country(db):
    from countries.tests.factories import CountryFactory

    return CountryFactory(code="SN", working_language="fr")


@pytest.fixture
def other_country(db):
    from countries.tests.factories import CountryFactory

    return CountryFactory(code="GH", working_language="en")


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts and ends in the default language: a request in French leaves
    French active in the thread (LocaleMiddleware), and whatever runs next would read it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with empty caches: keys hold primary keys, which SQLite hands
    out again after a test's rollback, so a value cached by one test could reach the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()
