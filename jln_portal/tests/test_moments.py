"""One way to show a moment: the call's zone by a name people know, UTC for deadlines, "1er"."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.utils import timezone, translation

from jln_portal.moments import deadline_text, moment_text
from outbox.enums import MailKind
from outbox.models import OutboundMail

UTC = ZoneInfo("UTC")
MOMENT = datetime(2026, 11, 1, 20, 59, tzinfo=UTC)  # 23:59 in Nairobi


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "1 November 2026, 23:59 (Nairobi time, UTC+3)"),
    ("fr", "1er novembre 2026, 23:59 (heure de Nairobi, UTC+3)"),
])
def test_moment_in_the_call_zone_with_a_readable_name(language, expected):
    with translation.override(language), timezone.override("Pacific/Kiritimati"):  # the reader's zone changes nothing
        assert moment_text(MOMENT, "Africa/Nairobi") == expected


def test_moment_elides_before_a_vowel_in_french_and_names_odd_offsets():
    with translation.override("fr"):
        assert moment_text(MOMENT, "Africa/Abidjan") == "1er novembre 2026, 20:59 (heure d’Abidjan, UTC)"
        assert moment_text(MOMENT, "Asia/Kathmandu").endswith("(heure de Kathmandu, UTC+5:45)")
        assert moment_text(MOMENT, "America/Sao_Paulo").endswith("(heure de Sao Paulo, UTC\u22123)")


def test_deadline_also_in_utc():
    with translation.override("fr"):
        assert deadline_text(MOMENT, "Africa/Nairobi") == (
            "dimanche 1er novembre 2026, 23:59 (heure de Nairobi, UTC+3), soit 1er novembre 2026, 20:59 UTC")
    with translation.override("en"):
        assert deadline_text(MOMENT, "UTC") == "Sunday 1 November 2026, 20:59 (UTC)"


def test_long_date_filter_french_ordinal():
    template = engines["django"].from_string("{% load moments %}{{ day|long_date }}")
    with translation.override("fr"):
        assert template.render({"day": date(2026, 11, 1)}) == "1er novembre 2026"
        assert template.render({"day": date(2026, 11, 2)}) == "2 novembre 2026"


@pytest.mark.django_db
def test_outbox_list_labels_its_times(client, make_user):
    from accounts.enums import Role
    from outbox.enums import MailState
    from outbox.tests.factories import OutboundMailFactory

    manager = make_user(Role.MANAGER)
    OutboundMailFactory(state=MailState.DRAFT)
    OutboundMail.objects.update(created_at=datetime(2026, 3, 4, 10, 5, tzinfo=UTC))
    client.force_login(manager, backend="accounts.backends.AuthenticationBackend")
    page = client.get("/outbox/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "4 March 2026, 10:05 (UTC)" in page
    assert "03/04/2026" not in page
