"""Input no page can use answers 400 or 404 with a translated page, never 500
(jln_portal/badinput.py): NUL characters in paths, query strings and cookies, form bodies
in another charset than UTF-8. PostgreSQL refuses NUL in any text, SQLite does not: the
`postgres` variants are the ones that found these."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from .fuzz import FUZZ_SETTINGS, changes_since, row_counts, signed_in, values
from .test_url_matrix import URL_NAMES, url_for

pytestmark = pytest.mark.django_db

ADMIN_FILTERS = [
    "/admin/eoi/expressionofinterest/?status=%00",
    "/admin/accounts/user/?role__exact=%00",
    "/admin/outbox/outboundmail/?state__exact=a%00b",
    "/admin/countries/country/?q=%00",
]


def _nul_requests(world):
    """(client, url, expected status) for the classes of input that answered 500."""
    manager, focal = signed_in(world.users["manager"]), signed_in(world.users["focal_a"])
    yield focal, reverse("eoi:edit", args=[world.eoi_a.pk]) + "?restore=%00", 400
    yield manager, "/outbox/batches/%00/", 404
    yield manager, "/outbox/batches/a%00b/approve/", 404
    yield manager, "/outbox/?state=%00", 400
    for url in ADMIN_FILTERS:
        yield manager, url, 400


def check_nul_refused(world):
    for client, url, status in _nul_requests(world):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == status, url
        text = response.content.decode()
        assert ("La demande n'a pas pu être lue" if status == 400 else "Page introuvable") in text, url


def test_nul_in_path_or_query_refused(world):
    check_nul_refused(world)


@pytest.mark.postgres
def test_nul_in_path_or_query_refused_on_postgresql(world):
    check_nul_refused(world)


def test_nul_in_session_cookie_is_no_session(world):
    client = Client()
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get(reverse("landing")).status_code == 200


@pytest.mark.parametrize("url", ["/accounts/login/", "/membership/apply/", "/eoi/1/autosave/", "/i18n/setlang/"])
@pytest.mark.parametrize("body", [b"username=a&password=b", "username=a".encode("utf-16")])
def test_form_declared_in_utf16_refused(world, url, body):
    """Django refuses the body; its bad_request handler, checking the CSRF token, read
    request.POST again and answered 500."""
    client = Client(enforce_csrf_checks=True)
    client.raise_request_exception = False
    before = row_counts()
    response = client.generic("POST", url, body, content_type="application/x-www-form-urlencoded; charset=utf-16")
    assert response.status_code == 400
    assert changes_since(before) == {}


def nul_queries():
    """A query string holding a NUL somewhere: in a name or a value, raw or escaped."""
    text = values()
    return st.tuples(text, text, st.sampled_from(["%00", "\x00", "a%00", "%2500%00"]), st.booleans()).map(
        lambda t: (f"{t[0]}{t[2]}={t[1]}" if t[3] else f"{t[0]}={t[1]}{t[2]}").replace("&", "").replace("#", "")
    )


def check_every_url_refuses_nul_queries(world, data):
    client = signed_in(world.users["manager"])
    client.raise_request_exception = False
    url_name = data.draw(st.sampled_from(URL_NAMES))
    url = url_for(world, url_name)
    query = data.draw(nul_queries())
    before = row_counts()
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400, (url, query)
    assert changes_since(before) == {}


@FUZZ_SETTINGS
@given(data=st.data())
def test_every_url_refuses_nul_queries_fuzzed(world, data):
    check_every_url_refuses_nul_queries(world, data)


@pytest.mark.postgres
@FUZZ_SETTINGS
@given(data=st.data())
def test_every_url_refuses_nul_queries_fuzzed_on_postgresql(world, data):
    check_every_url_refuses_nul_queries(world, data)


def test_participants_list_refuses_what_it_cannot_serve(world):
    """Each meeting's participants (evaluation:participants_export): a format that is not CSV or
    XLSX, a meeting that does not exist, another call's meeting or a call without the meeting
    answer the translated 404 page, and record no download."""
    from reports.models import DownloadRecord

    manager = signed_in(world.users["manager"])
    call, meeting = world.review_call, world.review_call.meetings.get()
    other_meeting = world.call.meetings.get()
    base = f"/evaluation/calls/{call.pk}/meetings"
    urls = [
        f"{base}/{meeting.pk}/participants.pdf", f"{base}/{meeting.pk}/participants.CSV",
        f"{base}/{meeting.pk}/participants.", f"{base}/999999/participants.csv",
        f"{base}/{other_meeting.pk}/participants.xlsx", f"/evaluation/calls/999999/meetings/{meeting.pk}/participants.csv",
        f"/evaluation/calls/{world.call.pk}/meetings/{meeting.pk}/participants.csv", f"{base}/x/participants.csv",
        f"{base}/-1/participants.csv", f"{base}/{meeting.pk}%00/participants.csv",
    ]
    before = DownloadRecord.objects.count()
    for url in urls:
        response = manager.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 404, url
        assert "Page introuvable" in response.content.decode(), url
    assert DownloadRecord.objects.count() == before
    assert manager.get(f"{base}/{meeting.pk}/participants.csv").status_code == 200
    assert DownloadRecord.objects.count() == before + 1


LONG_ADDRESS = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".org"  # 313 characters, valid but for its length


@pytest.mark.parametrize(("typed", "message"), [
    ("awa\x00@example.org", "Le caractère nul n’est pas autorisé."),
    (LONG_ADDRESS, "Assurez-vous que cette valeur comporte au plus 254 caractères"),
    ("awa at example dot org", "Saisissez une adresse de courriel valide."),
])
@pytest.mark.parametrize("url_name", ["privacy:person", "privacy:person_download"])
def test_personal_data_search_refuses_what_is_no_address(world, url_name, typed, message):
    """The export of one person: a NUL, an overlong or a non-address is told in the manager's
    language beside the field, the address is kept in it, and nothing is exported or recorded."""
    client = signed_in(world.users["manager"])
    posted = {"email": typed} if url_name == "privacy:person" else {"json-email": typed, "json-file_format": "json"}
    before = row_counts()
    response = client.post(reverse(url_name), posted, HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    if "\x00" not in typed:
        assert f'value="{typed}"' in page
    assert changes_since(before) == {}


@pytest.mark.postgres
def test_personal_data_search_refuses_nul_on_postgresql(world):
    test_personal_data_search_refuses_what_is_no_address(world, "privacy:person", "a\x00@example.org",
                                                          "Le caractère nul n’est pas autorisé.")
