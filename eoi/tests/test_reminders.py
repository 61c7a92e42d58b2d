"""Reminders before a call's deadline: to the focal points of countries with a
draft or no EOI, in the country's language, once per milestone."""

from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from accounts.enums import Role
from countries.enums import MembershipLevel
from countries.tests.factories import CountryFactory
from eoi.enums import EOIStatus
from eoi.reminders import eoi_deadline_reminders, latest_milestone
from outbox import tasks
from outbox.enums import MailKind
from outbox.models import OutboundMail

from .factories import CallFactory, EOIFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user, country, other_country, settings):
    settings.EOI_REMINDER_DAYS = [7, 2]
    now = timezone.now()
    call = CallFactory(deadline=(now + timedelta(days=6, hours=23)).replace(microsecond=0))
    kenya = CountryFactory(code="KE")
    outsider = CountryFactory(code="ML", membership_level=MembershipLevel.NONE)
    people = {
        "awa": make_user(Role.FOCAL_POINT, countries=[country], full_name="Awa Ndiaye", email="awa@sn.example.org"),
        "kofi": make_user(Role.FOCAL_POINT, countries=[other_country], full_name="Kofi Mensah",
                          email="kofi@gh.example.org"),
        "wanjiru": make_user(Role.FOCAL_POINT, countries=[kenya], email="wanjiru@ke.example.org"),
        "amadou": make_user(Role.FOCAL_POINT, countries=[outsider], email="amadou@ml.example.org"),
    }
    EOIFactory(call=call, country=other_country)  # a draft
    EOIFactory(call=call, country=kenya, status=EOIStatus.SUBMITTED, submitted_at=now, submission_number=1)
    return call, now, people


def reminded():
    return sorted(OutboundMail.objects.filter(kind=MailKind.REMINDER).values_list("to_email", flat=True))


def test_latest_milestone_is_the_nearest_one_reached():
    deadline = timezone.now()
    assert latest_milestone(deadline, [7, 2], deadline - timedelta(days=8)) is None
    assert latest_milestone(deadline, [7, 2], deadline - timedelta(days=6)) == 7
    assert latest_milestone(deadline, [7, 2], deadline - timedelta(days=1)) == 2
    assert latest_milestone(deadline, [7, 2], deadline) is None


def test_reminders_go_to_countries_with_a_draft_or_no_eoi(world):
    call, now, _people = world

    eoi_deadline_reminders(now=now)

    # Not Kenya (submitted), not Mali (the call does not accept its membership level).
    assert reminded() == ["awa@sn.example.org", "kofi@gh.example.org"]


def test_reminders_in_the_countrys_language(world):
    call, now, _people = world

    eoi_deadline_reminders(now=now)

    awa = OutboundMail.objects.get(to_email="awa@sn.example.org")
    kofi = OutboundMail.objects.get(to_email="kofi@gh.example.org")
    assert (awa.language, kofi.language) == ("fr", "en")
    assert awa.subject == f"{call.title_fr}\u00a0: plus que 7 jours pour soumettre"
    assert "n’a pas encore commencé de manifestation d’intérêt" in awa.body_text
    assert kofi.subject == f"{call.title_en}: 7 days left to submit"
    assert "is still a draft" in kofi.body_text and "(Nairobi time, UTC+3), that is " in kofi.body_text
    assert f"http://localhost:8000/eoi/calls/{call.slug}/" in awa.body_text


def test_reminders_once_per_milestone_even_when_the_task_runs_twice(world, django_capture_on_commit_callbacks):
    call, now, _people = world

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_reminders.apply()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_reminders.apply()
    assert reminded() == ["awa@sn.example.org", "kofi@gh.example.org"]
    assert len(django_mail.outbox) == 2

    eoi_deadline_reminders(now=now + timedelta(days=5))  # two days before: the next milestone
    eoi_deadline_reminders(now=now + timedelta(days=5, hours=3))
    assert reminded() == ["awa@sn.example.org", "awa@sn.example.org", "kofi@gh.example.org", "kofi@gh.example.org"]


def test_no_reminder_after_submitting_or_after_the_deadline(world):
    call, now, _people = world
    call.eois.filter(country__code="GH").update(status=EOIStatus.SUBMITTED, submitted_at=now, submission_number=1)

    eoi_deadline_reminders(now=now)
    eoi_deadline_reminders(now=call.deadline + timedelta(minutes=1))

    assert reminded() == ["awa@sn.example.org"]


@pytest.mark.django_db(transaction=True)  # the command closes connections left in a transaction
def test_outbox_dispatch_command_runs_the_reminders_in_the_embedded_default(world):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("outbox_dispatch", reminders=True, stdout=out)

    assert reminded() == ["awa@sn.example.org", "kofi@gh.example.org"]
    assert "'eoi.reminders.eoi_deadline_reminders': 2" in out.getvalue()
    assert len(django_mail.outbox) == 2
