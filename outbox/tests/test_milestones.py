"""Reminders: once per recipient per milestone, in each recipient's language."""

from datetime import date

import pytest
from django.core import mail as django_mail
from django.db import IntegrityError, transaction

from accounts.enums import Role
from outbox import milestones, tasks
from outbox.enums import MailKind, MailState
from outbox.models import OutboundMail

from .factories import OutboundMailFactory

pytestmark = pytest.mark.django_db

DEADLINE = date(2024, 1, 8)


@pytest.fixture
def provider():
    """Register a reminder provider for one test only."""
    registered = []

    def register(function):
        milestones.reminder(function)
        registered.append(function)
        return function

    yield register
    for function in registered:
        milestones._providers.remove(function)


def notify(template, recipients, milestone="eoi-deadline:call-1:d-7"):
    return milestones.milestone_notify(
        milestone=milestone, recipients=recipients, template=template, context={"deadline": DEADLINE}
    )


def test_milestone_notify_twice_sends_one_mail_per_recipient(test_templates, django_capture_on_commit_callbacks):
    people = [milestones.Recipient("awa@example.sn", "Awa", "fr"), milestones.Recipient("kofi@example.gh", "Kofi", "en")]

    with django_capture_on_commit_callbacks(execute=True):
        first = notify(test_templates, people)
    with django_capture_on_commit_callbacks(execute=True):
        second = notify(test_templates, people)

    assert len(first) == 2 and second == []
    assert sorted(m.to[0] for m in django_mail.outbox) == ["Awa <awa@example.sn>", "Kofi <kofi@example.gh>"]
    assert set(OutboundMail.objects.values_list("kind", "state")) == {(MailKind.REMINDER, MailState.SENT)}


def test_milestone_notify_writes_each_recipient_in_their_language(test_templates):
    people = [milestones.Recipient("awa@example.sn", "Awa", "fr"), milestones.Recipient("kofi@example.gh", "Kofi", "en")]

    notify(test_templates, people)

    subjects = dict(OutboundMail.objects.values_list("to_email", "subject"))
    assert subjects == {
        "awa@example.sn": "Reminder: lundi 8 janvier 2024",
        "kofi@example.gh": "Reminder: Monday 8 January 2024",
    }
    assert OutboundMail.objects.get(to_email="awa@example.sn").body_text.startswith("Dear Awa,")
    assert OutboundMail.objects.get(to_email="kofi@example.gh").body_text.startswith("Dear Kofi,")


def test_milestone_notify_next_milestone_reminds_again(test_templates):
    awa = [milestones.Recipient("awa@example.sn", "Awa", "fr")]

    notify(test_templates, awa, milestone="eoi-deadline:call-1:d-7")
    notify(test_templates, awa, milestone="eoi-deadline:call-1:d-1")

    assert OutboundMail.objects.count() == 2


def test_milestone_notify_same_address_in_other_case_is_one_recipient(test_templates):
    notify(test_templates, [milestones.Recipient("Awa@Example.sn"), milestones.Recipient("awa@example.sn")])
    notify(test_templates, [milestones.Recipient("AWA@EXAMPLE.SN")])

    assert OutboundMail.objects.count() == 1


def test_milestone_notify_context_per_recipient(test_templates, make_user):
    user = make_user(Role.FOCAL_POINT, full_name="Awa Ndiaye", language="en")

    milestones.milestone_notify(
        milestone="m1", template=test_templates,
        recipients=[milestones.Recipient.from_user(user, language="fr")],
        context=lambda recipient: {"deadline": DEADLINE, "name": recipient.name.upper()},
    )

    mail = OutboundMail.objects.get()
    assert (mail.language, mail.to_name) == ("fr", "Awa Ndiaye")
    assert mail.subject == "Reminder: lundi 8 janvier 2024"
    assert mail.body_text.startswith("Dear AWA NDIAYE,")


def test_milestone_key_is_a_database_guarantee():
    key = milestones.milestone_key(milestone="m1", email="awa@example.sn")
    OutboundMailFactory(dedupe_key=key)

    with pytest.raises(IntegrityError), transaction.atomic():
        OutboundMailFactory(dedupe_key=key)


def test_milestone_key_long_milestone_fits_the_column():
    key = milestones.milestone_key(milestone="x" * 300, email="awa@example.sn")

    assert len(key) <= 200
    assert key == milestones.milestone_key(milestone="x" * 300, email="AWA@example.sn ")


def test_send_reminders_task_runs_providers_and_survives_a_failing_one(test_templates, provider):
    @provider
    def broken(*, now):
        raise RuntimeError("a bug in another app")

    @provider
    def drafts(*, now):
        return notify(test_templates, [milestones.Recipient("awa@example.sn", "Awa", "fr")])

    first = tasks.send_reminders.apply().get()
    second = tasks.send_reminders.apply().get()

    name = f"{__name__}.test_send_reminders_task_runs_providers_and_survives_a_failing_one.<locals>.drafts"
    assert first[name] == 1 and second[name] == 0
    assert OutboundMail.objects.count() == 1
