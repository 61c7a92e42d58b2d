"""Erasure on request (issue 17 §2): one person anonymised wherever the portal holds their
address, the record kept under the address's hash, their account deactivated and never
deleted; the manager's page, its confirmation step and its refusals."""

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from accounts.models import User
from countries.models import CoreGroup, CoreGroupMember
from countries.tests.factories import CountryFactory
from eoi.confirmation_models import MemberConfirmation
from eoi.models import ExpressionOfInterest, TeamMember
from eoi.services.confirmations import confirmations_request_for_submission
from eoi.team import distinct_count
from eoi.tests.factories import CallFactory
from evaluation.tests.factories import manager as make_manager
from evaluation.tests.factories import submitted_eoi
from membership.models import ApplicationRequest
from outbox.enums import MailKind, MailState
from outbox.models import OutboundMail
from privacy import services
from privacy.anonymise import is_placeholder
from privacy.enums import PrivacyActionKind
from privacy.models import PrivacyAction, subject_hash
from reports.models import DownloadRecord

pytestmark = pytest.mark.django_db
ADDRESS = "Fatou.Diop@Sante.example"


def _person_in_several_places():
    manager = make_manager()
    call = CallFactory()
    first, second = submitted_eoi(call, CountryFactory(code="SN")), submitted_eoi(call, CountryFactory(code="ML"))
    TeamMember.objects.filter(eoi=first, slot=3).update(name="Fatou Diop", email=ADDRESS)
    confirmations_request_for_submission(eoi=first, by=manager)
    ExpressionOfInterest.objects.filter(pk=second.pk).update(contact_name="Fatou Diop", contact_email=ADDRESS.lower())
    second.refresh_from_db()
    second.save()  # a history row with her as the contact
    group = CoreGroup.objects.create(country=first.country)
    CoreGroupMember.objects.create(core_group=group, name="Fatou Diop", institution="MoH", position="Adviser",
                                   email=ADDRESS, gender="female")
    ApplicationRequest.objects.create(email=ADDRESS, data={"contact_name": "Fatou Diop"})
    user = User.objects.create_user(email=ADDRESS.lower(), password="a-long-Passw0rd", role=Role.FOCAL_POINT,
                                    full_name="Fatou Diop")
    DownloadRecord.objects.create(user=user, kind="eoi_export", name="eois.xlsx")  # PROTECT: never deleted
    AccessLog.objects.create(username=ADDRESS.lower(), ip_address="10.0.0.1", user_agent="Firefox",
                             attempt_time=timezone.now())
    AccessFailureLog.objects.create(username=ADDRESS, ip_address="10.0.0.1", user_agent="Firefox",
                                    attempt_time=timezone.now(), locked_out=False)
    OutboundMail.objects.create(kind=MailKind.NOTICE, state=MailState.SENT, sent_at=timezone.now(),
                                to_email=ADDRESS, to_name="Fatou Diop", language="fr", subject="Bonjour Fatou Diop",
                                body_text="Bonjour Fatou Diop")
    return manager, first, second, user


def test_person_erase_anonymises_every_place_and_records_it():
    manager, first, second, user = _person_in_several_places()
    plan = services.person_erasure_plan(ADDRESS)
    assert plan["team members"] == 1 and plan["contact person"] == 1 and plan["user accounts"] == 1
    size = distinct_count(list(TeamMember.objects.filled().filter(eoi=first)))

    action = services.person_erase(ADDRESS.upper(), by=manager, reason="Asked by e-mail")

    member = TeamMember.objects.get(eoi=first, slot=3)
    assert is_placeholder(member.name) and member.email == "" and member.organisation == "Institution 3"
    assert distinct_count(list(TeamMember.objects.filled().filter(eoi=first))) == size
    assert TeamMember.objects.get(eoi=first, slot=1).name == "Member 1"  # her colleagues stay
    assert not TeamMember.history.filter(email__iexact=ADDRESS).exists()
    second.refresh_from_db()
    assert is_placeholder(second.contact_name) and second.contact_email == ""
    assert not ExpressionOfInterest.history.filter(contact_email__iexact=ADDRESS).exists()
    assert not MemberConfirmation.objects.filter(email__iexact=ADDRESS).exists()
    assert MemberConfirmation.objects.filter(member=member).count() == 1
    assert not OutboundMail.objects.filter(to_email__iexact=ADDRESS, state__in=MailState.PENDING).exists()
    sent = OutboundMail.objects.get(subject__startswith="Bonjour")
    assert (sent.to_name, sent.body_text, sent.subject) == ("", "", "Bonjour (anonymised)")
    assert not OutboundMail.objects.filter(to_email__iexact=ADDRESS).exists()
    core = CoreGroupMember.objects.get()
    assert is_placeholder(core.name) and core.email.endswith("@invalid.invalid") and core.gender == "female"
    assert not ApplicationRequest.objects.exists()
    assert not AccessLog.objects.exists() and not AccessFailureLog.objects.exists()
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password() and is_placeholder(user.full_name)
    assert user.email.endswith("@invalid.invalid") and DownloadRecord.objects.get().user == user
    assert (action.kind, action.performed_by, action.reason) == (PrivacyActionKind.PERSON_ERASURE, manager,
                                                                 "Asked by e-mail")
    assert action.subject_hash == subject_hash(ADDRESS) and action.eoi is None
    assert action.counts["team members"] == 1 and action.counts["user accounts"] == 1
    assert action.counts["mails discarded before leaving"] == 1  # her request to confirm, not yet sent
    with pytest.raises(services.ErasureRefused):  # nothing is left to erase
        services.person_erasure_plan(ADDRESS)


