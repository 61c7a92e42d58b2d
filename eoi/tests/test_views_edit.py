"""Editing an EOI through the pages: nothing typed is ever lost."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from accounts.tests.factories import PASSWORD
from eoi.enums import EOIStatus
from eoi.models import StashedInput

from .factories import fill_complete

pytestmark = pytest.mark.django_db


def form_data(eoi, **values):
    data = {"version": str(eoi.version), "answer_relevance": "", "answer_efforts": "", "answer_action": "",
            "contact_name": "", "contact_position": "", "contact_email": ""}
    data.update(values)
    return data


def test_edit_page_shows_questionnaire_and_composition(client, eoi, focal):
    client.force_login(focal)
    page = unescape(client.get(reverse("eoi:edit", args=[eoi.pk]), HTTP_ACCEPT_LANGUAGE="fr").content.decode())
    assert "Question relevance ?" in page  # the French prompt of the call
    assert 'name="m5_why_role_matters"' in page and 'name="m6_name"' not in page  # as many rows as the maximum
    assert "Composition de l'équipe" in page
    assert f'data-autosave-url="{reverse("eoi:autosave", args=[eoi.pk])}"' in page


def test_save_valid_draft_stores_answers_team_and_contact(client, eoi, focal):
    client.force_login(focal)
    profile = eoi.call.profiles.get(number=4)
    response = client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(
        eoi, answer_relevance="Les SSP sont sous-financés.", m2_name="Moussa Ndiaye", m2_level="subnational",
        m2_profile_id=str(profile.pk), m2_gender="male", m2_commits_to_meetings="on", contact_name="Awa Ba",
    ))
    assert response.status_code == 302 and response.url == reverse("eoi:edit", args=[eoi.pk])
    eoi.refresh_from_db()
    assert eoi.version == 2 and eoi.contact_name == "Awa Ba" and eoi.updated_by == focal
    assert eoi.answers.get(question__key="relevance").text == "Les SSP sont sous-financés."
    member = eoi.team_members.get()
    assert (member.slot, member.name, member.profile, member.commits_to_meetings) == (2, "Moussa Ndiaye", profile, True)
    assert eoi.problem_count > 0


def test_save_with_errors_keeps_every_input_and_saves_nothing(client, eoi, focal):
    client.force_login(focal)
    typed = "Un long texte que personne ne veut retaper. " * 20
    response = client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(
        eoi, answer_relevance=typed, m1_name="Aminata", m1_email="aminata@", contact_email="pas une adresse",
    ), HTTP_ACCEPT_LANGUAGE="fr")
    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert typed.strip() in page
    assert 'value="Aminata"' in page and 'value="aminata@"' in page and 'value="pas une adresse"' in page
    assert "Membre de l'équipe 1\u00a0: Adresse électronique</a>\u00a0: Saisissez une adresse de courriel valide." in page
    eoi.refresh_from_db()
    assert eoi.version == 1 and not eoi.answers.exists()


def test_edit_fields_have_labels_and_described_errors_and_help(client, eoi, focal):
    """crispy-forms' fields: label for=, the error beside the field and the help text, both named
    by the widget's aria-describedby; and the error again in the summary at the top, linked."""
    client.force_login(focal)
    page = client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(
        eoi, m1_email="aminata@", m2_why_role_matters="x " * 101)).content.decode()
    page = re.sub(r"\s+", " ", page)
    assert '<label for="id_m1_email" class="form-label"> E-mail address </label>' in page
    assert ('<input type="email" name="m1_email" value="aminata@" maxlength="320" class="emailinput form-control '
            'is-invalid" aria-invalid="true" aria-describedby="id_m1_email_error" id="id_m1_email">') in page
    assert '<div id="id_m1_email_error" class="invalid-feedback"><p id="error_1_id_m1_email"><strong>Enter a valid email address.</strong></p></div>' in page
    assert page.count('aria-invalid="true"') == 1 and 'id="id_m2_email_error"' not in page
    assert 'data-word-limit="100" class="textarea form-control" aria-describedby="id_m1_why_role_matters_helptext"' in page
    assert '<div id="id_m1_why_role_matters_helptext" class="form-text">At most 100 words.</div>' in page
    assert page.count('class="form-text">At most ') == 3 + 5  # each answer, each member's "why", once
    assert '<a href="#id_m1_email">Team member 1: E-mail address</a>: Enter a valid email address.' in page


def test_clearing_a_team_row_removes_the_member(client, eoi, focal):
    fill_complete(eoi, members=5)
    client.force_login(focal)
    data = form_data(eoi)
    for slot in range(1, 5):
        member = eoi.team_members.get(slot=slot)
        data.update({f"m{slot}_name": member.name, f"m{slot}_email": member.email})
    client.post(reverse("eoi:edit", args=[eoi.pk]), data)
    assert sorted(eoi.team_members.values_list("slot", flat=True)) == [1, 2, 3, 4]


