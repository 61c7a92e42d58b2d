"""Every URL of the portal × every role → the outcome written in url_matrix_expected.py.

A URL pattern without a row fails here, with what to add. The admin site (its
own permission system, network managers only) is left out.
"""

import logging

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .url_matrix_expected import EXPECTED, EXPECTED_POST, LOGIN, OK, URL_KWARGS, Redirect
from .world import ROLES, build_world

EXCLUDED_NAMESPACES = {"admin"}
REFUSED = {LOGIN, 403, 404, 405}


def portal_url_patterns(patterns=None, namespace=""):
    """(url name, callback) of every pattern, recursively, outside EXCLUDED_NAMESPACES."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from portal_url_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {pattern.pattern}>"), pattern.callback


URL_NAMES = sorted({name for name, _ in portal_url_patterns()})


def client_for(world, role, **options):
    client = Client(**options)
    if world.users[role] is not None:
        client.force_login(world.users[role], backend="accounts.backends.AuthenticationBackend")
    return client


def url_for(world, url_name):
    kwargs = URL_KWARGS[url_name](world) if url_name in URL_KWARGS else {}
    return reverse(url_name, kwargs=kwargs)


def pages_answering_ok(world, roles):
    """(role, URL name, response) of every GET the matrix expects to answer 200, role by role."""
    for role in roles:
        client = client_for(world, role)
        for url_name in URL_NAMES:
            if EXPECTED.get(url_name, {}).get(role) == OK:
                yield role, url_name, client.get(url_for(world, url_name))


def outcome_matches(response, expected):
    location = response.headers.get("Location", "")
    if expected == LOGIN:
        return response.status_code == 302 and location.startswith(reverse(settings.LOGIN_URL) + "?next=")
    if isinstance(expected, Redirect):
        if response.status_code != 302:
            return False
        if expected.contains:
            return expected.contains in location
        return location == reverse(expected.url_name)
    return response.status_code == expected


def describe(response):
    if response.status_code in (301, 302):
        return f"{response.status_code} → {response.headers['Location']}"
    return str(response.status_code)


def test_url_matrix_every_url_has_a_row():
    unnamed = [name for name in URL_NAMES if name.startswith("<unnamed")]
    assert not unnamed, f"name these URL patterns (the matrix finds URLs by name): {unnamed}"
    missing = [name for name in URL_NAMES if name not in EXPECTED]
    assert not missing, (
        f"No expected outcome for {missing}: add a row per URL to EXPECTED in "
        "jln_portal/tests/url_matrix_expected.py (what a GET answers to each role), "
        "its arguments to URL_KWARGS if it takes some, and a row to EXPECTED_POST if it processes a POST."
    )
    stale = sorted((set(EXPECTED) | set(EXPECTED_POST) | set(URL_KWARGS)) - set(URL_NAMES))
    assert not stale, f"rows for URLs that no longer exist, remove them: {stale}"
    for name, outcomes in {**EXPECTED, **{f"{k} (POST)": v for k, v in EXPECTED_POST.items()}}.items():
        assert set(outcomes) == set(ROLES), f"{name}: a row needs exactly the roles {ROLES}"


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_url_matrix_get(url_name):
    assert url_name in EXPECTED, f"add {url_name!r} to EXPECTED in jln_portal/tests/url_matrix_expected.py"
    world = build_world()
    url = url_for(world, url_name)
    wrong = []
    for role in ROLES:
        response = client_for(world, role).get(url)
        if not outcome_matches(response, EXPECTED[url_name][role]):
            wrong.append(f"{role}: expected {EXPECTED[url_name][role]}, got {describe(response)}")
    assert not wrong, f"GET {url}:\n" + "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_url_matrix_post(url_name):
    """An empty POST (valid CSRF token): who gets past the door. A view that processes
    someone's POST must say so in EXPECTED_POST; one that refuses every POST need not.
    Roles post in ROLES order on one world."""
    world = build_world()
    url = url_for(world, url_name)
    answers = {role: client_for(world, role).post(url) for role in ROLES}
    expected = EXPECTED_POST.get(url_name)
    if expected is None:
        processed = {role: describe(r) for role, r in answers.items() if not any(outcome_matches(r, o) for o in REFUSED)}
        assert not processed, (
            f"POST {url} is processed for {processed}: add {url_name!r} to EXPECTED_POST "
            "in jln_portal/tests/url_matrix_expected.py"
        )
        return
    wrong = [
        f"{role}: expected {expected[role]}, got {describe(response)}"
        for role, response in answers.items() if not outcome_matches(response, expected[role])
    ]
    assert not wrong, f"POST {url}:\n" + "\n".join(wrong)


def test_no_view_is_csrf_exempt():
    exempt = [name for name, callback in portal_url_patterns() if getattr(callback, "csrf_exempt", False)]
    assert not exempt, f"views exempt from CSRF protection: {exempt}"


POSTED_BY = [
    (url_name, role)
    for url_name, outcomes in EXPECTED_POST.items()
    for role, outcome in outcomes.items()
    if outcome not in REFUSED
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "role"), POSTED_BY, ids=[f"{u}-{r}" for u, r in POSTED_BY])
def test_post_without_csrf_token_refused(url_name, role, caplog):
    """Every view that changes state, POST-only ones included (logout, language,
    keepalive), refuses a POST without the CSRF token, for each role it serves;
    the same POST with the token gets through."""
    world = build_world()
    url = url_for(world, url_name)
    client = client_for(world, role, enforce_csrf_checks=True)
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        response = client.post(url)
    assert response.status_code == 403
    assert any(record.name == "django.security.csrf" for record in caplog.records)

    client.get(reverse("landing"))  # every page's language switcher sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(url, {"csrfmiddlewaretoken": token})
    assert outcome_matches(response, EXPECTED_POST[url_name][role]), describe(response)
