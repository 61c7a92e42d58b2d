"""Property-based fuzzing of forms and JSON endpoints (hypothesis): whatever is
posted, the answer is never a 5xx, and a refused form changes no table.

    @FUZZ_SETTINGS
    @given(data=form_data(["email", "password"]))
    def test_x_fuzzed(client, data):
        before = row_counts()
        response = post_safely(client, url, data)
        if response.status_code == 200:          # shown again with its errors
            assert changes_since(before) == {}

JLN_FUZZ_EXAMPLES sets the number of examples per form (default 40).
"""

import os
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ_SETTINGS = settings(
    max_examples=int(os.environ.get("JLN_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Tables a refused form may still write to: login throttling records failures by design.
NOT_COUNTED = {"axes", "sessions", "contenttypes", "admin", "auth"}

NASTY = [
    "", " ", "\x00", "a\x00b", "\u202eevil", "\ufeff", "'; DROP TABLE accounts_user; --", "<script>alert(1)</script>",
    "{{ 7*7 }}", "%(email)s", "../../etc/passwd", "é" * 400, "😀" * 100, "\r\n\r\nBcc: x@example.org", "None", "0", "-1",
    # dates and times outside 2000–2100 (jln_portal/dates.py), and invisible characters
    "0001-01-01", "0001-01-01T00:00", "9999-12-31", "9999-12-31T23:59", "1999-12-31", "2101-01-01",
    "a\u200bb", "\u2060\u00ad\ufeff",
]


def long_emails():
    """Valid addresses of about 200 to 330 characters, around the limits of columns
    (255) and of e-mail addresses (320)."""

    def address(length, char):
        labels, remaining = [], length - len("@.org") - 64
        while remaining > 0:
            labels.append(char * min(63, remaining))
            remaining -= len(labels[-1]) + 1
        return f"{char * 64}@{'.'.join(labels)}.org"

    return st.builds(address, st.integers(200, 330), st.sampled_from("abcxyz019"))


def values():
    """One posted value: any unicode, long, huge, e-mail-like or known-nasty text."""
    return st.one_of(
        st.text(max_size=40),
        st.text(min_size=150, max_size=1500),
        st.builds(lambda chunk, times: chunk * times, st.text(min_size=1, max_size=4), st.integers(1_000, 50_000)),
        st.emails(),
        long_emails(),
        st.sampled_from(NASTY),
    )


def form_data(fields, **strategies):
    """Posted data: each field absent, one value or several; some unexpected fields.
    `strategies` replaces the value strategy of some fields (e.g. valid choices mixed in)."""
    field_values = {name: strategies.get(name, values()) for name in fields}
    posted = {name: st.one_of(strategy, st.lists(strategy, min_size=2, max_size=3)) for name, strategy in field_values.items()}
    return st.tuples(
        st.fixed_dictionaries({}, optional=posted),
        st.dictionaries(st.text(min_size=1, max_size=20).filter(lambda k: k not in fields), values(), max_size=2),
    ).map(lambda both: {**both[1], **both[0]})


def row_counts():
    """Rows per model. Audit-history tables (django-simple-history) are left out:
    they follow the rows they record, which are counted."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in NOT_COUNTED and not hasattr(model, "instance_type")
    }


def changes_since(before):
    """{model label: rows added (or removed)} since `before` (from row_counts())."""
    after = row_counts()
    return {label: after[label] - before.get(label, 0) for label in after if after[label] != before.get(label, 0)}


def post_safely(client, url, data, **extra):
    response = client.post(url, data, **extra)
    assert response.status_code < 500, f"{response.status_code} for {data!r:.300}"
    return response


def is_same_site(location, host="testserver"):
    """Whether a redirect's Location stays on the portal, read as a browser would
    (which also takes a backslash for a slash)."""
    if any(ord(c) <= 0x20 for c in location[:1]):
        return False
    target = urlsplit(urljoin(f"http://{host}/", location.replace("\\", "/")))
    return target.scheme == "http" and target.netloc == host


def field_values(form):
    """{field name: strategy} for the fields of a Django form instance: a valid choice
    mixed with anything (values()) for choice fields, a tick or not for check boxes,
    values() for the rest."""
    from django import forms

    strategies = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.BooleanField):
            strategies[name] = st.sampled_from(["on", "", "false", "1"])
        elif getattr(field, "choices", None):
            valid = [str(value) for value, _label in field.choices if not isinstance(_label, (list, tuple))]
            strategies[name] = st.one_of(st.sampled_from(valid), values()) if valid else values()
        else:
            strategies[name] = values()
    return strategies


def plausible_data(form, **fixed):
    """A post of every field of `form` with a plausible value (often valid); `fixed`
    overrides some (e.g. a version number)."""
    strategies = {**field_values(form), **fixed}
    return st.fixed_dictionaries(strategies)


def fuzzed_data(form, **fixed):
    """Half plausible posts (every field, valid values likely), half anything (form_data)."""
    strategies = {**field_values(form), **fixed}
    return st.one_of(plausible_data(form, **fixed), form_data(list(strategies), **strategies))


def signed_in(user):
    """A test client signed in as `user` (no login form, no throttling)."""
    client = Client()
    client.force_login(user, backend="accounts.backends.AuthenticationBackend")
    return client