def test_concurrent_save_refused_and_both_texts_shown(client, eoi, focal, make_user, country):
    colleague = make_user(Role.FOCAL_POINT, countries=[country], full_name="Moussa Ndiaye")
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    client.force_login(focal)
    url = reverse("eoi:edit", args=[eoi.pk])
    assert other.post(url, form_data(eoi, answer_relevance="Texte de Moussa")).status_code == 302
    response = client.post(url, form_data(eoi, answer_relevance="Texte d'Awa"), HTTP_ACCEPT_LANGUAGE="fr")
    page = unescape(response.content.decode())
    assert response.status_code == 409
    assert "Une autre personne a enregistré cette manifestation d'intérêt" in page
    assert "Moussa Ndiaye l'a enregistrée le" in page
    assert "Texte d'Awa</textarea>" in page  # her text, in the form
    assert 'data-conflict-for="id_answer_relevance"' in page and "Texte de Moussa" in page  # theirs, beside it
    assert page.count("data-conflict-for=") == 1  # the empty rows' unticked boxes are no difference
    assert 'name="version" value="2"' in page
    eoi.refresh_from_db()
    assert eoi.answers.get().text == "Texte de Moussa"
    # Saving the reconciled text now goes through.
    assert client.post(url, form_data(eoi, answer_relevance="Texte commun")).status_code == 302
    assert eoi.answers.get().text == "Texte commun"


