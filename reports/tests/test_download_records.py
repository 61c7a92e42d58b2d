"""Every download of a file holding personal data leaves a DownloadRecord: who, when, which file."""

import pytest
from django.urls import reverse

from jln_portal.tests.url_matrix_expected import URL_KWARGS
from jln_portal.tests.world import build_world
from reports.models import DownloadRecord

pytestmark = pytest.mark.django_db

BACKEND = "accounts.backends.AuthenticationBackend"


@pytest.fixture
def world(db):
    return build_world()


@pytest.mark.parametrize(
    ("url_name", "role", "kind"),
    [
        ("reports:download", "manager", None),  # the generated file's own kind
        ("eoi:manage_eois_export", "manager", "eoi_export_eois"),
        ("evaluation:scores_export", "facilitator", "raw_scores_export"),
        ("evaluation:ranking_export", "manager", "ranking_export"),
    ],
)
def test_download_is_recorded_with_who_and_which_file(client, world, url_name, role, kind):
    user = world.users[role]
    client.force_login(user, backend=BACKEND)
    assert DownloadRecord.objects.count() == 0
    response = client.get(reverse(url_name, kwargs=URL_KWARGS[url_name](world)))
    assert response.status_code == 200
    record = DownloadRecord.objects.get()
    assert record.user == user
    if url_name == "reports:download":
        assert (record.kind, record.object_id, record.name) == (
            world.generated_file.kind, str(world.generated_file.pk), world.generated_file.filename)
    else:
        assert record.kind == kind
        assert record.name in response["Content-Disposition"]


def test_refused_download_records_nothing(client, world):
    client.force_login(world.users["focal_a"], backend=BACKEND)
    response = client.get(reverse("reports:download", kwargs=URL_KWARGS["reports:download"](world)))
    assert response.status_code == 404
    assert not DownloadRecord.objects.exists()


def test_download_records_are_read_only_in_the_admin(client, world):
    client.force_login(world.users["manager"], backend=BACKEND)
    client.get(reverse("reports:download", kwargs=URL_KWARGS["reports:download"](world)))
    record = DownloadRecord.objects.get()
    assert client.get(reverse("admin:reports_downloadrecord_changelist")).status_code == 200
    page = client.get(reverse("admin:reports_downloadrecord_change", args=[record.pk])).content.decode()
    assert record.name in page
    assert 'name="_save"' not in page  # no save button: read-only
    assert client.post(reverse("admin:reports_downloadrecord_delete", args=[record.pk]), {"post": "yes"}).status_code == 403
    assert DownloadRecord.objects.count() == 1
