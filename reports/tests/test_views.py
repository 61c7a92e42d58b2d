import io
from pathlib import Path

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from reports.enums import FileState
from reports.models import GeneratedFile
from reports.tests.helpers import stored_files
from reports.tests.factories import GeneratedFileFactory

pytestmark = pytest.mark.django_db

ROLES = [None, Role.FOCAL_POINT, Role.FACILITATOR, Role.STEERING, "requester", Role.MANAGER]
ACTIONS = ["list", "request_form", "request", "status", "download"]
ALLOWED = {"list": 200, "request_form": 200, "request": 302, "status": 200, "download": 200}
# Deny by default: no page → 403, an object (a file, a kind of file) → 404, anonymous → login.
DENIED = {"list": 403, "request_form": 404, "request": 404, "status": 404, "download": 404}


def perform(client, action, generated_file):
    if action == "list":
        return client.get(reverse("reports:list"))
    if action == "request_form":
        return client.get(reverse("reports:request", args=["sample"]))
    if action == "request":
        return client.post(reverse("reports:request", args=["sample"]), {"language": "en"})
    return client.get(reverse(f"reports:{action}", args=[generated_file.pk]))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_reports_views_answer_each_role(client, make_user, role, action):
    generated_file = GeneratedFileFactory(done=True)
    if role == "requester":
        client.force_login(generated_file.requested_by)
    elif role is not None:
        client.force_login(make_user(role))
    response = perform(client, action, generated_file)
    if role is None:
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    elif role in ("requester", Role.MANAGER):
        assert response.status_code == ALLOWED[action]
    else:
        assert response.status_code == DENIED[action]


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.FACILITATOR])
def test_download_of_a_managers_file_by_another_role_is_not_found(client, make_user, role, country):
    generated_file = GeneratedFileFactory(done=True)
    client.force_login(make_user(role, countries=[country] if role == Role.FOCAL_POINT else []))
    assert client.get(reverse("reports:download", args=[generated_file.pk])).status_code == 404
    assert client.get(reverse("reports:status", args=[generated_file.pk])).status_code == 404


def test_request_then_download_serves_the_stored_pdf(client, manager, media_root, django_capture_on_commit_callbacks):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:request", args=["sample"]), {"language": "fr"})
    generated_file = GeneratedFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:status", args=[generated_file.pk])

    status = client.get(response["Location"])
    download_url = reverse("reports:download", args=[generated_file.pk])
    assert status.status_code == 200
    assert download_url in status.content.decode()
    assert b'http-equiv="refresh"' not in status.content

    download = client.get(download_url)
    body = b"".join(download.streaming_content)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="document-de-test-jln-fr.pdf"'
    assert download["Cache-Control"] == "private, no-store"
    assert int(download["Content-Length"]) == len(body) == generated_file.size
    assert (Path(media_root) / generated_file.file.name).read_bytes() == body
    assert stored_files(Path(media_root)) == [generated_file.file.name]
    assert len(pypdf.PdfReader(io.BytesIO(body)).pages) == 2


def test_status_page_of_a_file_in_progress_refreshes_itself(client, manager):
    generated_file = GeneratedFileFactory(requested_by=manager, state=FileState.RUNNING, progress=40)
    client.force_login(manager)
    content = client.get(reverse("reports:status", args=[generated_file.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in content
    assert '<progress id="progress" max="100" value="40">' in content
    assert reverse("reports:download", args=[generated_file.pk]) not in content


def test_status_page_of_a_failed_file_shows_the_error_and_offers_to_ask_again(client, manager):
    generated_file = GeneratedFileFactory(requested_by=manager, state=FileState.FAILED, error="RuntimeError: boom")
    client.force_login(manager)
    content = client.get(reverse("reports:status", args=[generated_file.pk])).content.decode()
    assert "The document could not be generated." in content
    assert "RuntimeError: boom" in content
    assert reverse("reports:request", args=["sample"]) in content
    assert "http-equiv" not in content


def test_status_page_in_french(client, manager):
    generated_file = GeneratedFileFactory(requested_by=manager, state=FileState.RUNNING, progress=40)
    client.force_login(manager)
    content = client.get(reverse("reports:status", args=[generated_file.pk]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "40&nbsp;% effectués" in content
    assert "En cours de génération" in content


def test_download_of_an_unfinished_file_is_not_found(client, manager):
    generated_file = GeneratedFileFactory(requested_by=manager, state=FileState.RUNNING)
    client.force_login(manager)
    assert client.get(reverse("reports:download", args=[generated_file.pk])).status_code == 404


def test_request_in_an_unknown_language_shows_an_error_and_creates_nothing(client, manager):
    client.force_login(manager)
    response = client.post(reverse("reports:request", args=["sample"]), {"language": "de"})
    assert response.status_code == 200
    assert "Select a valid choice. de is not one of the available choices." in response.content.decode()
    assert GeneratedFile.objects.count() == 0


def test_request_of_an_unknown_kind_is_not_found(client, manager):
    client.force_login(manager)
    assert client.post(reverse("reports:request", args=["nope"]), {"language": "en"}).status_code == 404


def test_per_object_hook_lets_a_focal_point_download_their_countrys_file(
    client, make_user, country, other_country, temporary_kind
):
    def is_focal_point_of_file_country(user, generated_file):
        return generated_file.parameters.get("country_id") in user.focal_country_ids

    kind = temporary_kind("country_file", can_view=is_focal_point_of_file_country)
    generated_file = GeneratedFileFactory(done=True, kind=kind, parameters={"country_id": country.pk})
    url = reverse("reports:download", args=[generated_file.pk])
    client.force_login(make_user(Role.FOCAL_POINT, countries=[country]))
    assert client.get(url).status_code == 200
    client.force_login(make_user(Role.FOCAL_POINT, countries=[other_country]))
    assert client.get(url).status_code == 404
    client.force_login(make_user(Role.MANAGER))
    assert client.get(url).status_code == 404  # the hook replaces the default, it does not add to it


def test_list_shows_the_managers_files_and_offers_the_sample(client, manager, make_user):
    mine = GeneratedFileFactory(requested_by=manager, done=True)
    colleague = GeneratedFileFactory(done=True)
    focal = GeneratedFileFactory(requested_by=make_user(Role.FOCAL_POINT))
    client.force_login(manager)
    response = client.get(reverse("reports:list"))
    shown = {g.pk for g in response.context["generated_files"]}
    assert shown == {mine.pk, colleague.pk}
    assert focal.pk not in shown
    assert reverse("reports:request", args=["sample"]) in response.content.decode()


def test_list_query_count_does_not_grow_with_rows(client, manager):
    client.force_login(manager)
    url = reverse("reports:list")
    GeneratedFileFactory(requested_by=manager, done=True)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    GeneratedFileFactory.create_batch(12, done=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["generated_files"]) == 13
    assert len(many) == len(one)


def test_admin_links_a_file_through_the_download_view(client, manager):
    generated_file = GeneratedFileFactory(requested_by=manager, done=True)
    client.force_login(manager)
    content = client.get(reverse("admin:reports_generatedfile_change", args=[generated_file.pk])).content.decode()
    assert f'<a href="{reverse("reports:download", args=[generated_file.pk])}">report.pdf</a>' in content
    assert "/media/" not in content
