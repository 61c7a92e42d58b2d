"""The panel's tools (issue 14): the raw score export, the reviews of one EOI side by side, and
the progress of the reviews per facilitator."""

import csv
import io
from io import BytesIO

import pytest
from openpyxl import load_workbook

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.models import Assignment, EvaluationSettings

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(make_user):
    """Kenya reviewed by Ann (5, 1, 3) and Ben (1, 5, 3); Ghana by Ann only (submitted) and a
    draft by Ben; Carl reviewed Kenya, then declared a conflict with it (his scores stop counting)."""
    manager = make_user(Role.MANAGER)
    call = call_with_criteria(slug="panel-call")
    evaluations = under_review(call, [CountryFactory(code="KE"), CountryFactory(code="GH")], by=manager)
    ann, ben, carl = facilitator(full_name="Ann"), facilitator(full_name="Ben"), facilitator(full_name="Carl")
    kenya, ghana = evaluations["KE"], evaluations["GH"]
    review(kenya, ann, (5, 1, 3), comment="Strong reform.")
    review(kenya, ben, (1, 5, 3), comment="=Weak reform.")
    review(kenya, carl, (4, 4, 4))
    services.conflict_declare(reviewer=carl, country=kenya.eoi.country, reason="Adviser.", by=manager)
    review(ghana, ann, (3, 3, 3))
    review(ghana, ben, (2, 2, None), submit=False)
    return manager, call, kenya, ghana, (ann, ben, carl)


def _xlsx(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(BytesIO(response.content)).active.values)


def test_raw_scores_export_every_score_as_numbers(client, panel):
    manager, call, *_ = panel
    client.force_login(manager)
    table = _xlsx(client.get(f"/evaluation/calls/{call.pk}/scores/export.xlsx"))
    assert table[0][:9] == ("Country", "ISO code", "Reviewer", "Criterion number", "Criterion", "Score",
                            "Lowest score", "Highest score", "Comment for the country")
    rows = [line[:9] for line in table[1:]]
    # Ghana's draft and Carl's conflicted review are not there; Ben's comment is kept as text.
    assert [(r[0], r[2], r[3], r[5]) for r in rows] == [
        ("Ghana", "Ann", 1, 3), ("Ghana", "Ann", 2, 3), ("Ghana", "Ann", 3, 3),
        ("Kenya", "Ann", 1, 5), ("Kenya", "Ann", 2, 1), ("Kenya", "Ann", 3, 3),
        ("Kenya", "Ben", 1, 1), ("Kenya", "Ben", 2, 5), ("Kenya", "Ben", 3, 3),
    ]
    assert all(isinstance(r[5], int) and (r[6], r[7]) == (0, 5) for r in rows)
    assert rows[3][8] == "Strong reform." and rows[6][8] == "'=Weak reform."
    content = client.get(f"/evaluation/calls/{call.pk}/scores/export.csv").content
    assert content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(lines) == 10 and lines[4][:6] == ["Kenya", "KE", "Ann", "1", lines[4][4], "5"]


def test_raw_scores_export_keeps_blind_review(client, panel):
    """Ben's Ghana review is a draft: he gets Kenya's scores (he submitted his), not Ghana's."""
    _manager, call, _kenya, _ghana, (ann, ben, _carl) = panel
    client.force_login(ben)
    rows = _xlsx(client.get(f"/evaluation/calls/{call.pk}/scores/export.xlsx"))[1:]
    assert {(r[0], r[2]) for r in rows} == {("Kenya", "Ann"), ("Kenya", "Ben")}
    outsider = facilitator()
    client.force_login(outsider)
    assert _xlsx(client.get(f"/evaluation/calls/{call.pk}/scores/export.xlsx"))[1:] == []
    assert client.get(f"/evaluation/calls/{call.pk}/scores/export.pdf").status_code == 404


def test_review_matrix_side_by_side(client, panel):
    manager, _call, kenya, _ghana, _people = panel
    client.force_login(manager)
    response = client.get(f"/evaluation/eois/{kenya.pk}/reviews/")
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert [r.reviewer.full_name for r in matrix.reviews] == ["Ann", "Ben"]  # Carl's conflicted review is out
    assert [[cell.value for cell in row.cells] for row in matrix.rows] == [[5, 1], [1, 5], [3, 3]]
    assert [row.disagreement for row in matrix.rows] == [True, True, False]
    assert matrix.result.spread == 0 and not matrix.result.disagreement
    content = response.content.decode()
    assert "Strong reform." in content and content.count("to discuss") == 2


