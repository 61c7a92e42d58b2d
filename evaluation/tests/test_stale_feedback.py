"""A feedback drafted from the scores remembers what it was drafted from: a review submitted
(or a score changed) afterwards flags it on the decision page, the finalise page and the
outbox, until it is drafted again. The feedback is a shared text: a save over someone else's
newer save is refused with both texts shown. Finalise warns about stale feedback, unanswered
questions and single reviews."""

import pytest
from django.conf import settings
from django.utils import translation

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.enums import Decision
from evaluation.selectors.staleness import finalise_warnings, staleness_by_evaluation
from evaluation.services.feedback_mail import feedback_mails_generate
from outbox.models import OutboundMail

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(make_user):
    """Kenya reviewed once, its feedback drafted from that review; a second reviewer assigned."""
    manager = make_user(Role.MANAGER)
    call = call_with_criteria(target_teams=2, min_teams=1)
    evaluations = under_review(call, [CountryFactory(code="KE"), CountryFactory(code="GH")], by=manager)
    first, second = facilitator(full_name="First Reviewer"), facilitator(full_name="Second Reviewer")
    for evaluation in evaluations.values():
        review(evaluation, first, (4, 4, 4))
    kenya = evaluations["KE"]
    services.decision_set(evaluation=kenya, decision=Decision.NOT_SELECTED, by=manager)
    services.evaluation_feedback_prefill(evaluation=kenya, by=manager)
    return call, manager, kenya, first, second


def decision_page(client, evaluation):
    return client.get(f"/evaluation/eois/{evaluation.pk}/decision/")


def test_fresh_draft_is_not_flagged(panel, client):
    _call, manager, kenya, _first, _second = panel
    client.force_login(manager)

    assert not decision_page(client, kenya).context["staleness"].is_stale
    assert "drafted before" not in decision_page(client, kenya).content.decode()


def test_review_submitted_after_drafting_flags_the_decision_page_then_drafting_again_clears_it(panel, client):
    _call, manager, kenya, _first, second = panel
    review(kenya, second, (1, 1, 1), comment="Weak on every point.")
    client.force_login(manager)

    page = decision_page(client, kenya).content.decode()
    assert "The feedback was drafted before 1 more review was submitted." in page

    client.post(f"/evaluation/eois/{kenya.pk}/decision/", {"regenerate": "1"})
    page = decision_page(client, kenya).content.decode()
    assert "drafted before" not in page
    kenya.refresh_from_db()
    assert "Weak on every point." in kenya.feedback_en


def test_staleness_in_french_with_plural_forms(panel):
    _call, _manager, kenya, first, second = panel
    third = facilitator()
    review(kenya, second, (1, 1, 1))
    review(kenya, third, (2, 2, 2))
    kenya.refresh_from_db()
    with translation.override("fr"):
        sentences = staleness_by_evaluation([kenya])[kenya.pk].sentences()
    assert sentences == ["Le retour a été rédigé avant que 2 évaluations de plus ne soient soumises."]


def test_a_changed_score_flags_the_feedback(panel):
    _call, _manager, kenya, first, _second = panel
    review(kenya, first, (1, 4, 4))  # the same reviewer corrects a score
    kenya.refresh_from_db()

    staleness = staleness_by_evaluation([kenya])[kenya.pk]
    assert (staleness.new_reviews, staleness.changed) == (0, True)
    assert staleness.sentences() == ["Scores or comments for the country changed after the feedback was drafted."]


def test_draft_shown_by_the_decision_page_and_saved_remembers_its_source(panel, client):
    call, manager, _kenya, first, second = panel
    ghana = call.eois.get(country__code="GH").evaluation
    client.force_login(manager)
    form = decision_page(client, ghana).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["decision"] = Decision.NOT_SELECTED

    client.post(f"/evaluation/eois/{ghana.pk}/decision/", data)
    ghana.refresh_from_db()
    assert ghana.feedback_en and ghana.feedback_drafted_from["reviews"] == list(
        ghana.reviews.values_list("pk", flat=True))
    review(ghana, second, (2, 2, 2))
    assert "1 more review" in decision_page(client, ghana).content.decode()


