"""Who may ask for and download the evaluation's documents; the download links on the EOI pages."""

import pytest

from accounts.enums import Role
from accounts.tests.factories import UserFactory
from countries.models import Country
from reports.enums import FileState
from reports.models import GeneratedFile
from reports.tests.factories import GeneratedFileFactory

from .reporting import decided_call, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def call_and_evaluations():
    return decided_call(UserFactory(role=Role.MANAGER))


def _focal_point(code):
    user = UserFactory(role=Role.FOCAL_POINT)
    Country.objects.get(code=code).focal_points.add(user)
    return user


def _request_record(client, eoi_id, captured, language="fr"):
    with captured(execute=True):
        return client.post("/reports/new/eoi_pdf/", {"language": language, "eoi": eoi_id})


def test_focal_point_downloads_their_countrys_record(client, call_and_evaluations, django_capture_on_commit_callbacks):
    _call, evaluations = call_and_evaluations
    senegal = _focal_point("SN")
    client.force_login(senegal)
    response = _request_record(client, evaluations["SN"].eoi_id, django_capture_on_commit_callbacks)
    generated = GeneratedFile.objects.get(kind="eoi_pdf")
    assert response.status_code == 302 and response["Location"] == f"/reports/{generated.pk}/"
    assert generated.state == FileState.DONE and generated.parameters == {"eoi_id": evaluations["SN"].eoi_id}
    assert f"/reports/{generated.pk}/download/" in client.get(f"/reports/{generated.pk}/").content.decode()
    download = client.get(f"/reports/{generated.pk}/download/")
    text = pdf_text(b"".join(download.streaming_content))
    assert "Sénégal" in text and "Retour pour SN" in text

    # Another focal point of Senegal may download it too; Ghana's may not even see it.
    client.force_login(_focal_point("SN"))
    assert client.get(f"/reports/{generated.pk}/download/").status_code == 200
    client.force_login(_focal_point("GH"))
    assert client.get(f"/reports/{generated.pk}/download/").status_code == 404
    assert client.get(f"/reports/{generated.pk}/").status_code == 404


def test_focal_point_cannot_ask_for_another_countrys_record(client, call_and_evaluations,
                                                           django_capture_on_commit_callbacks):
    _call, evaluations = call_and_evaluations
    client.force_login(_focal_point("GH"))
    response = _request_record(client, evaluations["SN"].eoi_id, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and "eoi" in response.context["form"].errors
    assert not GeneratedFile.objects.exists()


@pytest.mark.parametrize("role, expected", [
    (Role.MANAGER, 200), (Role.FACILITATOR, 404), (Role.STEERING, 404), (Role.FOCAL_POINT, 404),
])
@pytest.mark.parametrize("kind", ["selection_report", "dossier_zip", "eoi_pdf"])
def test_download_of_a_managers_document_by_each_role(client, call_and_evaluations, role, expected, kind):
    _call, evaluations = call_and_evaluations
    generated = GeneratedFileFactory(kind=kind, done=True, parameters={"eoi_id": evaluations["SN"].eoi_id})
    client.force_login(_focal_point("GH") if role == Role.FOCAL_POINT else UserFactory(role=role))
    assert client.get(f"/reports/{generated.pk}/download/").status_code == expected


@pytest.mark.parametrize("role, kind, expected", [
    (Role.MANAGER, "selection_report", 200), (Role.MANAGER, "dossier_zip", 200), (Role.MANAGER, "eoi_pdf", 200),
    (Role.FACILITATOR, "selection_report", 404), (Role.FACILITATOR, "dossier_zip", 404),
    (Role.FACILITATOR, "eoi_pdf", 404), (Role.STEERING, "selection_report", 404), (Role.STEERING, "eoi_pdf", 404),
    (Role.FOCAL_POINT, "selection_report", 404), (Role.FOCAL_POINT, "dossier_zip", 404),
    (Role.FOCAL_POINT, "eoi_pdf", 200),
])
def test_request_form_of_each_kind_by_each_role(client, call_and_evaluations, role, kind, expected):
    client.force_login(_focal_point("SN") if role == Role.FOCAL_POINT else UserFactory(role=role))
    assert client.get(f"/reports/new/{kind}/").status_code == expected


def test_eoi_pages_offer_the_record_to_the_focal_point_and_the_manager(client, call_and_evaluations):
    _call, evaluations = call_and_evaluations
    eoi_id = evaluations["SN"].eoi_id
    for user in (_focal_point("SN"), UserFactory(role=Role.MANAGER)):
        client.force_login(user)
        page = client.get(f"/eoi/{eoi_id}/").content.decode()
        assert 'action="/reports/new/eoi_pdf/"' in page and f'name="eoi" value="{eoi_id}"' in page
    client.force_login(UserFactory(role=Role.MANAGER))
    page = client.get(f"/evaluation/eois/{evaluations['SN'].pk}/").content.decode()
    assert 'action="/reports/new/eoi_pdf/"' in page


def test_ranking_export_has_the_rows_of_the_filtered_ranking(client, call_and_evaluations):
    import csv
    import io

    from openpyxl import load_workbook

    call, _evaluations = call_and_evaluations
    client.force_login(UserFactory(role=Role.MANAGER))
    query = "eligibility=all&sort=country"
    page = client.get(f"/evaluation/calls/{call.pk}/ranking/?{query}")
    assert f"/evaluation/calls/{call.pk}/ranking/export.csv?{query.replace('&', '&amp;')}" in page.content.decode()
    listed = [str(row.evaluation.eoi.country.name) for row in page.context["rows"]]
    content = client.get(f"/evaluation/calls/{call.pk}/ranking/export.csv?{query}").content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == listed == ["Ghana", "Kenya", "Senegal"]
    assert rows[1 + listed.index("Senegal")][0] == "1"  # rank
    sheet = load_workbook(io.BytesIO(client.get(f"/evaluation/calls/{call.pk}/ranking/export.xlsx?{query}").content)).active
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == listed
    headings = [cell.value for cell in sheet[1]]
    senegal = [cell.value for cell in sheet[2 + listed.index("Senegal")]]
    assert senegal[0] == 1 and isinstance(senegal[headings.index("Mean")], (int, float))  # numbers as numbers
    # Excel (XLSX) is offered first, CSV (UTF-8 with a byte-order mark) after it.
    html = page.content.decode()
    assert html.index(f"/ranking/export.xlsx?{query.replace('&', '&amp;')}") < html.index(f"/ranking/export.csv?")
    assert content.startswith(b"\xef\xbb\xbf")


def test_ranking_export_is_refused_to_focal_points(client, call_and_evaluations):
    call, _evaluations = call_and_evaluations
    client.force_login(_focal_point("SN"))
    assert client.get(f"/evaluation/calls/{call.pk}/ranking/export.csv").status_code == 404
