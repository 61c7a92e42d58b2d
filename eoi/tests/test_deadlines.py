"""A country's deadline is the later of the call's and its own extension, everywhere."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from eoi import services
from eoi.enums import EOIStatus
from eoi.models import Call, ExpressionOfInterest
from jln_portal.moments import deadline_text, moment_text
from outbox.enums import MailKind
from outbox.models import OutboundMail

from .factories import fill_complete

pytestmark = pytest.mark.django_db


def _extend_then_move_call(eoi, manager):
    call = eoi.call
    services.eoi_grant_extension(call=call, country=eoi.country, until=call.deadline + timedelta(days=2),
                                 reason="", by=manager)
    Call.objects.filter(pk=call.pk).update(deadline=call.deadline + timedelta(weeks=6),
                                           feedback_date=call.feedback_date + timedelta(weeks=8))
    return ExpressionOfInterest.objects.select_related("call").get(pk=eoi.pk)


def test_moving_the_call_deadline_past_an_extension_does_not_shorten_it(eoi, focal, manager):
    fill_complete(eoi)
    eoi = _extend_then_move_call(eoi, manager)
    assert eoi.effective_deadline == eoi.call.deadline
    assert not eoi.has_extension
    three_weeks_later = eoi.deadline_extended_to + timedelta(weeks=3)
    assert services.eoi_edit_refusal(eoi=eoi, by=focal, now=three_weeks_later) is None
    assert services.eoi_submit(eoi=eoi, by=focal, now=three_weeks_later).status == EOIStatus.SUBMITTED


def test_effective_deadline_the_same_in_the_database(eoi, manager):
    eoi = _extend_then_move_call(eoi, manager)
    in_db = ExpressionOfInterest.objects.annotate(
        deadline=ExpressionOfInterest.effective_deadline_expression()).get(pk=eoi.pk).deadline
    assert in_db == eoi.effective_deadline == eoi.call.deadline


def test_extension_later_than_the_call_deadline_is_the_deadline(eoi, manager):
    services.eoi_grant_extension(call=eoi.call, country=eoi.country, until=eoi.call.deadline + timedelta(days=2),
                                 reason="", by=manager)
    eoi = ExpressionOfInterest.objects.select_related("call").get(pk=eoi.pk)
    assert eoi.has_extension and eoi.effective_deadline == eoi.deadline_extended_to


def test_home_page_after_the_call_moved_past_the_extension(client, eoi, focal, manager):
    _extend_then_move_call(eoi, manager)
    client.force_login(focal, backend="accounts.backends.AuthenticationBackend")
    page = client.get("/eoi/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "extended the deadline for your country" not in page
    assert "The deadline has passed." not in page


def test_confirmation_mail_gives_the_time_in_the_call_zone(eoi, focal):
    """The receipt of a Nairobi call says 23:59 Nairobi time, not the UTC hour labelled Nairobi."""
    fill_complete(eoi)
    moment = eoi.call.deadline - timedelta(minutes=1)
    services.eoi_submit(eoi=eoi, by=focal, now=moment)
    mail = OutboundMail.objects.filter(kind=MailKind.EOI_CONFIRMATION).first()
    with translation.override("fr"):
        expected = moment_text(moment, "Africa/Nairobi")
    local = timezone.localtime(moment, ZoneInfo("Africa/Nairobi"))
    assert f"{local:%H:%M} (heure de Nairobi, UTC+3)" in mail.body_text
    assert expected in mail.body_text and expected in mail.body_html


def test_after_the_deadline_the_page_says_whom_to_write_to_and_keeps_the_pdf(client, eoi, focal):
    fill_complete(eoi)
    Call.objects.filter(pk=eoi.call.pk).update(alternative_submission_email="jln.manager@example.org",
                                               deadline=timezone.now() - timedelta(minutes=5))
    client.force_login(focal, backend="accounts.backends.AuthenticationBackend")
    page = client.get(f"/eoi/{eoi.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    pdf = client.post("/reports/new/eoi_pdf/", {"eoi": eoi.pk, "language": "fr"})
    assert "Everything required is there" not in page
    assert "The deadline for your country passed on" in page
    assert 'href="mailto:jln.manager@example.org"' in page and "To ask for an extension" in page
    assert 'action="/reports/new/eoi_pdf/"' in page
    assert pdf.status_code == 302 and pdf.url.startswith("/reports/")  # the draft's PDF is made, not refused


def _notices():
    return {m.to_email: m for m in OutboundMail.objects.filter(kind=MailKind.NOTICE)}


def test_extension_mails_the_focal_points_and_the_contact_in_their_language(eoi, focal, manager, make_user):
    from accounts.enums import Role

    english_focal = make_user(Role.FOCAL_POINT, countries=[eoi.country], language="en", email="second@example.org")
    fill_complete(eoi)  # contact: awa@example.org
    services.eoi_grant_extension(call=eoi.call, country=eoi.country, until=eoi.call.deadline + timedelta(days=2),
                                 reason="Power cut", by=manager)
    mails = _notices()
    assert set(mails) == {focal.email, english_focal.email, "awa@example.org"}
    assert (mails[focal.email].language, mails[english_focal.email].language, mails["awa@example.org"].language) == (
        "fr", "en", "fr")  # Senegal works in French
    with translation.override("fr"):
        until = deadline_text(eoi.call.deadline + timedelta(days=2), "Africa/Nairobi")
    assert until in mails[focal.email].body_text and "prolong" in mails[focal.email].body_text
    assert f"http://localhost:8000/eoi/{eoi.pk}/" in mails["awa@example.org"].body_text  # an absolute link
    services.eoi_grant_extension(call=eoi.call, country=eoi.country, until=eoi.call.deadline + timedelta(days=2),
                                 reason="Power cut", by=manager)
    assert len(_notices()) == 3  # the same extension again: no second mail


def test_withdraw_and_reopen_mail_the_country(eoi, focal):
    fill_complete(eoi)
    services.eoi_submit(eoi=eoi, by=focal)
    services.eoi_withdraw(eoi=eoi, by=focal)
    with translation.override("fr"):
        withdrawn = [m for m in _notices().values() if "retirée" in m.subject]
    assert {m.to_email for m in withdrawn} == {focal.email, "awa@example.org"}
    services.eoi_reopen(eoi=eoi, by=focal, now=timezone.now() + timedelta(seconds=2))
    reopened = OutboundMail.objects.filter(kind=MailKind.NOTICE, subject__contains="rouverte")
    assert reopened.count() == 2
