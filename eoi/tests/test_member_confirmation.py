"""Each proposed member confirms (issue 17 §1, §3): the request mailed on submission, the
personal page without an account, single-use, only for that member, expiring, and showing
nothing else of the EOI; the answer recorded; a decline mailed to the focal points."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone

from eoi import services
from eoi.confirmation_models import ConfirmationState, MemberConfirmation
from eoi.models import TeamMember
from eoi.services.confirmations import confirmation_request
from eoi.tests.factories import fill_complete
from outbox.models import OutboundMail

pytestmark = pytest.mark.django_db


def member_mail(email):
    return OutboundMail.objects.get(to_email=email, dedupe_key__startswith="member-request-")


def link_of(mail):
    url = re.search(r"(\S+/members/\d+/confirm/\S+/)", mail.body_text).group(1)
    assert url.startswith(settings.PORTAL_URL + "/")  # absolute, from PORTAL_URL
    return urlsplit(url).path


@pytest.fixture
def submitted(eoi, focal):
    fill_complete(eoi)
    return services.eoi_submit(eoi=eoi, by=focal)


def test_submission_mails_each_member_with_an_address_in_the_eois_language(submitted):
    mails = OutboundMail.objects.filter(dedupe_key__startswith="member-request-").order_by("to_email")
    assert [m.to_email for m in mails] == [f"member{n}@example.org" for n in range(1, 5)]
    assert {m.language for m in mails} == {"fr"}  # Senegal works in French
    assert "Senegal" in mails[0].subject or "Sénégal" in mails[0].subject
    assert MemberConfirmation.objects.filter(state=ConfirmationState.WAITING).count() == 4


def test_link_works_without_account_and_shows_only_that_member(client, submitted):
    response = client.get(link_of(member_mail("member1@example.org")))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Member 1" in page and "Launch meeting" in page
    for other in ("Member 2", "Member 3", "Member 4", "member2@example.org", "A short and relevant answer", "Awa Ba"):
        assert other not in page


def test_confirm_is_recorded_and_the_link_works_once(client, submitted):
    path = link_of(member_mail("member1@example.org"))
    response = client.post(path, {"answer": "confirm", "consent": "on", "needs_interpretation": "on"})
    assert response.status_code == 200
    confirmation = MemberConfirmation.objects.get(member__slot=1)
    assert confirmation.state == ConfirmationState.CONFIRMED
    assert confirmation.consent and confirmation.needs_interpretation and confirmation.answered_at
    again = client.post(path, {"answer": "decline"})
    confirmation.refresh_from_db()
    assert confirmation.state == ConfirmationState.CONFIRMED  # the second answer changes nothing
    assert "form" not in again.context or again.context.get("form") is None


def test_confirm_without_consent_is_refused(client, submitted):
    response = client.post(link_of(member_mail("member1@example.org")), {"answer": "confirm"})
    assert response.status_code == 400
    assert MemberConfirmation.objects.get(member__slot=1).state == ConfirmationState.WAITING


def test_decline_is_recorded_and_mails_the_focal_points(client, submitted, focal):
    client.post(link_of(member_mail("member2@example.org")), {"answer": "decline"})
    assert MemberConfirmation.objects.get(member__slot=2).state == ConfirmationState.DECLINED
    mail = OutboundMail.objects.get(dedupe_key__startswith="member-declined-")
    assert mail.to_email == focal.email and mail.language == focal.language
    assert "Member 2" in mail.body_text


def test_another_members_token_or_a_tampered_one_is_404(client, submitted):
    one = link_of(member_mail("member1@example.org"))
    two = link_of(member_mail("member2@example.org"))
    member_two_pk = two.split("/")[-4]
    crossed = re.sub(r"/members/\d+/", f"/members/{member_two_pk}/", one)
    assert client.get(crossed).status_code == 404
    assert client.get(one[:-2] + ("A/" if one[-2] != "A" else "B/")).status_code == 404
    assert client.post(crossed, {"answer": "decline"}).status_code == 404
    assert not MemberConfirmation.objects.exclude(state=ConfirmationState.WAITING).exists()


def test_link_refused_after_expiry(client, submitted):
    path = link_of(member_mail("member1@example.org"))
    MemberConfirmation.objects.filter(member__slot=1).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(path).status_code == 410
    assert client.post(path, {"answer": "confirm", "consent": "on"}).status_code == 410
    assert MemberConfirmation.objects.get(member__slot=1).state == ConfirmationState.WAITING


def test_resubmission_asks_only_new_members_or_changed_addresses(submitted, focal):
    eoi = services.eoi_reopen(eoi=submitted, by=focal)
    eoi.refresh_from_db()
    fill_complete(eoi, members=5)  # a fifth member
    TeamMember.objects.filter(eoi=eoi, slot=2).update(email="new.two@example.org")
    before = set(OutboundMail.objects.filter(dedupe_key__startswith="member-request-").values_list("pk", flat=True))
    services.eoi_submit(eoi=eoi, by=focal)
    new = OutboundMail.objects.filter(dedupe_key__startswith="member-request-").exclude(pk__in=before)
    assert sorted(new.values_list("to_email", flat=True)) == ["member5@example.org", "new.two@example.org"]


def test_resend_ends_the_old_link(client, submitted, focal):
    member = TeamMember.objects.get(eoi=submitted, slot=1)
    old = link_of(member_mail("member1@example.org"))
    confirmation_request(member=member, by=focal)
    assert client.get(old).status_code == 404
    new = OutboundMail.objects.filter(to_email="member1@example.org").order_by("-pk").first()
    assert client.get(link_of(new)).status_code == 200


def test_focal_points_page_shows_each_members_answer(client, submitted, focal):
    client.post(link_of(member_mail("member1@example.org")), {"answer": "confirm", "consent": "on"})
    client.post(link_of(member_mail("member2@example.org")), {"answer": "decline"})
    client.force_login(focal)
    page = client.get(f"/eoi/{submitted.pk}/").content.decode()
    assert page.count('data-confirmation="confirmed"') == 1
    assert page.count('data-confirmation="declined"') == 1
    assert page.count('data-confirmation="waiting"') == 2


def test_resend_button_sends_a_new_link_and_ends_the_old(client, submitted, focal, other_focal):
    member = TeamMember.objects.get(eoi=submitted, slot=1)
    old = link_of(member_mail("member1@example.org"))
    client.force_login(other_focal)  # another country's focal point: not theirs
    assert client.post(f"/eoi/{submitted.pk}/members/{member.pk}/resend/").status_code == 404
    assert client.get(old).status_code == 200
    client.force_login(focal)
    response = client.post(f"/eoi/{submitted.pk}/members/{member.pk}/resend/")
    assert response.status_code == 302
    assert client.get(old).status_code == 404
    mails = OutboundMail.objects.filter(to_email="member1@example.org", dedupe_key__startswith="member-request-")
    assert mails.count() == 2
    assert client.get(link_of(mails.order_by("-pk").first())).status_code == 200


def test_review_summary_counts_confirmed_members(client, submitted):
    from eoi.selectors import confirmation_summary, eoi_members, eoi_with_parts

    client.post(link_of(member_mail("member1@example.org")), {"answer": "confirm", "consent": "on"})
    summary = confirmation_summary(eoi_members(eoi_with_parts().get(pk=submitted.pk)))
    assert summary == {"confirmed": 1, "declined": 0, "waiting": 3, "total": 4}


def test_review_page_composition_says_how_many_confirmed(client, country):
    from evaluation.tests.factories import call_with_criteria, manager, under_review

    staff = manager()
    call = call_with_criteria()
    evaluation = under_review(call, [country], by=staff, members=5)["SN"]
    members = list(TeamMember.objects.filter(eoi=evaluation.eoi).order_by("slot"))
    for member in members:
        confirmation_request(member=member, by=staff)
    for member in members[:4]:
        MemberConfirmation.objects.filter(member=member).update(
            state=ConfirmationState.CONFIRMED, consent=True, answered_at=timezone.now())
    client.force_login(staff)
    page = client.get(f"/evaluation/eois/{evaluation.pk}/").content.decode()
    assert "4 of 5 confirmed" in page and "1 not answered yet" in page


def test_a_confirmed_member_is_not_asked_again_and_their_consent_stays(client, submitted, focal):
    member = TeamMember.objects.get(eoi=submitted, slot=1)
    client.post(link_of(member_mail("member1@example.org")), {"answer": "confirm", "consent": "on"})
    client.post(link_of(member_mail("member2@example.org")), {"answer": "decline"})
    client.force_login(focal)
    page = client.get(f"/eoi/{submitted.pk}/").content.decode()
    assert f"/members/{member.pk}/resend/" not in page  # no button for the one who confirmed
    declined = TeamMember.objects.get(eoi=submitted, slot=2)
    assert f"/members/{declined.pk}/resend/" in page  # a declined member may be asked again
    response = client.post(f"/eoi/{submitted.pk}/members/{member.pk}/resend/", HTTP_ACCEPT_LANGUAGE="fr", follow=True)
    assert "Member 1 a déjà confirmé." in response.content.decode()
    confirmation = MemberConfirmation.objects.get(member=member)
    assert confirmation.state == ConfirmationState.CONFIRMED and confirmation.consent
    assert OutboundMail.objects.filter(to_email="member1@example.org", dedupe_key__startswith="member-request-").count() == 1


def test_nobody_is_asked_again_once_the_calls_links_have_ended(client, submitted, focal):
    from eoi.services.confirmations import ConfirmationClosed, confirmation_expiry, confirmation_resend

    member = TeamMember.objects.get(eoi=submitted, slot=1)
    ended = confirmation_expiry(submitted.call)
    with pytest.raises(ConfirmationClosed):
        confirmation_resend(eoi=submitted, member_pk=member.pk, by=focal, now=ended)
    assert confirmation_resend(eoi=submitted, member_pk=member.pk, by=focal, now=ended - timedelta(seconds=1))


def test_the_members_page_links_the_privacy_notice_beside_the_consent(client, submitted):
    from django.urls import reverse

    page = client.get(link_of(member_mail("member1@example.org"))).content.decode()
    body = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert f'href="{reverse("privacy")}"' in body and 'name="consent"' in body


def test_the_link_lasts_until_2359_on_the_feedback_date_in_the_calls_zone(client, submitted):
    from eoi.services.confirmations import confirmation_expiry

    call = submitted.call
    expiry = timezone.localtime(confirmation_expiry(call), call.tzinfo)
    assert (expiry.date(), expiry.hour, expiry.minute) == (call.feedback_date, 23, 59)
    page = client.get(link_of(member_mail("member1@example.org")), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ", 23:59 (" in page