def test_person_erase_refuses_bad_unknown_and_own_addresses():
    manager = make_manager(email="boss@example.org")
    for address in ("not an address", "nobody@example.org"):
        with pytest.raises(services.ErasureRefused):
            services.person_erase(address, by=manager, reason="x")
    with pytest.raises(services.ErasureRefused):
        services.person_erase("BOSS@example.org", by=manager, reason="x")
    assert PrivacyAction.objects.count() == 0 and User.objects.get(pk=manager.pk).is_active


def test_erase_page_shows_what_will_change_then_erases(client):
    manager, first, second, user = _person_in_several_places()
    client.force_login(manager)
    url = reverse("privacy:erase")
    assert client.get(url).status_code == 200

    preview = client.post(url, {"email": ADDRESS, "reason": "Asked"})
    assert preview.status_code == 200 and "Team members" in preview.content.decode()
    assert PrivacyAction.objects.count() == 0 and TeamMember.objects.filter(email=ADDRESS).exists()

    back = client.post(url, {"email": ADDRESS, "reason": "Asked", "edit": "1"})
    assert ADDRESS in back.content.decode() and "Show what will change" in back.content.decode()

    done = client.post(url, {"email": ADDRESS, "reason": "Asked", "confirm": "1"}, follow=True)
    assert done.redirect_chain[-1][0] == url and PrivacyAction.objects.filter(kind="person_erasure").count() == 1
    assert not TeamMember.objects.filter(email__iexact=ADDRESS).exists()


@pytest.mark.parametrize("address", ["nobody@example.org", "not an address"])
def test_erase_page_refuses_in_french_keeping_the_address(client, address):
    manager = make_manager(language="fr")
    client.force_login(manager)
    response = client.post(reverse("privacy:erase"), {"email": address, "reason": "Demande"},
                           HTTP_ACCEPT_LANGUAGE="fr")
    text = response.content.decode()
    assert response.status_code == 200 and f'value="{address}"' in text
    assert ("Le portail ne détient rien sur" in text) if "@" in address else ("adresse de courriel valide" in text)
    assert PrivacyAction.objects.count() == 0


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.FACILITATOR, Role.STEERING])
def test_erase_page_is_the_managers_only(client, make_user, role):
    _manager, first, _second, _user = _person_in_several_places()
    client.force_login(make_user(role))
    url = reverse("privacy:erase")
    assert client.get(url).status_code == 403
    assert client.post(url, {"email": ADDRESS, "reason": "x", "confirm": "1"}).status_code == 403
    assert TeamMember.objects.filter(email=ADDRESS).exists() and PrivacyAction.objects.count() == 0


def test_an_address_found_only_in_the_outbox_is_erased_there():
    manager = make_manager()
    mail = OutboundMail.objects.create(kind=MailKind.NOTICE, state=MailState.FAILED, to_email="old@example.org",
                                       to_name="Old Friend", language="en", subject="Hi", body_text="Hi Old Friend")
    action = services.person_erase("old@example.org", by=manager, reason="Asked")
    mail.refresh_from_db()
    assert (mail.to_email, mail.to_name, mail.body_text) == (f"removed-mail-{mail.pk}@invalid.invalid", "", "")
    assert action.counts["mails"] == 1


def test_after_erasure_the_lists_and_exports_say_anonymised(client):
    from eoi.exports import team_member_table

    manager, first, _second, _user = _person_in_several_places()
    services.person_erase(ADDRESS, by=manager, reason="Asked by e-mail")
    client.force_login(manager)
    page = client.get(reverse("eoi:manage_confirmations", args=[first.call_id])).content.decode()
    country = client.get(reverse("countries:detail", args=[first.country_id])).content.decode()
    for shown in (page, country):
        assert "(anonymised)" in shown and "[anonymised" not in shown and "invalid.invalid" not in shown
    table = team_member_table(first.call, [ExpressionOfInterest.objects.get(pk=first.pk)])
    names = [str(cell) for row in table.rows for cell in row]
    assert "(anonymised)" in names and not any(is_placeholder(cell) for cell in names)


def test_the_export_page_opens_the_erasure_with_the_address_by_post_never_in_a_url(client):
    manager, _first, _second, _user = _person_in_several_places()
    client.force_login(manager)
    found = client.post(reverse("privacy:person"), {"email": ADDRESS}).content.decode()
    assert "?email=" not in found and 'name="prefill"' in found
    page = client.post(reverse("privacy:erase"), {"email": ADDRESS.lower(), "prefill": "1"}).content.decode()
    assert f'value="{ADDRESS.lower()}"' in page and "is required" not in page  # the form, unbound, filled in
    assert PrivacyAction.objects.count() == 0 and TeamMember.objects.filter(email__iexact=ADDRESS).exists()
