"""Each in-person meeting's participants of the selected teams (issue 17: the first meeting's
planning): only the selected teams, each member's own answer (declined ones listed and marked),
the interpretation needs and the counts; CSV and XLSX; the manager's only; every download
recorded; a constant number of queries whatever the number of teams."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from eoi.confirmation_models import ConfirmationState
from eoi.models import Meeting
from evaluation.enums import Decision, EvaluationState
from evaluation.models import Evaluation
from reports.models import DownloadRecord

from .reporting import decided_call, members_answer

pytestmark = pytest.mark.django_db

ANSWER, INTERPRETATION = 8, 9  # columns of the table


@pytest.fixture
def manager(make_user):
    return make_user(Role.MANAGER, full_name="Grace Wanjiru")


@pytest.fixture
def planned(manager):
    """Senegal selected (final), Ghana waitlisted, Kenya not selected. Senegal's four members:
    1 confirmed and needs French interpretation, 2 confirmed without, 3 declined (having
    ticked interpretation), 4 never asked. Ghana's (not selected) all confirmed with it."""
    call, evaluations = decided_call(manager)
    members_answer(evaluations["SN"], {1: (True, True), 2: (True, False), 3: (False, True)}, by=manager)
    members_answer(evaluations["GH"], {slot: (True, True) for slot in range(1, 5)}, by=manager)
    Meeting.objects.create(call=call, month="2030-11-01", label_en="Second meeting", label_fr="Deuxième réunion",
                           place_en="Dakar", place_fr="Dakar")
    return call, evaluations


def url(call, meeting, file_format):
    return f"/evaluation/calls/{call.pk}/meetings/{meeting.pk}/participants.{file_format}"


def csv_rows(response):
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def split(rows):
    """(headings, member rows, {summary label: value}) of the table's rows."""
    blank = rows.index([]) if [] in rows else next(i for i, row in enumerate(rows) if not any(row))
    return rows[0], rows[1:blank], {row[0]: row[1] for row in rows[blank + 1:]}


def test_the_list_has_the_selected_teams_members_with_their_answers(client, manager, planned):
    call, _evaluations = planned
    meeting = call.meetings.order_by("month").first()
    client.force_login(manager)
    response = client.get(url(call, meeting, "csv"))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.csv"')
    headings, members, summary = split(csv_rows(response))
    assert headings == ["Country", "Working language", "Name", "Position", "Organisation", "Participant profile",
                        "E-mail address", "Gender", "Their own answer", "Needs French interpretation"]
    assert {row[0] for row in members} == {"Senegal"}  # not Ghana (waitlisted) nor Kenya
    assert [row[2] for row in members] == ["Member 1", "Member 2", "Member 3", "Member 4"]
    assert [row[ANSWER] for row in members] == ["Confirmed", "Confirmed", "Declined", "Not asked yet"]
    # Interpretation: the confirmed members' own answer; nothing for a decline or no answer.
    assert [row[INTERPRETATION] for row in members] == ["yes", "no", "", ""]
    assert members[0][1] == "French" and members[0][6] == "member1@example.org"
    assert summary == {
        "Meeting": "March 2030 — Launch meeting", "Participants expected (not declined)": "3",
        "Confirmed": "2", "Declined": "1", "Not answered yet": "1", "Need French interpretation": "1",
    }


def test_each_meeting_has_its_list_and_every_download_is_recorded(client, manager, planned):
    call, _evaluations = planned
    second = call.meetings.get(label_en="Second meeting")
    client.force_login(manager)
    _headings, members, summary = split(csv_rows(client.get(url(call, second, "csv"))))
    assert len(members) == 4 and summary["Meeting"] == "November 2030 — Second meeting, Dakar"
    record = DownloadRecord.objects.get()
    assert (record.user, record.kind, record.object_id) == (manager, "participants_export", str(call.pk))
    assert record.name.endswith("-2030-11-second-meeting-participants.csv")


