"""The applicant hears from us once per event, in the language they chose."""

from datetime import timedelta
from email.header import decode_header, make_header
from email.utils import parseaddr

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from membership import services
from membership.enums import ApplicationState as S
from outbox.enums import MailKind, MailState
from outbox.models import OutboundMail

from .confirming import apply_and_confirm
from .factories import AgendaItemFactory, SteeringMeetingFactory
from .test_constraints import FORM_DATA


def decoded_address(header):
    """'=?utf-8?q?…?= <a@b>' (the name quoted for the wire, outbox/sending.py) as a person reads it."""
    name, address = parseaddr(header)
    return f"{make_header(decode_header(name))} <{address}>"


@pytest.mark.parametrize("language, subject", [
    ("fr", "Adhésion associée au JLN – Bénin\u00a0: manifestation d’intérêt reçue"),
    ("en", "JLN associate membership – Benin: expression of interest received"),
])
def test_confirmation_mail_sent_once_in_the_applicants_language(client, db, django_capture_on_commit_callbacks, language, subject):
    with django_capture_on_commit_callbacks(execute=True):
        response = apply_and_confirm(client, FORM_DATA | {"language": language})
    assert response.status_code == 302
    assert [m.subject for m in mail.outbox][1:] == [subject]  # after the confirmation link
    assert [decoded_address(to) for to in mail.outbox[1].to] == ["Rodrigue Houngbédji <r.h@example.org>"]
    row = OutboundMail.objects.latest("pk")
    assert (row.kind, row.state, row.language) == (MailKind.MEMBERSHIP, MailState.SENT, language)


@pytest.mark.parametrize("decision, subject_fr", [
    (S.APPROVED, "Adhésion associée au JLN – Bénin\u00a0: candidature approuvée"),
    (S.DEFERRED, "Adhésion associée au JLN – Bénin\u00a0: décision reportée"),
    (S.DECLINED, "Adhésion associée au JLN – Bénin\u00a0: décision du groupe de pilotage"),
])
def test_decision_mail_sent_once_in_the_applicants_language(db, django_capture_on_commit_callbacks, steering, decision, subject_fr):
    item = AgendaItemFactory(application__language="fr", application__country__code="BJ")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(application=item.application, decision=decision, minutes="PV.", by=steering)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception):
        services.application_decide(application=item.application, decision=decision, minutes="PV.", by=steering)
    assert [m.subject for m in mail.outbox] == [subject_fr]
    assert "PV." not in mail.outbox[0].body  # the minutes stay internal
    assert OutboundMail.objects.filter(language="fr", state=MailState.SENT).count() == 1


def test_approval_mail_names_the_meeting_date_in_the_applicants_language(db, django_capture_on_commit_callbacks, steering):
    day = timezone.localdate() - timedelta(days=1)
    item = AgendaItemFactory(meeting=SteeringMeetingFactory(date=day), application__language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(application=item.application, decision=S.APPROVED, minutes="Oui.", by=steering)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
              "octobre", "novembre", "décembre"]
    assert f"{day.day} {months[day.month - 1]} {day.year}" in mail.outbox[0].body


def test_text_mail_keeps_apostrophes_unescaped(client, db, django_capture_on_commit_callbacks):
    data = FORM_DATA | {"country_code": "CI", "institution": "Ministère de l'Économie"}
    with django_capture_on_commit_callbacks(execute=True):
        apply_and_confirm(client, data)
    message = mail.outbox[1]
    assert message.subject == "Adhésion associée au JLN – Côte d'Ivoire\u00a0: manifestation d’intérêt reçue"
    assert "Pays\u00a0: Côte d'Ivoire. Institution\u00a0: Ministère de l'Économie." in message.body
    assert "Ministère de l&#x27;Économie" in message.alternatives[0][0]
