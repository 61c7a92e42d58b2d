"""Recording an EOI received by e-mail does not silently take over the draft a country
started in the portal, and never back-dates what the country typed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from eoi import services
from eoi.enums import Channel, EOIStatus
from outbox.enums import MailKind
from outbox.models import OutboundMail

from .factories import fill_complete

pytestmark = pytest.mark.django_db

EMPTY = {"answers": {}, "members": {1: None}, "contact": {"name": "Awa", "position": "", "email": ""}}


@pytest.fixture
def countrys_draft(call, country, focal):
    """The country's own draft, started and saved by its focal point."""
    eoi = services.eoi_start(call=call, country=country, by=focal)
    return services.eoi_save(eoi=eoi, data=EMPTY, expected_version=eoi.version, by=focal)


def test_record_email_refused_over_the_countrys_draft(countrys_draft, manager):
    with pytest.raises(services.CountryDraftExists):
        services.eoi_record_email(call=countrys_draft.call, country=countrys_draft.country, by=manager)
    countrys_draft.refresh_from_db()
    assert countrys_draft.channel == Channel.PORTAL
    assert not OutboundMail.objects.exists()


def test_record_email_takes_over_only_when_asked_and_tells_the_focal_points(countrys_draft, manager, make_user):
    english_focal = make_user(Role.FOCAL_POINT, countries=[countrys_draft.country], language="en", full_name="Jo Doe")
    make_user(Role.FOCAL_POINT, countries=[countrys_draft.country], is_active=False)
    eoi = services.eoi_record_email(call=countrys_draft.call, country=countrys_draft.country, by=manager,
                                    take_over=True, base_url="http://testserver")
    assert eoi.pk == countrys_draft.pk and eoi.channel == Channel.EMAIL
    mails = {mail.to_email: mail for mail in OutboundMail.objects.filter(kind=MailKind.NOTICE)}
    french = countrys_draft.country.focal_points.get(language="fr")
    assert set(mails) == {french.email, english_focal.email}  # active focal points only
    assert mails[french.email].subject.startswith("Manifestation d'intérêt")
    assert "received the expression of interest" in mails[english_focal.email].body_text
    assert f"/eoi/{eoi.pk}/" in mails[english_focal.email].body_text
    services.eoi_record_email(call=eoi.call, country=eoi.country, by=manager, take_over=True)
    assert OutboundMail.objects.count() == 2  # already taken over: nothing more


def test_record_email_uses_an_empty_draft_the_manager_opened(call, country, focal, manager):
    services.eoi_grant_extension(call=call, country=country, until=call.deadline + timedelta(days=2), reason="",
                                 by=manager)
    notices = OutboundMail.objects.count()  # the focal point hears of the extension
    eoi = services.eoi_record_email(call=call, country=country, by=manager)
    assert eoi.channel == Channel.EMAIL and OutboundMail.objects.count() == notices  # nothing about a take-over


def test_time_of_receipt_cannot_be_before_the_countrys_last_change(countrys_draft, manager):
    country_change = countrys_draft.history.latest().history_date
    eoi = fill_complete(services.eoi_record_email(call=countrys_draft.call, country=countrys_draft.country,
                                                  by=manager, take_over=True))
    later = country_change + timedelta(minutes=5)
    with pytest.raises(services.EOIError, match="back-date"):
        services.eoi_submit(eoi=eoi, by=manager, received_at=country_change - timedelta(hours=1), now=later)
    eoi.refresh_from_db()
    assert eoi.status == EOIStatus.DRAFT
    submitted = services.eoi_submit(eoi=eoi, by=manager, received_at=country_change + timedelta(minutes=1), now=later)
    assert submitted.status == EOIStatus.SUBMITTED


def test_record_email_page_says_why_and_offers_the_take_over(client, countrys_draft, manager):
    client.force_login(manager)
    url = reverse("eoi:manage_record_email", args=[countrys_draft.call.pk])
    response = client.post(url, {"country": countrys_draft.country.pk})
    assert response.status_code == 200
    assert "already started its own expression of interest" in response.content.decode()
    assert 'name="take_over"' in response.content.decode()
    countrys_draft.refresh_from_db()
    assert countrys_draft.channel == Channel.PORTAL
    response = client.post(url, {"country": countrys_draft.country.pk, "take_over": "on"})
    assert response.status_code == 302 and response.url == reverse("eoi:edit", args=[countrys_draft.pk])
    countrys_draft.refresh_from_db()
    assert countrys_draft.channel == Channel.EMAIL
    assert OutboundMail.objects.filter(kind=MailKind.NOTICE).count() == 1


def test_record_email_with_a_timely_receipt_still_works(client, call, country, manager):
    client.force_login(manager)
    client.post(reverse("eoi:manage_record_email", args=[call.pk]), {"country": country.pk})
    eoi = fill_complete(call.eois.get(country=country))
    received = timezone.localtime(timezone.now() - timedelta(hours=1), call.tzinfo)
    response = client.post(reverse("eoi:record_received", args=[eoi.pk]), {
        "received_date": received.date().isoformat(), "received_time": received.strftime("%H:%M")})
    eoi.refresh_from_db()
    assert response.status_code == 302 and eoi.status == EOIStatus.SUBMITTED
