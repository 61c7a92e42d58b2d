"""Feedback letters: every country hears back, once per recipient, in its
working language, from the letter of its decision; generating again adds
nothing; a discarded draft is made again."""

from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from eoi.tests.factories import CallFactory
from evaluation import services
from evaluation.services.feedback_mail import feedback_batch, feedback_deadline, feedback_mails_generate
from outbox import services as outbox
from outbox import tasks
from outbox.enums import MailKind, MailState
from outbox.models import OutboundMail

from .feedback_world import LANGUAGES, LETTERS, finalised_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return finalised_call()


def by_address():
    return {m.to_email.lower(): m for m in OutboundMail.objects.all()}


def test_generate_one_draft_per_recipient_of_every_country(world):
    call, manager, evaluations, recipients = world

    outcome = feedback_mails_generate(call=call, by=manager)

    expected = sorted(address for addresses in recipients.values() for address in addresses)
    assert sorted(by_address()) == expected
    assert len(outcome.created) == 8 and outcome.existing == 0 and outcome.without_recipient == []
    assert set(OutboundMail.objects.values_list("kind", "state", "batch")) == {
        (MailKind.FEEDBACK, MailState.DRAFT, f"feedback-call-{call.pk}")}
    assert django_mail.outbox == []  # drafts: nothing leaves before the manager approves
    for code, addresses in recipients.items():
        for address in addresses:
            assert by_address()[address].related == evaluations[code]


def test_generate_writes_in_each_countrys_language_from_its_decisions_letter(world):
    call, manager, evaluations, recipients = world

    feedback_mails_generate(call=call, by=manager)

    mails = by_address()
    assert {code: mails[addresses[0]].language for code, addresses in recipients.items()} == {
        code: LANGUAGES[code] for code in recipients}
    ke, sn, gh, ml = (mails[recipients[code][0]] for code in ("KE", "SN", "GH", "ML"))
    assert ke.subject == f"{call.title_en}: Kenya is selected"
    assert "has been selected for" in ke.body_text and "Decision: Selected" in ke.body_text
    assert sn.subject == f"{call.title_fr} — Sénégal\u00a0: liste d’attente"
    assert "liste d’attente" in sn.body_text and "Décision\u00a0: Sur liste d'attente" in sn.body_text
    assert gh.subject == f"{call.title_en}: the decision about Ghana"
    assert "has not been selected" in gh.body_text
    assert ml.subject == f"{call.title_fr} — Mali\u00a0: votre manifestation d’intérêt"
    assert "ne remplissait pas toutes les conditions" in ml.body_text and "Décision\u00a0: Non éligible" in ml.body_text


def test_letters_carry_the_panels_feedback_and_a_summary_by_criterion(world):
    call, manager, evaluations, recipients = world
    feedback_mails_generate(call=call, by=manager)
    mails = by_address()

    ke, sn = mails[recipients["KE"][0]], mails[recipients["SN"][0]]
    evaluations["KE"].refresh_from_db()
    evaluations["SN"].refresh_from_db()
    assert evaluations["KE"].feedback_en.strip() in ke.body_text
    assert evaluations["SN"].feedback_fr.strip().replace("'", "’")[:60].replace("’", "'") in sn.body_text
    assert "Scores by criterion (mean of the reviewers' scores)" in ke.body_text
    assert "- Criterion" in ke.body_text and ": 4.0 on a scale of 0 to 5" in ke.body_text
    assert "- Critère" in sn.body_text and "\u00a0: 4,0 sur une échelle de 0 à 5" in sn.body_text
    assert "&#x27;" not in sn.body_text and "&amp;" not in ke.body_text  # text parts are not HTML-escaped
    assert '<meta name="viewport"' in sn.body_html and 'lang="fr"' in sn.body_html
    assert "max-width:600px" in sn.body_html and "Critère" in sn.body_html


def test_generate_twice_creates_nothing_more(world):
    call, manager, _evaluations, _recipients = world
    feedback_mails_generate(call=call, by=manager)

    again = feedback_mails_generate(call=call, by=manager)

    assert again.created == [] and again.existing == 8
    assert OutboundMail.objects.count() == 8


