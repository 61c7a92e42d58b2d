"""The staff EOI list as CSV and XLSX: same rows as the filtered page, safe cells, accents."""

import csv
import io

import pytest
from openpyxl import load_workbook

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from eoi.enums import EOIStatus
from eoi.tests.factories import CallFactory, EOIFactory, fill_complete
from reports.exports import csv_bytes, safe_text, Table

pytestmark = pytest.mark.django_db


@pytest.fixture
def call_with_eois():
    call = CallFactory()
    senegal = EOIFactory(call=call, country=CountryFactory(code="SN", region="africa", working_language="fr"))
    fill_complete(senegal)
    senegal.contact_name = "=HYPERLINK(\"http://evil.example\")"
    senegal.status, senegal.submitted_at, senegal.submission_number = EOIStatus.SUBMITTED, call.deadline, 1
    senegal.save()
    EOIFactory(call=call, country=CountryFactory(code="CI", region="africa", working_language="fr"))
    EOIFactory(call=call, country=CountryFactory(code="VN", region="asia", working_language="en"))
    return call


def _csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_eoi_csv_has_the_rows_of_the_filtered_list(client, make_user, call_with_eois):
    call = call_with_eois
    client.force_login(make_user(Role.MANAGER))
    page = client.get(f"/eoi/manage/{call.pk}/eois/?region=africa")
    assert f"/eoi/manage/{call.pk}/eois/export/eois.csv?region=africa" in page.content.decode()
    rows = _csv_rows(client.get(f"/eoi/manage/{call.pk}/eois/export/eois.csv?region=africa"))
    listed = [str(eoi.country.name) for eoi in page.context["eois"]]
    assert [row[0] for row in rows[1:]] == listed == ["Côte d'Ivoire", "Senegal"]
    senegal = rows[1 + listed.index("Senegal")]
    assert senegal[rows[0].index("Contact person")] == "'=HYPERLINK(\"http://evil.example\")"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_xlsx_is_offered_before_csv_and_csv_opens_in_excel(client, make_user, call_with_eois, language):
    call = call_with_eois
    client.force_login(make_user(Role.MANAGER, language=language))
    page = client.get(f"/eoi/manage/{call.pk}/eois/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for table in ("eois", "members"):
        xlsx, csv_link = (page.index(f"/eoi/manage/{call.pk}/eois/export/{table}.{ext}") for ext in ("xlsx", "csv"))
        assert xlsx < csv_link
    content = client.get(f"/eoi/manage/{call.pk}/eois/export/eois.csv", HTTP_ACCEPT_LANGUAGE=language).content
    assert content.startswith(b"\xef\xbb\xbf") and ("Sénégal" if language == "fr" else "Côte d'Ivoire") in content.decode("utf-8-sig")


def test_team_member_xlsx_round_trips_in_french(client, make_user, call_with_eois):
    call = call_with_eois
    client.force_login(make_user(Role.MANAGER, language="fr"))
    response = client.get(f"/eoi/manage/{call.pk}/eois/export/members.xlsx?status=submitted",
                          HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Pays" and len(rows) == 1 + 4
    assert {row[0] for row in rows[1:]} == {"Sénégal"} and [row[3] for row in rows[1:]] == [1, 2, 3, 4]


def test_exports_refuse_other_roles_and_unknown_formats(client, make_user, call_with_eois):
    call = call_with_eois
    client.force_login(make_user(Role.FACILITATOR))
    assert client.get(f"/eoi/manage/{call.pk}/eois/export/eois.csv").status_code == 403
    client.force_login(make_user(Role.MANAGER))
    assert client.get(f"/eoi/manage/{call.pk}/eois/export/eois.pdf").status_code == 404
    assert client.get(f"/eoi/manage/{call.pk}/eois/export/secrets.csv").status_code == 404


@pytest.mark.parametrize("value", ["=1+1", "+33 1", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_like_text_is_prefixed_and_numbers_are_not(value):
    assert safe_text(value) == "'" + value
    rows = list(csv.reader(io.StringIO(csv_bytes(Table("t", ["h"], [[value], [-3]])).decode("utf-8-sig"))))
    assert rows == [["h"], ["'" + value], ["-3"]]


def _answer(call, *, by):
    """Senegal's members (submitted, in `call_with_eois`): 1 confirmed and needs interpretation,
    2 declined, 3 asked and waiting, 4 never asked."""
    from eoi.models import TeamMember
    from eoi.services.confirmations import confirmation_answer, confirmation_request

    members = {m.slot: m for m in TeamMember.objects.filter(eoi__call=call, eoi__country__code="SN")}
    confirmation_answer(confirmation=confirmation_request(member=members[1], by=by), confirmed=True, consent=True,
                        needs_interpretation=True)
    confirmation_answer(confirmation=confirmation_request(member=members[2], by=by), confirmed=False, consent=False,
                        needs_interpretation=False)
    confirmation_request(member=members[3], by=by)
    return members


def test_the_eoi_table_counts_the_members_answers(client, make_user, call_with_eois):
    call = call_with_eois
    manager = make_user(Role.MANAGER)
    _answer(call, by=manager)
    client.force_login(manager)
    rows = _csv_rows(client.get(f"/eoi/manage/{call.pk}/eois/export/eois.csv"))
    by_country = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    senegal = by_country["Senegal"]
    assert (senegal["Team members"], senegal["Members who confirmed"], senegal["Members who declined"],
            senegal["Members not answered yet"]) == ("4", "1", "1", "1")  # member 4 was never asked
    assert by_country["Vietnam"]["Members who confirmed"] == "0"


def test_the_team_member_table_has_each_answer_in_the_calls_time_zone(client, make_user, call_with_eois):
    from django.utils import timezone

    call = call_with_eois
    manager = make_user(Role.MANAGER)
    members = _answer(call, by=manager)
    client.force_login(manager)
    rows = _csv_rows(client.get(f"/eoi/manage/{call.pk}/eois/export/members.csv?status=submitted"))
    headings = rows[0]
    answered = next(h for h in headings if h.startswith("Answered ("))
    assert "Nairobi" in answered  # the call's zone, as every moment of the exports
    table = [dict(zip(headings, row)) for row in rows[1:]]
    columns = ("Their own answer", "Consents to their data being used for the selection", "Needs French interpretation")
    assert [tuple(row[c] for c in columns) for row in table] == [
        ("Confirmed", "yes", "yes"), ("Declined", "no", "no"), ("Waiting for an answer", "", ""), ("Not asked yet", "", ""),
    ]
    members[1].confirmation.refresh_from_db()
    local = timezone.localtime(members[1].confirmation.answered_at, call.tzinfo)
    assert table[0][answered] == local.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    assert table[1][answered] != "" and [row[answered] for row in table[2:]] == ["", ""]


def test_the_eoi_export_queries_do_not_grow_with_the_teams(client, make_user, call_with_eois):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call = call_with_eois
    manager = make_user(Role.MANAGER)
    client.force_login(manager)
    client.get(f"/eoi/manage/{call.pk}/eois/")  # warm the session
    counts = []
    for table in ("eois", "members"):
        with CaptureQueriesContext(connection) as few:
            client.get(f"/eoi/manage/{call.pk}/eois/export/{table}.xlsx")
        counts.append(len(few))
    for code in ("KE", "ML", "NG"):
        fill_complete(EOIFactory(call=call, country=CountryFactory(code=code)))
    _answer(call, by=manager)
    for table, before in zip(("eois", "members"), counts):
        with CaptureQueriesContext(connection) as many:
            client.get(f"/eoi/manage/{call.pk}/eois/export/{table}.xlsx")
        assert len(many) == before, table
