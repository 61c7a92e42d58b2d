"""Clarification requests: a facilitator asks, the country's focal points answer in the portal."""

import pytest

from accounts.enums import Role
from evaluation import services
from evaluation.models import Assignment, ClarificationRequest
from outbox.models import OutboundMail

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(client, make_user, country, other_country):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluations = under_review(call, [country, other_country], by=manager)
    senegal = evaluations["SN"]
    me = facilitator()
    Assignment.objects.create(evaluation=senegal, reviewer=me)
    focal = make_user(Role.FOCAL_POINT, countries=[country], language="fr")
    other_focal = make_user(Role.FOCAL_POINT, countries=[other_country])
    client.force_login(me)
    response = client.post(f"/evaluation/eois/{senegal.pk}/questions/new/", {"question": "Quelles régions ?"})
    assert response.status_code == 302
    return senegal, me, focal, other_focal


def test_question_reaches_the_focal_points_by_mail_in_their_language(asked):
    senegal, me, focal, other_focal = asked
    request = ClarificationRequest.objects.get()
    assert (request.evaluation, request.asked_by, request.question) == (senegal, me, "Quelles régions ?")
    mail = OutboundMail.objects.get(to_email=focal.email)
    assert mail.language == "fr" and "Quelles régions ?" in mail.body_text
    assert "/evaluation/country/" in mail.body_text
    assert not OutboundMail.objects.filter(to_email=other_focal.email).exists()


def test_focal_point_answers_in_the_portal_and_the_asker_is_told(client, asked):
    senegal, me, focal, other_focal = asked
    request = ClarificationRequest.objects.get()
    client.force_login(focal)
    page = client.get("/evaluation/country/").content.decode()
    assert "Quelles régions ?" in page
    response = client.post(f"/evaluation/questions/{request.pk}/answer/", {"answer": "Dakar et Thiès."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.answer, request.answered_by) == ("Dakar et Thiès.", focal)
    assert "Dakar et Thiès." in OutboundMail.objects.get(to_email=me.email).body_text
    assert client.post(f"/evaluation/questions/{request.pk}/answer/", {"answer": "Again"}).status_code == 403

    client.force_login(me)
    assert "Dakar et Thiès." in client.get(f"/evaluation/eois/{senegal.pk}/").content.decode()


def test_empty_answer_is_refused_with_a_message(client, asked):
    senegal, me, focal, other_focal = asked
    request = ClarificationRequest.objects.get()
    client.force_login(focal)
    response = client.post(f"/evaluation/questions/{request.pk}/answer/", {"answer": "  "})
    assert response.status_code == 200 and response.context["form"].errors["answer"]
    assert not ClarificationRequest.objects.get().is_answered


def test_focal_points_never_see_reviews_or_scores(client, asked):
    senegal, me, focal, other_focal = asked
    review(senegal, me, (5, 4, 3), comment="Secret reviewer comment.")
    client.force_login(focal)
    page = client.get("/evaluation/country/").content.decode()
    assert "Secret reviewer comment." not in page and "Criterion" not in page
    assert client.get(f"/evaluation/eois/{senegal.pk}/").status_code == 404
    assert client.get(f"/evaluation/calls/{senegal.eoi.call_id}/ranking/").status_code == 404
    assert "Submitted" in client.get("/evaluation/country/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_other_country_cannot_answer(client, asked):
    senegal, me, focal, other_focal = asked
    request = ClarificationRequest.objects.get()
    client.force_login(other_focal)
    assert client.post(f"/evaluation/questions/{request.pk}/answer/", {"answer": "x"}).status_code == 404
    assert "Quelles régions ?" not in client.get("/evaluation/country/").content.decode()


def test_facilitator_who_declares_a_conflict_stops_receiving_the_countrys_answers(client, asked):
    senegal, me, focal, _other_focal = asked
    request = ClarificationRequest.objects.get()
    services.conflict_declare(reviewer=me, country=senegal.eoi.country, reason="Advised its ministry.", by=me)
    client.force_login(focal)

    response = client.post(f"/evaluation/questions/{request.pk}/answer/", {"answer": "Dakar et Thiès."})

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.answer == "Dakar et Thiès."  # the answer is kept for the panel
    assert not OutboundMail.objects.filter(to_email=me.email).exists()
