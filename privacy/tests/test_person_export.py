"""The manager's export of everything stored about one person (issue 17 §2): what it finds, what
it leaves out, its two files, what each download records, and who may use it."""

import io
import json
from datetime import timedelta

import pypdf
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from accounts.tests.factories import UserFactory
from countries.tests.factories import CoreGroupMemberFactory, CountryFactory
from eoi.confirmation_models import ConfirmationState, MemberConfirmation
from eoi.models import TeamMember
from eoi.tests.factories import CallFactory, EOIFactory, fill_complete
from outbox.tests.factories import OutboundMailFactory
from privacy.enums import PrivacyActionKind
from privacy.models import PrivacyAction, subject_hash
from privacy.person import counts, person_data
from reports.models import DownloadRecord

pytestmark = pytest.mark.django_db

PERSON = "Awa_Ba@Sante.example.org"  # "_" is a LIKE wildcard: "awaxba@…" must not match
BACKEND = "accounts.backends.AuthenticationBackend"


def signed_in(user):
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def member(eoi, slot, email, name):
    row = TeamMember.objects.get(eoi=eoi, slot=slot)
    row.email, row.name = email, name
    row.save()
    return row


@pytest.fixture
def person():
    """Awa Ba: an account, a member of two teams (one confirmed), the contact of one EOI, mails;
    beside her, people whose addresses look like hers."""
    user = UserFactory(email=PERSON.lower(), full_name="Awa Ba", role=Role.FOCAL_POINT)
    first = fill_complete(EOIFactory(call=CallFactory(), country=CountryFactory(code="SN")))
    second = fill_complete(EOIFactory(call=CallFactory(), country=CountryFactory(code="ML")))
    confirmed = member(first, 1, PERSON.upper(), "Awa Ba")
    MemberConfirmation.objects.create(
        member=confirmed, email=confirmed.email, submission_number=1, token_hash="a" * 64,
        expires_at=timezone.now() + timedelta(days=9), state=ConfirmationState.CONFIRMED, consent=True,
        needs_interpretation=True, answered_at=timezone.now(),
    )
    member(second, 2, PERSON, "Awa Ba")
    second.contact_email, second.contact_name = PERSON.lower(), "Awa Ba"
    second.save()
    member(first, 2, "awaxba@sante.example.org", "Wildcard Person")
    member(second, 3, "awa_ba@sante.example.org.evil", "Suffix Person")
    member(second, 4, "x" + PERSON.lower(), "Prefix Person")
    OutboundMailFactory(to_email=PERSON, subject="Please confirm your place", body_text="Dear Awa, please confirm.")
    OutboundMailFactory(to_email=PERSON.lower(), subject="Thank you")
    OutboundMailFactory(to_email="x" + PERSON.lower(), subject="Not hers", body_text="Dear Prefix Person")
    CoreGroupMemberFactory(email="awaxba@sante.example.org", name="Wildcard Person")
    OutboundMailFactory(to_email="colleague@example.org", subject="Written by Awa", created_by=user)
    return user


@pytest.fixture
def manager():
    return UserFactory(role=Role.MANAGER, language="en")


def sections(data):
    return {s["key"]: s for s in data["sections"]}


def test_person_data_finds_every_record_of_the_address_in_any_case(person):
    data = sections(person_data(" " + PERSON.swapcase() + " "))
    assert [r["full_name"] for r in data["accounts"]["rows"]] == ["Awa Ba"]
    assert "password" not in json.dumps(data["accounts"])
    assert sorted(r["country"] for r in data["team_members"]["rows"]) == ["Mali", "Senegal"]
    senegal = next(r for r in data["team_members"]["rows"] if r["country"] == "Senegal")
    assert (senegal["confirmation"], senegal["consent"], senegal["needs_interpretation"]) == ("Confirmed", True, True)
    assert senegal["time_zone"] == "Africa/Nairobi" and senegal["answered_at_local"].endswith("+03:00")
    assert [r["country"] for r in data["contacts"]["rows"]] == ["Mali"]
    assert sorted(r["subject"] for r in data["mails"]["rows"]) == ["Please confirm your place", "Thank you"]
    assert "Dear Awa, please confirm." in [r["body_text"] for r in data["mails"]["rows"]]
    history = {r["record"]: r["count"] for r in data["history"]["rows"]}
    assert history == {"expressions of interest": 1, "outgoing e-mails": 2, "team members": 2}
    assert data["core_groups"]["count"] == 0
    # Rows pointing to her account are counted, not copied: a mail she wrote to someone else.
    assert data["linked_records"]["rows"] == [{"record": "outgoing e-mails", "as": "created by", "count": 1}]


def test_person_data_never_includes_someone_with_a_similar_address(person):
    text = json.dumps(person_data(PERSON), ensure_ascii=False)
    for other in ("Wildcard Person", "Suffix Person", "Prefix Person", "Not hers", "awaxba", ".evil", "Member 3",
                  "Written by Awa", "colleague@"):
        assert other not in text