def test_the_xlsx_opens_with_headings_in_the_managers_language(client, make_user, planned):
    call, _evaluations = planned
    client.force_login(make_user(Role.MANAGER, language="fr"))
    response = client.get(url(call, call.meetings.order_by("month").first(), "xlsx"), HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    rows = [[value for value in row if value is not None] for row in rows]
    headings, members, summary = split(rows)
    assert headings[0] == "Pays" and headings[ANSWER] == "Sa propre réponse"
    with translation.override("fr"):
        declined, confirmed = str(ConfirmationState.DECLINED.label), str(ConfirmationState.CONFIRMED.label)
    assert {row[0] for row in members} == {"Sénégal"}
    assert [row[ANSWER] for row in members][:3] == [confirmed, confirmed, declined]
    assert summary["Réunion"] == "mars 2030 — Réunion de lancement" and summary["Refusé"] == 1


def test_before_the_decisions_are_final_no_team_is_listed(client, manager):
    call, evaluations = decided_call(manager, final=False)
    members_answer(evaluations["SN"], {1: (True, True)}, by=manager)
    client.force_login(manager)
    _headings, members, summary = split(csv_rows(client.get(url(call, call.meetings.get(), "csv"))))
    assert members == [] and summary["Participants expected (not declined)"] == "0"


def test_only_the_manager_downloads_the_list(client, make_user, planned):
    call, evaluations = planned
    meeting = call.meetings.order_by("month").first()
    facilitator = evaluations["SN"].assignments.first().reviewer
    senegal = evaluations["SN"].eoi.country
    people = [facilitator, make_user(Role.FOCAL_POINT, countries=[senegal]), make_user(Role.STEERING)]
    for person in people:
        client.force_login(person)
        for file_format in ("csv", "xlsx"):
            response = client.get(url(call, meeting, file_format))
            assert response.status_code == 404, person.role
            assert b"Member 1" not in response.content
    client.force_login(facilitator)
    assert "it holds the participants" in client.get(url(call, meeting, "csv")).content.decode()
    client.logout()
    assert client.get(url(call, meeting, "csv")).status_code == 302
    assert DownloadRecord.objects.count() == 0


def test_the_decisions_page_links_each_meetings_list(client, manager, planned):
    call, _evaluations = planned
    client.force_login(manager)
    page = client.get(f"/evaluation/calls/{call.pk}/decisions/").content.decode()
    for meeting in call.meetings.all():
        xlsx, csv_link = (page.index(url(call, meeting, ext)) for ext in ("xlsx", "csv"))
        assert xlsx < csv_link


def _download_queries(client, call, meeting):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(call, meeting, "xlsx"))
    assert response.status_code == 200
    return len(queries), response


def test_the_list_queries_do_not_grow_with_the_teams(client, manager):
    small, _evaluations = decided_call(manager)
    more = [CountryFactory(code=code) for code in ("CI", "BJ", "ML", "NG", "VN")]
    big, evaluations = decided_call(manager, extra_countries=more)
    Evaluation.objects.filter(pk__in=[evaluations[code].pk for code in ("GH", "CI", "BJ", "ML", "NG", "VN")]).update(
        state=EvaluationState.SELECTED, decision=Decision.SELECTED)
    for code in ("CI", "NG"):
        members_answer(evaluations[code], {1: (True, True), 2: (False, False), 3: (None, False)}, by=manager)
    client.force_login(manager)
    client.get("/evaluation/calls/")  # warm the session
    few, small_response = _download_queries(client, small, small.meetings.get())
    many, big_response = _download_queries(client, big, big.meetings.get())
    assert len(list(load_workbook(io.BytesIO(small_response.content)).active.iter_rows())) == 1 + 4 + 7
    assert len(list(load_workbook(io.BytesIO(big_response.content)).active.iter_rows())) == 1 + 7 * 4 + 7
    assert few == many