def test_review_matrix_follows_the_blind_review_rule(client, panel):
    _manager, _call, kenya, ghana, (ann, ben, carl) = panel
    client.force_login(ben)
    assert client.get(f"/evaluation/eois/{kenya.pk}/reviews/").status_code == 200  # his is submitted
    assert client.get(f"/evaluation/eois/{ghana.pk}/reviews/").status_code == 403  # only a draft
    client.force_login(carl)
    assert client.get(f"/evaluation/eois/{kenya.pk}/reviews/").status_code == 404  # conflicted
    EvaluationSettings.objects.filter(call=kenya.eoi.call).update(hide_scores_until_submitted=False)
    client.force_login(ben)
    assert client.get(f"/evaluation/eois/{ghana.pk}/reviews/").status_code == 200


def test_progress_per_facilitator(client, panel):
    manager, call, kenya, ghana, (ann, ben, carl) = panel
    dora = facilitator(full_name="Dora")
    Assignment.objects.create(evaluation=ghana, reviewer=dora)
    client.force_login(manager)
    response = client.get(f"/evaluation/calls/{call.pk}/progress/")
    progress = response.context["progress"]
    figures = {row.reviewer.full_name: (row.assigned, len(row.drafted), len(row.submitted), len(row.left))
               for row in progress.facilitators}
    assert figures == {"Ann": (2, 0, 2, 0), "Ben": (2, 1, 1, 1), "Dora": (1, 0, 0, 1)}
    assert (progress.assigned, progress.drafted, progress.submitted, progress.left) == (5, 1, 3, 2)
    content = response.content.decode()
    assert "Reviews submitted: 3 of 5 · drafts: 1 · left to submit: 2." in content
    assert f'href="/evaluation/calls/{call.pk}/progress/"' in content  # in the call's navigation


@pytest.mark.parametrize("size", [1, 6])
def test_progress_queries_constant(client, make_user, django_assert_num_queries, size):
    """Session, user, the call with its settings, the assignments with their reviews: 4."""
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluations = list(under_review(call, [CountryFactory() for _ in range(size)], by=manager).values())
    for evaluation in evaluations:
        for number in range(size):
            reviewer = facilitator(full_name=f"Reviewer {number}")
            review(evaluation, reviewer, (3, 3, 3), submit=number % 2 == 0)
    client.force_login(manager)
    url = f"/evaluation/calls/{call.pk}/progress/"
    client.get(url)
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


def test_panel_tools_speak_french(client, panel):
    manager, call, kenya, _ghana, _people = panel
    manager.language = "fr"
    manager.save()
    client.force_login(manager)
    progress = client.get(f"/evaluation/calls/{call.pk}/progress/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Avancement des évaluations" in progress and "Évaluations soumises\xa0: 3 sur 4 · brouillons\xa0: 1" in progress
    matrix = client.get(f"/evaluation/eois/{kenya.pk}/reviews/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Évaluations côte à côte" in matrix and "Total sur 100" in matrix
    table = _xlsx(client.get(f"/evaluation/calls/{call.pk}/scores/export.xlsx", HTTP_ACCEPT_LANGUAGE="fr"))
    assert table[0][8] == "Commentaire pour le pays"


def test_filled_tools_are_valid_html(client, panel):
    """The matrix and the progress page with their figures (the world of e2e/ has none) pass the
    Nu validator (skipped where it is not installed, as e2e/test_html_valid.py)."""
    from e2e.html_validator import format_errors, validate, validator_missing

    if validator_missing():
        pytest.skip(validator_missing())
    manager, call, kenya, _ghana, _people = panel
    client.force_login(manager)
    documents = {
        "matrix": client.get(f"/evaluation/eois/{kenya.pk}/reviews/").content.decode(),
        "progress": client.get(f"/evaluation/calls/{call.pk}/progress/").content.decode(),
        "ranking": client.get(f"/evaluation/calls/{call.pk}/ranking/").content.decode(),
    }
    errors = validate(documents)
    assert not errors, format_errors(errors)