def test_person_data_is_json_and_in_the_active_language(person):
    from django.utils import translation

    with translation.override("fr"):
        data = person_data(PERSON)
    json.dumps(data)
    titles = [s["title"] for s in data["sections"]]
    assert "Comptes d'utilisateur" in titles and "Courriels qui leur ont été adressés" in titles
    assert sections(data)["team_members"]["rows"][0]["country"] in {"Sénégal", "Mali"}


def _queries(email):
    with CaptureQueriesContext(connection) as context:
        person_data(email)
    return len(context)


def test_person_data_query_count_does_not_grow_with_the_records(person):
    one = _queries(PERSON)
    for _ in range(4):
        eoi = fill_complete(EOIFactory(call=CallFactory(), country=CountryFactory()))
        member(eoi, 1, PERSON, "Awa Ba")
        eoi.contact_email = PERSON
        eoi.save()
        OutboundMailFactory(to_email=PERSON)
        CoreGroupMemberFactory(email=PERSON)
    assert sections(person_data(PERSON))["team_members"]["count"] == 6
    assert _queries(PERSON) == one


def test_search_page_shows_what_was_found_with_the_downloads(person, manager):
    response = signed_in(manager).post(reverse("privacy:person"), {"email": PERSON.upper()})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Found for {PERSON.upper()}" in page
    assert "Team member of an expression of interest" in page and "Download as PDF" in page
    assert "Wildcard Person" not in page and PrivacyAction.objects.count() == 0  # looking is not exporting


def test_search_page_says_nothing_was_found_and_keeps_the_address(manager):
    response = signed_in(manager).post(reverse("privacy:person"), {"email": "nobody@example.org"},
                                       HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert "Rien n'est conservé sur nobody@example.org" in page
    assert 'value="nobody@example.org"' in page and "Download as" not in page


def test_search_page_refuses_a_non_address_and_keeps_it(manager):
    response = signed_in(manager).post(reverse("privacy:person"), {"email": "not an address"})
    page = response.content.decode()
    assert response.status_code == 200 and "Enter a valid email address." in page
    assert 'value="not an address"' in page


def test_json_download_is_recorded(person, manager):
    response = signed_in(manager).post(reverse("privacy:person_download"),
                                       {"json-email": PERSON, "json-file_format": "json"})
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert PERSON.lower() not in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith('{\n  "email"') and "Awa Ba" in body and "Wildcard Person" not in body
    action = PrivacyAction.objects.get()
    assert (action.kind, action.performed_by, action.subject_hash) == (
        PrivacyActionKind.PERSON_EXPORT, manager, subject_hash(PERSON))
    assert action.counts == counts(json.loads(body)) and action.counts["team_members"] == 2
    record = DownloadRecord.objects.get()
    assert (record.user, record.kind, record.object_id) == (manager, "person_export", str(action.pk))


def test_pdf_download_is_readable_in_the_managers_language(person):
    manager = UserFactory(role=Role.MANAGER, language="fr")
    client = signed_in(manager)
    client.cookies["django_language"] = "fr"
    response = client.post(reverse("privacy:person_download"), {"pdf-email": PERSON, "pdf-file_format": "pdf"},
                           HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Awa Ba" in text and "Comptes d" in text and "Wildcard Person" not in text
    assert PrivacyAction.objects.filter(kind=PrivacyActionKind.PERSON_EXPORT).count() == 1
    assert DownloadRecord.objects.get().name.endswith(".pdf")


def test_download_of_nothing_or_of_a_non_address_writes_nothing(manager):
    client = signed_in(manager)
    nothing = client.post(reverse("privacy:person_download"), {"json-email": "nobody@example.org",
                                                              "json-file_format": "json"})
    bad = client.post(reverse("privacy:person_download"), {"json-email": "a\x00b", "json-file_format": "json"})
    assert nothing.status_code == bad.status_code == 200
    assert "Nothing is stored about nobody@example.org" in nothing.content.decode()
    assert "Null characters are not allowed." in bad.content.decode()
    assert PrivacyAction.objects.count() == DownloadRecord.objects.count() == 0


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.FACILITATOR, Role.STEERING])
def test_only_the_manager_may_export(person, role):
    client = signed_in(UserFactory(role=role))
    assert client.get(reverse("privacy:person")).status_code == 403
    assert client.post(reverse("privacy:person"), {"email": PERSON}).status_code == 403
    assert client.post(reverse("privacy:person_download"), {"json-email": PERSON,
                                                            "json-file_format": "json"}).status_code == 403
    assert Client().get(reverse("privacy:person")).status_code == 302
    assert PrivacyAction.objects.count() == 0


def test_manager_home_links_to_the_export(manager):
    assert reverse("privacy:person") in signed_in(manager).get(reverse("accounts:manager_home")).content.decode()


def _page_queries(client):
    with CaptureQueriesContext(connection) as context:
        assert client.post(reverse("privacy:person"), {"email": PERSON}).status_code == 200
    return len(context)


def test_summary_page_query_count_does_not_grow_with_the_records(person, manager):
    client = signed_in(manager)
    one = _page_queries(client)
    for _ in range(4):
        OutboundMailFactory(to_email=PERSON.upper(), created_by=person)
        CoreGroupMemberFactory(email=PERSON)
    assert _page_queries(client) == one

