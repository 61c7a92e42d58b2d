"""The demo call's pages give one deadline (its own, not the seeded 2023 one), and the mails
load_demo makes carry absolute links."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from eoi import demo
from outbox.models import OutboundMail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "stale"), [("en", "15 December 2023"), ("fr", "15 décembre 2023")])
def test_demo_call_pages_do_not_contradict_its_deadline(client, language, stale):
    call = demo.load()
    demo.load()  # loading twice changes nothing
    for name in ("eoi:call_detail", "eoi:call_questionnaire"):
        page = client.get(reverse(name, args=[call.slug]), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert stale not in page and "8 janvier 2024" not in page and "8 January 2024" not in page
    call.refresh_from_db()
    assert call.summary_en.count("A copy of the 2023 call") == 1


def test_load_demo_mails_carry_absolute_links():
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))
    mails = list(OutboundMail.objects.all())
    assert mails
    for mail in mails:
        assert not re.search(r'(?m)(?:^|\s)/[a-z]', mail.body_text), mail.subject
        assert 'href="/' not in mail.body_html, mail.subject
