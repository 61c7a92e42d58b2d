"""Letters that match the record: one greeting, the ineligible letter without
scores, the country's language only, the country's home dated by the decision."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eoi.models import ExpressionOfInterest

from .feedback_world import finalised_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return finalised_call()


def test_country_home_shows_the_decisions_date_not_the_submissions(world, client):
    call, _manager, evaluations, _recipients = world
    eoi = evaluations["KE"].eoi
    submitted = timezone.now() - timedelta(days=40)
    ExpressionOfInterest.objects.filter(pk=eoi.pk).update(submitted_at=submitted)
    evaluations["KE"].refresh_from_db()
    decided = timezone.localtime(evaluations["KE"].updated_at, call.tzinfo)
    client.force_login(eoi.country.focal_points.filter(is_active=True).first())

    page = client.get("/eoi/").content.decode()

    assert f"decided on {decided.day} {decided.strftime('%B %Y')}" in page
    assert timezone.localtime(submitted, call.tzinfo).strftime("%B %Y, ") not in page


def letters(call, manager):
    from evaluation.services.feedback_mail import feedback_mails_generate
    from outbox.models import OutboundMail

    feedback_mails_generate(call=call, by=manager)
    return {m.to_email.lower(): m for m in OutboundMail.objects.all()}


def test_every_letter_has_one_greeting_and_one_closing(world):
    call, manager, _evaluations, recipients = world
    mails = letters(call, manager)

    for code, greeting in (("KE", "Dear "), ("GH", "Dear "), ("SN", "Bonjour "), ("ML", "Bonjour ")):
        text = mails[recipients[code][0]].body_text
        assert text.count(greeting) == 1 and "Dear colleagues from" not in text and "Chères et chers" not in text
        assert text.count("best regards") + text.count("meilleures salutations") == 1


def test_ineligible_letter_names_the_requirement_and_gives_no_scores(world):
    call, manager, _evaluations, recipients = world
    mails = letters(call, manager)

    mali = mails[recipients["ML"][0]]
    assert mali.language == "fr"
    assert "examinée" not in mali.body_text and "examined" not in mali.body_text
    assert "ne remplissait pas toutes les conditions" in mali.body_text
    assert "Notes par critère" not in mali.body_text and "sur une échelle" not in mali.body_text
    assert "note moyenne" not in mali.body_text


def test_francophone_letter_carries_no_english_comment(world):
    """The facilitator wrote their comments for the country in English: the French draft does
    not paste them, so the French letter has none of them (the decision page lists them)."""
    call, manager, evaluations, recipients = world
    mails = letters(call, manager)

    senegal, kenya = mails[recipients["SN"][0]], mails[recipients["KE"][0]]
    assert "Clear and relevant." in kenya.body_text
    assert "Clear and relevant." not in senegal.body_text
    assert "Clear and relevant." not in evaluations["SN"].__class__.objects.get(pk=evaluations["SN"].pk).feedback_fr


def test_records_quote_the_letter_as_edited_in_the_outbox_not_the_draft(world):
    """The EOI's PDF record (also in the dossier) and the selection report quote the letter as
    the manager edited it in the Outbox."""
    from django.template.loader import render_to_string
    from django.utils.translation import override

    from evaluation import report_data
    from evaluation.report_builders import RECORD_TEMPLATE, eoi_record_context
    from outbox import services as outbox

    call, manager, evaluations, recipients = world
    mails = letters(call, manager)
    kenya = mails[recipients["KE"][0]]
    outbox.mail_edit(mail=kenya, subject=kenya.subject, by=manager,
                     body_text=kenya.body_text + "\nA sentence the manager added in the Outbox.")
    for other in recipients["KE"][1:]:
        outbox.mail_edit(mail=mails[other], subject=mails[other].subject, by=manager,
                         body_text=mails[other].body_text + "\nA sentence the manager added in the Outbox.")
    eoi = report_data.eoi_for_record().get(pk=evaluations["KE"].eoi_id)

    with override("en"):
        record = render_to_string(RECORD_TEMPLATE, eoi_record_context(eoi, language="en"))
        report = report_data.selection_report_data(report_data.call_for_report().get(pk=call.pk))
    assert "A sentence the manager added in the Outbox." in record
    entry = next(e for e in report.entries if e.evaluation.pk == evaluations["KE"].pk)
    assert "A sentence the manager added in the Outbox." in entry.letter.body_text
    entry_html = render_to_string("evaluation/pdf/includes/eoi_entry.html", {"entry": entry})
    assert "A sentence the manager added in the Outbox." in entry_html


def test_review_form_separates_the_note_to_the_panel_from_the_comment_for_the_country(client, make_user):
    """The form says the comment may be quoted to the country; the note never leaves the panel:
    not in the drafted feedback, not in the letter, not on the country's page."""
    from accounts.enums import Role
    from countries.tests.factories import CountryFactory
    from evaluation import services
    from evaluation.enums import Decision
    from evaluation.models import Assignment

    from .factories import call_with_criteria, facilitator, under_review

    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    kenya = under_review(call, [CountryFactory(code="KE")], by=manager)["KE"]
    me = facilitator()
    Assignment.objects.create(evaluation=kenya, reviewer=me)
    client.force_login(me)
    form_page = client.get(f"/evaluation/eois/{kenya.pk}/").content.decode()
    assert "It may be quoted to the country in its feedback letter." in form_page
    assert "Note to the panel (optional)" in form_page and "it is never quoted to the country" in form_page

    data = {"submit": "1", "panel_note": "Between us: the minister is leaving."}
    for criterion in call.criteria.all():
        data[f"score_{criterion.pk}"] = "4"
        data[f"comment_{criterion.pk}"] = "Clear plan for the districts."
    assert client.post(f"/evaluation/eois/{kenya.pk}/", data).status_code == 302
    kenya.refresh_from_db()
    assert kenya.reviews.get().panel_note == "Between us: the minister is leaving."

    services.decision_set(evaluation=kenya, decision=Decision.NOT_SELECTED, by=manager)
    services.evaluation_feedback_prefill(evaluation=kenya, by=manager)
    services.evaluation_finalise_call(call=call, by=manager)
    kenya.eoi.contact_email = "contact@ke.example.org"
    kenya.eoi.save()
    mails = letters(call, manager)
    kenya.refresh_from_db()
    assert "Clear plan for the districts." in kenya.feedback_en
    assert "minister" not in kenya.feedback_en + kenya.feedback_fr
    assert "minister" not in mails["contact@ke.example.org"].body_text