def test_finalise_page_warns_about_stale_feedback_questions_and_single_reviews(panel, client):
    call, manager, kenya, first, second = panel
    ghana = call.eois.get(country__code="GH").evaluation
    review(kenya, second, (1, 1, 1))
    services.clarification_ask(evaluation=ghana, question="Who leads the team?", by=first)
    client.force_login(manager)

    page = client.get(f"/evaluation/calls/{call.pk}/finalise/").content.decode()

    assert "Kenya: The feedback was drafted before 1 more review was submitted." in page
    assert "Ghana: 1 question to the country is still unanswered." in page
    assert "Ghana: only one review was submitted." in page
    assert "Kenya: only one review was submitted." not in page


def test_outbox_says_a_letters_feedback_is_stale(panel, client):
    call, manager, kenya, _first, second = panel
    ghana = call.eois.get(country__code="GH").evaluation
    review(kenya, second, (1, 1, 1))
    services.decision_set(evaluation=ghana, decision=Decision.NOT_SELECTED, by=manager)
    services.evaluation_feedback_prefill(evaluation=ghana, by=manager)
    services.evaluation_finalise_call(call=call, by=manager)
    kenya.eoi.contact_email = "contact@ke.example.org"
    kenya.eoi.save()
    feedback_mails_generate(call=call, by=manager)
    letter = OutboundMail.objects.get(to_email="contact@ke.example.org")
    client.force_login(manager)

    page = client.get(f"/outbox/{letter.pk}/").content.decode()

    assert "The feedback was drafted before 1 more review was submitted." in page
    assert finalise_warnings([]) == []


def test_saving_over_someone_elses_newer_feedback_is_refused_with_both_texts(panel, client, make_user):
    _call, manager, kenya, first, _second = panel
    client.force_login(manager)
    form = decision_page(client, kenya).context["form"]
    mine = {name: form[name].value() or "" for name in form.fields}
    mine.update(decision=Decision.NOT_SELECTED, feedback_en="My English text.", feedback_fr="Mon texte.")
    services.evaluation_feedback_save(evaluation=kenya, feedback_en="Their newer text.",
                                      feedback_fr="Leur texte plus récent.", by=first, version=kenya.feedback_version)

    refused = client.post(f"/evaluation/eois/{kenya.pk}/decision/", mine)

    kenya.refresh_from_db()
    assert refused.status_code == 409 and kenya.feedback_en == "Their newer text."
    page = refused.content.decode()
    assert "My English text." in page and "Their newer text." in page and "Leur texte plus récent." in page
    again = {name: refused.context["form"][name].value() or "" for name in refused.context["form"].fields}
    assert client.post(f"/evaluation/eois/{kenya.pk}/decision/", again).status_code == 302
    kenya.refresh_from_db()
    assert kenya.feedback_en == "My English text."


def test_call_history_names_every_change_in_words_in_english_and_french(panel, client):
    """The call-wide history: who changed what and when across every EOI, with criterion names
    (never their internal keys) and readable column titles ("Modification" in French)."""
    call, manager, kenya, first, second = panel
    review(kenya, second, (2, 2, 2))
    client.force_login(manager)

    english = client.get(f"/evaluation/calls/{call.pk}/history/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = client.get(f"/evaluation/calls/{call.pk}/history/").content.decode()

    assert english.status_code == 200
    page = english.content.decode()
    criterion = call.criteria.order_by("order").first()
    assert "Kenya" in page and "Ghana" in page and "Second Reviewer" in page
    assert f"Score – {criterion.name_en} – Second Reviewer" in page
    assert f"– {criterion.key} –" not in page
    assert "<th scope=\"col\">Modification</th>" in french and "Changer" not in french.split("<table")[1]


def test_decision_page_lists_the_comments_the_french_draft_leaves_out(panel, client):
    _call, manager, kenya, _first, _second = panel
    client.force_login(manager)

    response = decision_page(client, kenya)

    assert response.context["left_out"] == {"fr": [(c.name_fr, "Clear and relevant.")
                                                   for c in kenya.eoi.call.criteria.order_by("order", "pk")]}
    assert "Not in the French draft" in response.content.decode()