def test_expired_session_input_kept_over_login(client, eoi, focal):
    client.force_login(focal)
    url = reverse("eoi:edit", args=[eoi.pk])
    client.get(url)
    del client.cookies[settings.SESSION_COOKIE_NAME]  # the session expired while she typed
    typed = "Deux heures de rédaction hors ligne."
    response = client.post(url, form_data(eoi, answer_efforts=typed, m1_name="Fatou Sarr"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login") + "?next=")
    stash = StashedInput.objects.get()
    assert stash.path == url and stash.data["answer_efforts"] == [typed] and "csrfmiddlewaretoken" not in stash.data
    login = client.post(response.url, {"username": focal.email, "password": PASSWORD}, follow=True)
    page = unescape(login.content.decode())
    assert login.redirect_chain[-1][0] == f"{url}?restore={stash.token}"
    assert typed in page and 'value="Fatou Sarr"' in page
    assert not StashedInput.objects.exists()  # given back once
    eoi.refresh_from_db()
    assert eoi.version == 1  # nothing saved until she presses Save


def test_stashed_input_not_given_to_another_country(client, eoi, focal, other_focal):
    token = StashedInputFactory(eoi, focal)
    client.force_login(other_focal)
    assert client.get(reverse("eoi:edit", args=[eoi.pk]) + f"?restore={token}").status_code == 404
    assert StashedInput.objects.filter(token=token).exists()


def test_stashed_input_expires_after_a_day(client, eoi, focal):
    token = StashedInputFactory(eoi, focal)
    StashedInput.objects.update(created_at=timezone.now() - timedelta(hours=25))
    client.force_login(focal)
    page = unescape(client.get(reverse("eoi:edit", args=[eoi.pk]) + f"?restore={token}").content.decode())
    assert "Kept text" not in page


def StashedInputFactory(eoi, owner):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.update({"version": "1", "answer_relevance": "Kept text"})
    from eoi.services import input_stash

    return input_stash(owner=owner, eoi_id=eoi.pk, path=reverse("eoi:edit", args=[eoi.pk]), data=data,
                       address="127.0.0.1")


def test_autosave_saves_and_answers_json(client, eoi, focal):
    client.force_login(focal)
    response = client.post(reverse("eoi:autosave", args=[eoi.pk]), form_data(eoi, answer_action="Brouillon"),
                           HTTP_ACCEPT_LANGUAGE="fr")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "saved" and body["version"] == 2 and body["message"].startswith("Brouillon enregistré à ")
    assert body["errors"] == [] and "composition_html" not in body  # the team did not change
    assert eoi.answers.get().text == "Brouillon"


def test_autosave_renders_the_composition_when_the_team_changed(client, eoi, focal):
    client.force_login(focal)
    response = client.post(reverse("eoi:autosave", args=[eoi.pk]), form_data(eoi, m1_name="Fatou Diop"))
    assert 'id="composition-panel"' in response.json()["composition_html"]
    assert eoi.team_members.get().name == "Fatou Diop"


def test_autosave_with_a_broken_version_saves_nothing(client, eoi, focal):
    client.force_login(focal)
    response = client.post(reverse("eoi:autosave", args=[eoi.pk]), form_data(eoi, version="x", answer_action="typed"))
    assert response.status_code == 400 and response.json()["status"] == "invalid"
    eoi.refresh_from_db()
    assert eoi.version == 1 and not eoi.answers.exists()


def test_autosave_with_old_version_is_a_conflict(client, eoi, focal):
    client.force_login(focal)
    url = reverse("eoi:autosave", args=[eoi.pk])
    client.post(url, form_data(eoi, answer_action="first"))
    response = client.post(url, form_data(eoi, answer_action="second"))  # still version 1
    assert response.status_code == 409 and response.json()["status"] == "conflict"
    assert eoi.answers.get().text == "first"


def test_autosave_after_session_expiry_keeps_input(client, eoi, focal):
    client.force_login(focal)
    client.get(reverse("eoi:edit", args=[eoi.pk]))
    del client.cookies[settings.SESSION_COOKIE_NAME]  # the session expired; her owner cookie stays
    response = client.post(reverse("eoi:autosave", args=[eoi.pk]), form_data(eoi, answer_action="typed"))
    body = response.json()
    assert response.status_code == 401 and body["status"] == "login"
    token = StashedInput.objects.get().token
    assert token in body["login_url"]


def test_edit_after_deadline_shows_text_and_saves_nothing(client, eoi, focal):
    client.force_login(focal)
    eoi.call.deadline = timezone.now() - timedelta(seconds=1)
    eoi.call.save()
    response = client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(eoi, answer_action="Last words"))
    assert response.status_code == 409
    page = unescape(response.content.decode())
    assert "The deadline has passed" in page and "Last words</textarea>" in page
    assert not eoi.answers.exists()


def test_submit_page_lists_every_problem_then_submits(client, eoi, focal):
    client.force_login(focal)
    url = reverse("eoi:submit", args=[eoi.pk])
    refused = client.post(url, HTTP_ACCEPT_LANGUAGE="fr")
    page = unescape(refused.content.decode())
    assert refused.status_code == 400
    assert "La question 1 n'a pas encore de réponse." in page
    assert "Proposez au moins 4 membres pour l'équipe (0 pour l'instant)." in page
    fill_complete(eoi)
    done = client.post(url, follow=True, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Votre manifestation d'intérêt a été soumise." in unescape(done.content.decode())
    eoi.refresh_from_db()
    assert eoi.status == EOIStatus.SUBMITTED and eoi.submitted_by == focal
    # Read-only now: the edit page sends her back to the overview.
    assert client.get(reverse("eoi:edit", args=[eoi.pk])).url == reverse("eoi:detail", args=[eoi.pk])


def test_submit_after_deadline_by_server_clock_refused(client, eoi, focal):
    fill_complete(eoi)
    eoi.call.deadline = timezone.now() - timedelta(seconds=1)
    eoi.call.save()
    client.force_login(focal)
    response = client.post(reverse("eoi:submit", args=[eoi.pk]), follow=True)
    assert "The deadline has passed." in unescape(response.content.decode())
    eoi.refresh_from_db()
    assert eoi.status == EOIStatus.DRAFT


def test_start_creates_the_draft_and_opens_the_form(client, call, country, focal):
    client.force_login(focal)
    response = client.post(reverse("eoi:start", args=[call.pk, country.pk]))
    eoi = call.eois.get(country=country)
    assert response.url == reverse("eoi:edit", args=[eoi.pk])
    assert eoi.created_by == focal and eoi.status == EOIStatus.DRAFT


def test_manager_records_email_eoi_then_submits_with_time_of_receipt(client, call, country, manager):
    client.force_login(manager)
    response = client.post(reverse("eoi:manage_record_email", args=[call.pk]), {"country": country.pk})
    eoi = call.eois.get(country=country)
    assert response.url == reverse("eoi:edit", args=[eoi.pk]) and eoi.channel == "email"
    fill_complete(eoi)
    received = timezone.localtime(timezone.now() - timedelta(hours=1), call.tzinfo)
    response = client.post(reverse("eoi:record_received", args=[eoi.pk]), {
        "received_date": received.date().isoformat(), "received_time": received.strftime("%H:%M")})
    eoi.refresh_from_db()
    assert response.status_code == 302
    assert eoi.status == EOIStatus.SUBMITTED and eoi.submitted_by == manager
    assert timezone.localtime(eoi.submitted_at, call.tzinfo).strftime("%Y-%m-%d %H:%M") == received.strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("members", [1, 5])
@pytest.mark.parametrize("with_errors", [False, True])
def test_edit_page_query_count_constant(client, eoi, focal, django_assert_num_queries, members, with_errors):
    """The form as it opens, and shown again with errors (refused before the service is called)."""
    fill_complete(eoi, members=members)
    client.force_login(focal)
    url = reverse("eoi:edit", args=[eoi.pk])
    client.get(url)  # warm the session
    data = form_data(eoi, contact_email="x@", **{f"m{slot}_name": f"Member {slot}" for slot in range(1, members + 1)})
    # session, user, EOI (call, country, people), the user's countries, team, questions (each with this
    # EOI's answer), profiles, and the session's renewal (savepoint, update, release)
    with django_assert_num_queries(7):
        response = client.post(url, data) if with_errors else client.get(url)
    assert response.status_code == (400 if with_errors else 200)
    assert response.content.decode().count('value="Member ') == members
    if not with_errors:
        assert response.content.decode().count("A short and relevant answer.</textarea>") == 3  # the saved answers
