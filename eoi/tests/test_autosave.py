"""Autosave never stops because of one invalid field: everything valid is saved, the
invalid field keeps its saved value and is named in the answer; one read of the EOI."""

import pytest
from django.urls import reverse

from .factories import fill_complete
from .test_views_edit import form_data

pytestmark = pytest.mark.django_db


def complete_form(eoi, **values):
    """The whole form as autosave.js posts it for an EOI filled by fill_complete."""
    data = form_data(eoi, answer_relevance="A short and relevant answer.", answer_efforts="A short and relevant answer.",
                     answer_action="A short and relevant answer.", contact_name="Awa Ba",
                     contact_position="Coordinator", contact_email="awa@example.org")
    for member in eoi.team_members.all():
        for field in ("name", "position", "organisation", "level", "gender", "email", "why_role_matters"):
            data[f"m{member.slot}_{field}"] = getattr(member, field)
        data[f"m{member.slot}_profile_id"] = str(member.profile_id)
        data[f"m{member.slot}_commits_to_meetings"] = "on"
    data.update(values)
    return data


def test_autosave_with_one_bad_member_email_saves_every_other_field(client, eoi, focal):
    fill_complete(eoi, members=4)
    client.force_login(focal)
    posted = complete_form(eoi, answer_action="The new answer.", contact_position="Head of unit",
                           m1_position="Minister's adviser", m2_email="not an address", m2_name="Renamed",
                           m5_name="Mariama Sall")
    response = client.post(reverse("eoi:autosave", args=[eoi.pk]), posted)
    body = response.json()
    assert response.status_code == 200 and body["status"] == "saved" and body["version"] == 2
    assert body["errors"] == [["id_m2_email", "Team member 2: E-mail address", "Enter a valid email address."]]
    assert body["message"].endswith("except 1 field: see the list at the top of the form.")
    eoi.refresh_from_db()
    assert eoi.version == 2 and eoi.contact_position == "Head of unit"
    assert eoi.answers.get(question__key="action").text == "The new answer."
    members = {m.slot: m for m in eoi.team_members.all()}
    assert members[1].position == "Minister's adviser" and members[5].name == "Mariama Sall"
    assert (members[2].name, members[2].email) == ("Member 2", "member2@example.org")  # the row with the error: kept
    assert 'id="composition-panel"' in body["composition_html"]  # a row changed


def test_autosave_with_a_bad_contact_email_saves_the_contact_name(client, eoi, focal):
    client.force_login(focal)
    response = client.post(reverse("eoi:autosave", args=[eoi.pk]),
                           form_data(eoi, contact_name="Awa Ba", contact_email="awa@", answer_action="Typed"))
    assert response.json()["errors"] == [["id_contact_email", "Contact person: E-mail address",
                                          "Enter a valid email address."]]
    eoi.refresh_from_db()
    assert (eoi.contact_name, eoi.contact_email, eoi.version) == ("Awa Ba", "", 2)
    assert eoi.answers.get().text == "Typed"


def test_autosave_counts_the_problems_of_what_is_saved(client, eoi, focal):
    fill_complete(eoi, members=4)
    client.force_login(focal)
    url = reverse("eoi:autosave", args=[eoi.pk])
    body = client.post(url, complete_form(eoi, answer_action="")).json()
    assert body["problem_count"] == 1  # question 3 has no answer
    body = client.post(url, complete_form(eoi, version="2")).json()
    assert body["problem_count"] == 0
    eoi.refresh_from_db()
    assert eoi.problem_count == 0 and eoi.version == 3


@pytest.mark.parametrize("members", [1, 5])
def test_autosave_query_count(client, eoi, focal, django_assert_num_queries, members):
    """Session, user, the EOI with its parts read once (EOI with call and country, the user's
    countries, answers, team, questions, profiles), then the save: savepoint, the row locked,
    the changed answer and its history row, the EOI and its history row, release."""
    fill_complete(eoi, members=members)
    client.force_login(focal)
    url = reverse("eoi:autosave", args=[eoi.pk])
    client.post(url, complete_form(eoi, answer_action="First"))  # warms the session
    posted = complete_form(eoi, version="2", answer_action="Second")
    with django_assert_num_queries(15):
        response = client.post(url, posted)
    assert response.json()["version"] == 3


def test_autosave_names_what_was_not_saved_in_french(client, eoi, focal):
    client.force_login(focal)
    body = client.post(reverse("eoi:autosave", args=[eoi.pk]), form_data(eoi, m1_email="awa@"),
                       HTTP_ACCEPT_LANGUAGE="fr").json()
    assert body["message"].endswith("sauf 1 champ\u00a0: voyez la liste en haut du formulaire.")
    assert body["errors"][0][0] == "id_m1_email" and body["errors"][0][1].endswith("Adresse électronique")
