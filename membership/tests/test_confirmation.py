"""The public form cannot be squatted: an application counts once its address is
confirmed by a signed, single-use link that expires; requests are throttled per address."""

import time

import pytest
from django.core import mail, signing
from django.urls import reverse

from countries.models import Country
from membership import services
from membership.enums import ApplicationState as S
from membership.models import ApplicationRequest, MembershipApplication
from outbox.models import OutboundMail

from .confirming import apply_and_confirm, confirmation_link
from .test_constraints import FORM_DATA
from .test_mail import decoded_address

pytestmark = pytest.mark.django_db

SQUATTER = FORM_DATA | {"region": "asia", "contact_email": "squatter@evil.example", "institution": "Nobody"}


def test_an_unconfirmed_application_creates_nothing_but_the_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("membership:apply"), SQUATTER)
    assert response.status_code == 302 and response.url == reverse("membership:apply_sent")
    assert not Country.objects.filter(code="BJ").exists()
    assert not MembershipApplication.objects.exists()
    assert [[decoded_address(to) for to in message.to] for message in mail.outbox] == [
        ["Rodrigue Houngbédji <squatter@evil.example>"]]
    assert "/membership/apply/confirm/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Adhésion associée au JLN – Bénin\u00a0: confirmez votre adresse électronique"  # French
    page = client.get(response.url).content.decode()
    assert "squatter@evil.example" in page and "within 48 hours" in page


def test_an_unconfirmed_application_blocks_nothing(client):
    client.post(reverse("membership:apply"), SQUATTER)
    response = apply_and_confirm(client, FORM_DATA)
    assert response.status_code == 302 and response.url == reverse("membership:apply_done")
    application = MembershipApplication.objects.get()
    assert (application.country.code, application.contact_email, application.state) == ("BJ", "r.h@example.org",
                                                                                       S.PENDING)
    assert application.country.region == FORM_DATA["region"]
    # The squatter's link now finds the country's application open: refused, nothing more.
    page = client.post(confirmation_link(SQUATTER["contact_email"])).content.decode()
    assert "already" in page and MembershipApplication.objects.count() == 1


def test_a_link_is_used_once(client):
    apply_and_confirm(client, FORM_DATA)
    link = confirmation_link(FORM_DATA["contact_email"])
    assert "already been used" in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 200 and "already been used" in response.content.decode()
    assert MembershipApplication.objects.count() == 1


def test_a_link_expires_after_48_hours(client, monkeypatch):
    client.post(reverse("membership:apply"), FORM_DATA)
    link = confirmation_link(FORM_DATA["contact_email"])
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now + 48 * 3600 + 1)
    response = client.post(link)
    assert "expired" in response.content.decode()
    assert not MembershipApplication.objects.exists() and not Country.objects.filter(code="BJ").exists()


def test_a_forged_link_is_refused(client):
    client.post(reverse("membership:apply"), FORM_DATA)
    request = ApplicationRequest.objects.get()
    forged = signing.dumps(request.pk, salt="another purpose")
    response = client.post(reverse("membership:apply_confirm", args=[forged]))
    assert "not valid" in response.content.decode() and not MembershipApplication.objects.exists()


def test_a_confirmation_link_shows_a_button_and_a_get_changes_nothing(client):
    client.post(reverse("membership:apply"), FORM_DATA)
    page = client.get(confirmation_link(FORM_DATA["contact_email"])).content.decode()
    assert "Confirm and send the application" in page
    assert not MembershipApplication.objects.exists()


def test_requests_are_throttled_per_address(client):
    for _ in range(services.REQUESTS_PER_ADDRESS):
        assert client.post(reverse("membership:apply"), SQUATTER).status_code == 302
    shouting = SQUATTER | {"contact_email": SQUATTER["contact_email"].upper()}
    response = client.post(reverse("membership:apply"), shouting)
    assert response.status_code == 200 and "try again tomorrow" in response.content.decode()
    assert ApplicationRequest.objects.count() == services.REQUESTS_PER_ADDRESS
    assert OutboundMail.objects.count() == services.REQUESTS_PER_ADDRESS
    assert client.post(reverse("membership:apply"), FORM_DATA).status_code == 302  # another address is not held up


def test_expired_requests_are_deleted():
    from datetime import timedelta

    from django.utils import timezone

    services.application_request(data=_data(FORM_DATA), base_url="", now=timezone.now() - timedelta(hours=49))
    services.application_request(data=_data(SQUATTER), base_url="")
    assert list(ApplicationRequest.objects.values_list("email", flat=True)) == ["squatter@evil.example"]


def _data(posted):
    from membership.forms import MembershipApplicationForm

    fields = ["country_code", "region", *MembershipApplicationForm.Meta.fields]
    return {name: posted[name] for name in fields}