def test_generate_again_keeps_an_edited_draft_and_remakes_a_discarded_one(world):
    call, manager, _evaluations, recipients = world
    feedback_mails_generate(call=call, by=manager)
    edited, discarded = by_address()[recipients["GH"][0]], by_address()[recipients["GH"][1]]
    outbox.mail_edit(mail=edited, subject="Edited", body_text="Edited text.", by=manager)
    outbox.mail_discard(mail=discarded, by=manager)

    again = feedback_mails_generate(call=call, by=manager)

    assert [m.to_email for m in again.created] == [discarded.to_email]
    assert OutboundMail.objects.get(pk=edited.pk).subject == "Edited"
    assert OutboundMail.objects.filter(to_email=discarded.to_email).count() == 2
    assert OutboundMail.objects.exclude(state=MailState.DISCARDED).count() == 8


def test_generate_refused_before_the_decisions_are_final(make_user):
    from accounts.enums import Role

    call = CallFactory()
    with pytest.raises(services.NotAllowed):
        feedback_mails_generate(call=call, by=make_user(Role.MANAGER))
    assert OutboundMail.objects.count() == 0


def test_withdrawn_eoi_gets_no_letter(world):
    call, manager, _evaluations, _recipients = world
    feedback_mails_generate(call=call, by=manager)
    assert not OutboundMail.objects.filter(to_email__endswith="@ng.example.org").exists()


def test_every_letter_is_rendered_in_both_languages(world):
    """All four letters × English and French, whatever the countries' languages."""
    from evaluation.services.feedback_mail import criteria_summary, feedback_context, feedback_recipients

    call, _manager, evaluations, _recipients = world
    _criteria, summary = criteria_summary(call)
    for code, letter in LETTERS.items():
        evaluation = evaluations[code]
        evaluation.refresh_from_db()
        recipient = feedback_recipients(evaluation.eoi)[0]
        for language, decision_word in (("en", "Decision:"), ("fr", "Décision\u00a0:")):
            context = feedback_context(evaluation=evaluation, recipient=recipient, language=language,
                                       criteria=summary[evaluation.pk])
            subject, text, html = outbox.mail_render(
                template=f"evaluation/mail/feedback_{letter}", context=context, language=language)
            assert subject and "\n" not in subject
            assert decision_word in text and f'lang="{language}"' in html
            assert evaluation.feedback_in(language).splitlines()[0] in text


def test_schedule_for_the_feedback_date_sends_only_when_due(world, django_capture_on_commit_callbacks):
    call, manager, _evaluations, _recipients = world
    batch = feedback_batch(call)
    feedback_mails_generate(call=call, by=manager)
    outbox.batch_approve(batch=batch, by=manager)
    later = timezone.now() + timedelta(hours=2)

    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.batch_schedule(batch=batch, by=manager, send_after=later) == 8
    tasks.dispatch_due.apply()
    assert django_mail.outbox == []

    OutboundMail.objects.filter(batch=batch).update(send_after=timezone.now() - timedelta(seconds=1))
    tasks.dispatch_due.apply()
    tasks.dispatch_due.apply()  # run twice: nothing more leaves
    assert sorted(m.to[0].split("<")[-1].rstrip(">").lower() for m in django_mail.outbox) == sorted(by_address())
    assert set(OutboundMail.objects.values_list("state", flat=True)) == {MailState.SENT}


def test_send_task_run_twice_sends_a_letter_once(world):
    call, manager, _evaluations, _recipients = world
    batch = feedback_batch(call)
    feedback_mails_generate(call=call, by=manager)
    outbox.batch_approve(batch=batch, by=manager)
    OutboundMail.objects.filter(batch=batch).update(state=MailState.SCHEDULED, send_after=timezone.now())
    mail = OutboundMail.objects.filter(batch=batch).first()

    tasks.send_mail_task.apply(kwargs={"mail_id": mail.pk})
    tasks.send_mail_task.apply(kwargs={"mail_id": mail.pk})

    assert len(django_mail.outbox) == 1
    assert OutboundMail.objects.get(pk=mail.pk).attempts == 1


def test_feedback_deadline_is_the_end_of_the_feedback_date_in_the_calls_zone(world):
    call = world[0]
    deadline = feedback_deadline(call)
    assert deadline.utcoffset() == timedelta(hours=3)  # Africa/Nairobi
    assert (deadline - timedelta(seconds=1)).date() == call.feedback_date
