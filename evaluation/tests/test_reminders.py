"""Reminders before a review deadline: to facilitators with unfinished
reviews, in their language, once per milestone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.enums import Role
from evaluation import services
from evaluation.models import Assignment
from evaluation.reminders import review_deadline_reminders
from outbox.enums import MailKind
from outbox.models import OutboundMail

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user, country, other_country, settings):
    settings.REVIEW_REMINDER_DAYS = [3, 1]
    now = timezone.now()
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluations = under_review(call, [country, other_country], by=manager)
    people = {
        "done": facilitator(email="done@r4d.example.org", language="en"),
        "late": facilitator(email="late@r4d.example.org", full_name="Léa Martin", language="fr"),
        "draft": facilitator(email="draft@r4d.example.org", language="en"),
        "conflicted": facilitator(email="conflicted@r4d.example.org"),
    }
    for evaluation in evaluations.values():
        review(evaluation, people["done"], (3, 3, 3))
        Assignment.objects.create(evaluation=evaluation, reviewer=people["late"])
    review(evaluations["SN"], people["draft"], (3, 3, 3), submit=False)
    Assignment.objects.create(evaluation=evaluations["SN"], reviewer=people["conflicted"])
    services.conflict_declare(reviewer=people["conflicted"], country=country, reason="Adviser.", by=manager)
    settings_row = services.evaluation_settings_for(call)
    settings_row.review_deadline = now + timedelta(days=2, hours=12)
    settings_row.save()
    return call, now, people


def reminded():
    return sorted(OutboundMail.objects.filter(kind=MailKind.REMINDER).values_list("to_email", flat=True))


def test_facilitators_with_unfinished_reviews_are_reminded(world):
    call, now, _people = world

    review_deadline_reminders(now=now)

    assert reminded() == ["draft@r4d.example.org", "late@r4d.example.org"]


def test_review_reminder_in_the_facilitators_language_lists_the_countries(world):
    call, now, _people = world

    review_deadline_reminders(now=now)

    late = OutboundMail.objects.get(to_email="late@r4d.example.org")
    assert late.language == "fr"
    assert late.subject == f"{call.title_fr}\u00a0: évaluations attendues dans 3 jours"
    assert "- Ghana" in late.body_text and "- Sénégal" in late.body_text
    draft = OutboundMail.objects.get(to_email="draft@r4d.example.org")
    assert draft.subject == f"{call.title_en}: reviews due in 3 days"
    assert "- Senegal" in draft.body_text and "Ghana" not in draft.body_text


def test_review_reminders_once_per_milestone(world):
    call, now, _people = world

    review_deadline_reminders(now=now)
    review_deadline_reminders(now=now + timedelta(hours=1))
    assert len(reminded()) == 2

    review_deadline_reminders(now=now + timedelta(days=1, hours=13))  # one day before
    review_deadline_reminders(now=now + timedelta(days=1, hours=14))
    assert len(reminded()) == 4


def test_no_review_reminder_without_a_review_deadline(world):
    call, now, _people = world
    call.evaluation_settings.review_deadline = None
    call.evaluation_settings.save()

    review_deadline_reminders(now=now)

    assert reminded() == []
