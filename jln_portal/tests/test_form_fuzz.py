"""Every form and JSON endpoint, fuzzed: never a 5xx, and a refused form saves nothing.
A new form gets its test here, with what a *successful* post may change."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from accounts.enums import Language, Role
from accounts.models import User
from accounts.services import invitation_send, invitation_token

from .fuzz import signed_in, FUZZ_SETTINGS, changes_since, form_data, is_same_site, long_emails, post_safely, row_counts, values

pytestmark = pytest.mark.django_db


def last(value):
    """What the form reads of a posted value (the last one when a field is posted twice)."""
    return value[-1] if isinstance(value, list) else value


def known_emails(world):
    """Addresses of real people, in random case: the forms must find them too."""
    emails = sorted(user.email for user in world.users.values() if user)
    return st.sampled_from(emails).flatmap(
        lambda email: st.lists(st.booleans(), min_size=len(email), max_size=len(email)).map(
            lambda upper: "".join(c.upper() if u else c for c, u in zip(email, upper))
        )
    )


@FUZZ_SETTINGS
@given(data=st.data())
def test_login_fuzzed(world, data):
    plausible = st.fixed_dictionaries({
        "username": st.one_of(st.emails(), long_emails(), known_emails(world)), "password": st.text(min_size=1),
    })
    posted = data.draw(st.one_of(plausible, form_data(["username", "password", "next"])))
    client = Client()
    before = row_counts()
    response = post_safely(client, reverse("accounts:login"), posted)
    assert SESSION_KEY not in client.session  # no random password opens an account
    assert changes_since(before) == {}
    if response.status_code == 302:
        assert is_same_site(response["Location"])


@FUZZ_SETTINGS
@given(data=st.data())
def test_password_reset_fuzzed(world, data):
    posted = data.draw(st.one_of(
        st.fixed_dictionaries({"email": st.one_of(st.emails(), long_emails(), known_emails(world))}),
        form_data(["email"]),
    ))
    cache.clear()  # each example on its own: the reset throttle (3 per address, 20 per client) counts in the cache
    before = row_counts()
    response = post_safely(Client(), reverse("accounts:password_reset"), posted)
    changes = changes_since(before)
    event(f"HTTP {response.status_code}")
    if response.status_code == 302:  # a valid address: one mail if it is someone's, else nothing
        email = last(posted["email"]).strip()
        expected = User.objects.filter(email__iexact=email, is_active=True).count()
        assert changes == ({"outbox.OutboundMail": expected} if expected else {})
    else:
        assert response.status_code == 200 and changes == {}


@FUZZ_SETTINGS
@given(data=st.data())
def test_invitation_fuzzed(world, data):
    country_ids = [str(world.country_a.pk), str(world.country_b.pk)]
    plausible = st.fixed_dictionaries({
        "full_name": st.text(min_size=1, max_size=220),
        "email": st.one_of(st.emails(), long_emails(), known_emails(world)),
        "role": st.sampled_from(Role.values),
        "country": st.sampled_from(["", *country_ids]),
        "language": st.sampled_from(Language.values),
    })
    posted = data.draw(st.one_of(plausible, form_data(
        ["full_name", "email", "role", "country", "language"],
        email=st.one_of(values(), st.emails(), known_emails(world)),
        role=st.one_of(st.sampled_from(Role.values), values()),
        country=st.one_of(st.sampled_from(country_ids), values()),
        language=st.one_of(st.sampled_from(Language.values), values()),
    )))
    before = row_counts()
    response = post_safely(signed_in(world.users["manager"]), reverse("accounts:invite"), posted)
    changes = changes_since(before)
    event(f"HTTP {response.status_code}")
    if response.status_code == 302:  # sent: one invitation, one mail, a new account unless they had one
        assert changes.pop("accounts.Invitation") == 1
        assert changes.pop("outbox.OutboundMail") == 1
        assert changes.pop("accounts.User", 0) in (0, 1)
        assert changes.pop("countries.Country_focal_points", 0) in (0, 1)
        assert changes == {}
    else:
        assert response.status_code == 200 and changes == {}


@FUZZ_SETTINGS
@given(data=st.data())
def test_set_language_fuzzed(world, data):
    posted = data.draw(form_data(["language", "next"], language=st.one_of(st.sampled_from(["en", "fr", "de"]), values())))
    user = world.users["focal_b"]
    User.objects.filter(pk=user.pk).update(language="en")
    response = post_safely(signed_in(user), reverse("set_language"), posted)
    assert response.status_code == 302
    assert is_same_site(response["Location"])
    user.refresh_from_db()
    chosen = last(posted.get("language"))
    assert user.language == (chosen if chosen in ("en", "fr") else "en")


PASSWORDS = st.one_of(values(), st.just("a-long-enough-Passw0rd"))


def password_pair():
    """Both fields the same (often valid) or different."""
    return st.one_of(
        st.fixed_dictionaries({"new_password1": PASSWORDS, "new_password2": PASSWORDS}),
        PASSWORDS.map(lambda p: {"new_password1": p, "new_password2": p}),
        form_data(["new_password1", "new_password2"]),
    )


@FUZZ_SETTINGS
@given(posted=password_pair())
def test_invitation_accept_fuzzed(world, posted):
    invitation = invitation_send(
        email="fuzz.invitee@example.org", full_name="Fuzz", role=Role.STEERING, by=world.users["manager"],
        base_url="http://testserver",
    )
    url = reverse("accounts:invitation_accept", args=[invitation_token(invitation)])
    before = row_counts()
    response = post_safely(Client(), url, posted)
    invitation.refresh_from_db()
    event(f"HTTP {response.status_code}")
    if response.status_code == 302:
        assert invitation.accepted_at is not None and invitation.user.has_usable_password()
    else:
        assert response.status_code == 200 and invitation.accepted_at is None
        assert changes_since(before) == {}


@FUZZ_SETTINGS
@given(posted=password_pair())
def test_password_reset_confirm_fuzzed(world, posted):
    from django.contrib.auth.tokens import default_token_generator

    user = world.reset_user
    user.refresh_from_db()
    client = Client()
    token = default_token_generator.make_token(user)
    form_url = client.get(reverse("accounts:password_reset_confirm", args=[world.reset_uidb64, token]))["Location"]
    password_before = user.password
    response = post_safely(client, form_url, posted)
    user.refresh_from_db()
    event(f"HTTP {response.status_code}")
    if response.status_code == 302:
        assert user.password != password_before
    else:
        assert response.status_code == 200 and user.password == password_before


@FUZZ_SETTINGS
@given(posted=form_data(["signed_in", "session_age"]), body=st.binary(max_size=2000))
def test_keepalive_fuzzed(world, posted, body):
    client = signed_in(world.users["steering"])
    for response in (
        post_safely(client, reverse("accounts:keepalive"), posted),
        post_safely(client, reverse("accounts:keepalive"), body, content_type="application/json"),
    ):
        assert response.json() == {"signed_in": True, "session_age": settings.SESSION_COOKIE_AGE}


def test_request_too_big_refused(client):
    """Beyond DATA_UPLOAD_MAX_MEMORY_SIZE: 400, not an error."""
    huge = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(reverse("accounts:login"), {"username": huge, "password": "x"})
    assert response.status_code == 400


LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".org"  # 313 characters, a valid address


@pytest.mark.parametrize(("url_name", "role", "posted"), [
    ("accounts:login", "anonymous", {"username": LONG_EMAIL, "password": "x"}),
    ("accounts:password_reset", "anonymous", {"email": LONG_EMAIL}),
    ("accounts:invite", "manager", {"full_name": "X", "email": LONG_EMAIL, "role": Role.STEERING, "language": "en"}),
])
def test_email_longer_than_its_column_refused(world, url_name, role, posted):
    """Found by fuzzing on PostgreSQL: addresses of 255 to 320 characters (valid for
    an e-mail field, too long for the columns) made the login and the invitation fail."""
    client = signed_in(world.users[role]) if world.users[role] else Client()
    before = row_counts()
    response = post_safely(client, reverse(url_name), posted)
    assert response.status_code in (200, 302)
    assert changes_since(before) == {}


@FUZZ_SETTINGS
@given(data=st.data())
def test_personal_data_export_fuzzed(world, data):
    """The manager's export of one person: a search writes nothing; a download writes exactly its
    two records (a PrivacyAction and a DownloadRecord) and answers the file."""
    emails = st.one_of(values(), st.emails(), long_emails(), known_emails(world))
    download = data.draw(st.booleans())
    if download:
        fmt = data.draw(st.sampled_from(["json", "pdf"]))
        fields = {f"{fmt}-email": emails, f"{fmt}-file_format": st.one_of(st.sampled_from(["json", "pdf"]), values())}
        posted = data.draw(st.one_of(st.fixed_dictionaries(fields), form_data(list(fields), **fields)))
    else:
        posted = data.draw(st.one_of(st.fixed_dictionaries({"email": emails}), form_data(["email"], email=emails)))
    before = row_counts()
    url = reverse("privacy:person_download" if download else "privacy:person")
    response = post_safely(signed_in(world.users["manager"]), url, posted)
    changes = changes_since(before)
    assert response.status_code == 200
    if response.has_header("Content-Disposition"):
        assert download and changes == {"privacy.PrivacyAction": 1, "reports.DownloadRecord": 1}
    else:
        assert changes == {}


@FUZZ_SETTINGS
@given(data=st.data())
def test_person_erasure_fuzzed(world, data):
    """An address the portal does not hold, or a bad one, is refused with the form (nothing
    changes); one it holds changes rows in place and adds one record, never a row more."""
    plausible = st.fixed_dictionaries({
        "email": st.one_of(st.emails(), long_emails(), st.just("asked@example.org")),
        "reason": st.text(min_size=1, max_size=2100), "confirm": st.sampled_from(["1", ""]),
    })
    posted = data.draw(st.one_of(plausible, form_data(["email", "reason", "confirm", "edit"])))
    before = row_counts()
    response = post_safely(signed_in(world.users["manager"]), reverse("privacy:erase"), posted)
    changes = changes_since(before)
    event(f"HTTP {response.status_code}")
    if response.status_code == 302:
        assert changes.pop("privacy.PrivacyAction") == 1
        assert all(delta <= 0 for delta in changes.values()), changes  # only unconfirmed requests deleted
    else:
        assert response.status_code == 200 and changes == {}
