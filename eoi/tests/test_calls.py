"""Calls: the seeded 2023 call equals the published one; managing calls; public pages."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from eoi import demo, services
from eoi.enums import CallState
from eoi.models import Call, ExpressionOfInterest

from .factories import CallFactory, EOIFactory

pytestmark = pytest.mark.django_db

# As published in the French call of November 2023 (the "Profils des participants" table).
PUBLISHED_PROFILES = [
    (1, "national", "Division du financement/de la planification du Ministère de la Santé ou Agence nationale "
                    "d'assurance maladie"),
    (2, "national", "Ministère de la Santé ou autre division nationale de SSP"),
    (3, "either", "Agence de la chaîne d'approvisionnement médicale ou de la division de la chaîne "
                  "d'approvisionnement en médicaments du Ministère de la Santé"),
    (4, "subnational", "Division dévolue au financement ou à la planification de la santé"),
    (5, "subnational", "Prestataire de SSP ou agence représentative des prestataires de SSP"),
]


def text(response):
    return unescape(response.content.decode()).replace("\xa0", " ")


@pytest.fixture
def seeded():
    services.calls_load()
    return Call.objects.get(slug="phc-financing-delivery-2023")


def test_seed_call_equals_the_published_call(seeded):
    assert seeded.title_fr == ("Projet collaboratif de réformes fondamentales pour le financement et la fourniture "
                               "de soins de santé primaires")
    assert seeded.local_deadline.date() == date(2023, 12, 15)  # "avant le 15 décembre 2023"
    assert seeded.feedback_date == date(2024, 1, 12)  # "avant la fin de la semaine du 8 janvier 2024"
    assert seeded.opening_date == date(2023, 11, 1)  # "Novembre 2023"
    assert (seeded.min_team_size, seeded.max_team_size) == (4, 5)  # "quatre ou cinq personnes"
    assert (seeded.min_teams, seeded.target_teams, seeded.max_participants) == (8, 10, 40)
    assert seeded.alternative_submission_email == "JLNNMTeam@amref.org"
    assert sorted(seeded.eligible_membership_levels) == ["associate", "full"]
    profiles = [(p.number, p.level, p.organisation_fr) for p in seeded.profiles.order_by("number")]
    assert profiles == PUBLISHED_PROFILES
    assert [m.month.strftime("%Y-%m") for m in seeded.meetings.all()] == ["2024-03", "2024-11", "2025-07"]
    assert [(q.key, q.kind) for q in seeded.questions.all()] == [
        ("relevance", "text"), ("efforts", "text"), ("action", "text"), ("team", "team"), ("contact", "contact")]
    assert seeded.criteria_text_fr.splitlines()[1:] == [
        "- Démontrer l'existence de processus de réforme en cours dans le pays concernant le financement des SSP et "
        "l'amélioration de la disponibilité des produits de SSP.",
        "- Démontrer l'alignement des réformes nationales sur les objectifs d'apprentissage du projet collaboratif.",
        "- Proposer une équipe solide d'acteurs pertinents correspondant à ce qui est suggéré dans le profil du "
        "participant.",
    ]
    assert all(getattr(seeded, f"{field}_en") and getattr(seeded, f"{field}_fr") for field in services.calls.TEXT_FIELDS)
    assert seeded.state == CallState.CLOSED  # its deadline has passed


def test_load_calls_twice_changes_nothing(seeded):
    report = services.calls_load()
    assert report.unchanged == ["phc-financing-delivery-2023"] and not report.created and not report.updated
    assert Call.objects.count() == 1 and seeded.questions.count() == 5 and seeded.profiles.count() == 5


def test_load_calls_command_idempotent(capsys):
    from django.core.management import call_command

    call_command("load_calls")
    call_command("load_calls")
    assert capsys.readouterr().out.splitlines()[-1].startswith("unchanged")
    assert Call.objects.count() == 1


def test_demo_call_open_now_for_the_demo_focal_points():
    from accounts import demo as accounts_demo
    from countries import demo as countries_demo

    countries_demo.load()
    accounts_demo.load()
    call = demo.load()
    again = demo.load()
    assert call.pk == again.pk and call.is_open()
    assert timezone.now() + timedelta(weeks=5) < call.deadline < timezone.now() + timedelta(weeks=7)
    assert call.questions.count() == 5 and call.profiles.count() == 5
    draft = ExpressionOfInterest.objects.get(call=call, country__code="SN")
    assert draft.answers.count() == 1 and draft.team_members.count() == 1


def test_public_call_page_shows_deadline_in_call_zone_utc_and_time_left(client, seeded):
    english = text(client.get(reverse("eoi:call_detail", args=[seeded.slug]), HTTP_ACCEPT_LANGUAGE="en"))
    assert "Friday 15 December 2023, 23:59 (Nairobi time, UTC+3), that is 15 December 2023, 20:59 UTC" in english
    assert "Africa/Nairobi" not in english
    assert "The deadline has passed." in english
    assert "Teams of 4 to 5 people" in english and "At most 40 participants" in english
    french = text(client.get(reverse("eoi:call_detail", args=[seeded.slug]), HTTP_ACCEPT_LANGUAGE="fr"))
    assert "vendredi 15 décembre 2023, 23:59 (heure de Nairobi, UTC+3), soit 15 décembre 2023, 20:59 UTC" in french
    assert "Prestataire de SSP ou agence représentative des prestataires de SSP" in french
    assert "Équipes de 4 à 5 personnes" in french


def test_public_call_page_time_left_for_an_open_call(client):
    call = CallFactory(deadline=timezone.now() + timedelta(days=3, hours=4, minutes=30))
    page = text(client.get(reverse("eoi:call_detail", args=[call.slug])))
    assert "3 days, 4 hours left" in page, page[page.find("Time left"):page.find("Time left") + 200]


def test_printable_questionnaire_in_english_and_french(client, seeded):
    url = reverse("eoi:call_questionnaire", args=[seeded.slug])
    english, french = text(client.get(url, {"lang": "en"})), text(client.get(url, {"lang": "fr"}))
    assert "How is the topic of PHC financing and service delivery relevant in your country?" in english
    assert "At most 400 words." in english and english.count("Team member ") >= 5
    assert "En quoi le thème du financement des SSP et de la prestation de services est-il pertinent" in french
    assert "400 mots au maximum." in french and '<html lang="fr">' in french
    assert "@media print" in open("static/css/eoi.css").read()


def test_clone_copies_profiles_questions_meetings_as_draft(seeded, manager):
    copy = services.call_clone(call=seeded, by=manager)
    assert copy.pk != seeded.pk and copy.state == CallState.DRAFT and copy.slug == "phc-financing-delivery-2023-copy"
    assert copy.title_fr.startswith("Copie de ") and copy.criteria_text_en == seeded.criteria_text_en
    assert [p.organisation_fr for p in copy.profiles.all()] == [p.organisation_fr for p in seeded.profiles.all()]
    assert list(copy.questions.values_list("key", "word_limit")) == list(seeded.questions.values_list("key", "word_limit"))
    assert copy.meetings.count() == 3
    assert services.call_clone(call=seeded, by=manager).slug == "phc-financing-delivery-2023-copy-2"


def test_publish_and_close_through_the_pages(client, manager):
    call = CallFactory(state="draft")
    client.force_login(manager)
    client.post(reverse("eoi:manage_call_publish", args=[call.pk]))
    call.refresh_from_db()
    assert call.state == CallState.PUBLISHED and call.published_at is not None
    client.post(reverse("eoi:manage_call_close", args=[call.pk]))
    call.refresh_from_db()
    assert call.state == CallState.CLOSED


def test_publish_without_questions_refused(client, manager):
    call = CallFactory(state="draft", with_questionnaire=False)
    client.force_login(manager)
    response = client.post(reverse("eoi:manage_call_publish", args=[call.pk]), follow=True)
    assert "Add at least one question before publishing." in text(response)
    call.refresh_from_db()
    assert call.state == CallState.DRAFT


def test_closed_call_refuses_edits_and_submissions(eoi, focal):
    services.call_close(call=eoi.call, by=None)
    eoi.refresh_from_db()
    assert services.eoi_edit_refusal(eoi=eoi, by=focal) == "This call is closed."


def _call_form(**values):
    data = {
        "slug": "new-call", "title_en": "New collaborative", "title_fr": "Nouveau projet collaboratif",
        "opening_date": "2030-01-01", "deadline_date": "2030-02-15", "deadline_time": "23:59",
        "time_zone": "Africa/Dakar", "feedback_date": "2030-03-01", "min_team_size": "4", "max_team_size": "5",
        "min_teams": "8", "target_teams": "10", "max_participants": "40", "eligible_membership_levels": ["full"],
        "alternative_submission_email": "calls@example.org",
    }
    for prefix in ("questions", "profiles", "meetings"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(values)
    return data


def test_create_call_with_deadline_in_its_time_zone(client, manager):
    client.force_login(manager)
    response = client.post(reverse("eoi:manage_call_create"), _call_form(**{
        "questions-TOTAL_FORMS": "1", "questions-0-order": "1", "questions-0-key": "relevance",
        "questions-0-kind": "text", "questions-0-prompt_en": "Why?", "questions-0-prompt_fr": "Pourquoi ?",
        "questions-0-word_limit": "300",
        "profiles-TOTAL_FORMS": "1", "profiles-0-number": "1", "profiles-0-level": "national",
        "profiles-0-organisation_en": "MoH", "profiles-0-organisation_fr": "MdS",
    }))
    call = Call.objects.get(slug="new-call")
    assert response.status_code == 302
    assert call.local_deadline.strftime("%Y-%m-%d %H:%M %Z") == "2030-02-15 23:59 GMT"
    assert call.questions.get().prompt_fr == "Pourquoi ?" and call.profiles.get().organisation_fr == "MdS"
    assert call.state == CallState.DRAFT and call.updated_by == manager


@pytest.mark.parametrize("values, field, message", [
    ({"deadline_date": "2029-12-31"}, "deadline_date", "The deadline must come after the opening date."),
    ({"feedback_date": "2030-02-10"}, "feedback_date", "The feedback date must come after the deadline."),
    ({"min_team_size": "6"}, "max_team_size", "The maximum team size cannot be below the minimum."),
    ({"min_teams": "12"}, "target_teams", "The target number of teams cannot be below the minimum."),
])
def test_create_call_with_inconsistent_values_refused_with_message(client, manager, values, field, message):
    client.force_login(manager)
    response = client.post(reverse("eoi:manage_call_create"), _call_form(**values))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert 'value="New collaborative"' in response.content.decode()  # input kept
    assert not Call.objects.exists()


def test_deleting_an_answered_question_refused(client, manager, eoi):
    from eoi.models import Answer

    question = eoi.call.questions.first()
    Answer.objects.create(eoi=eoi, question=question, text="x")
    client.force_login(manager)
    questions = list(eoi.call.questions.all())
    data = _call_form(slug=eoi.call.slug, deadline_date=eoi.call.local_deadline.date().isoformat(),
                      opening_date=eoi.call.opening_date.isoformat(), feedback_date=eoi.call.feedback_date.isoformat(),
                      time_zone=eoi.call.time_zone)
    data.update({"questions-TOTAL_FORMS": str(len(questions)), "questions-INITIAL_FORMS": str(len(questions))})
    for i, q in enumerate(questions):
        data.update({f"questions-{i}-id": str(q.pk), f"questions-{i}-order": str(q.order), f"questions-{i}-key": q.key,
                     f"questions-{i}-kind": q.kind, f"questions-{i}-prompt_en": q.prompt_en,
                     f"questions-{i}-prompt_fr": q.prompt_fr, f"questions-{i}-word_limit": q.word_limit or ""})
    data["questions-0-DELETE"] = "on"
    response = client.post(reverse("eoi:manage_call_edit", args=[eoi.call.pk]), data)
    assert response.status_code == 400
    assert "A question that countries have already answered cannot be deleted." in text(response)
    assert eoi.call.questions.count() == 5


def test_extension_page_grants_one_country_more_time(client, manager, call, country):
    client.force_login(manager)
    until = timezone.localtime(call.deadline + timedelta(days=2), call.tzinfo)
    response = client.post(reverse("eoi:manage_extension", args=[call.pk]), {
        "country": country.pk, "until_date": until.date().isoformat(), "until_time": until.strftime("%H:%M"),
        "reason": "Coupure du réseau du ministère"})
    assert response.status_code == 302
    eoi = call.eois.get(country=country)
    assert eoi.deadline_extended_to == until.replace(second=0) and eoi.extension_granted_by == manager


def test_extension_page_refuses_a_date_before_the_deadline(client, manager, call, country):
    client.force_login(manager)
    before = timezone.localtime(call.deadline - timedelta(days=1), call.tzinfo)
    response = client.post(reverse("eoi:manage_extension", args=[call.pk]), {
        "country": country.pk, "until_date": before.date().isoformat(), "until_time": "12:00", "reason": "x"})
    assert "An extension must end after the call's deadline." in text(response)
    assert not call.eois.exists()


def test_eoi_factory_country_is_unique_per_call(country):
    eoi = EOIFactory(country=country)
    assert eoi.call.eois.count() == 1


def test_call_form_sets_retention_and_the_collaboratives_end(client, manager):
    client.force_login(manager)
    client.post(reverse("eoi:manage_call_create"), _call_form())
    assert Call.objects.get(slug="new-call").retention_months == 24  # left empty: settings.JLN_DEFAULT_RETENTION_MONTHS
    call = Call.objects.get(slug="new-call")
    response = client.post(reverse("eoi:manage_call_edit", args=[call.pk]), _call_form(
        retention_months="0", collaborative_ends="2031-07-31"))
    call.refresh_from_db()
    assert response.status_code == 302 and (call.retention_months, str(call.collaborative_ends)) == (0, "2031-07-31")


@pytest.mark.parametrize("values, field", [
    ({"retention_months": "121"}, "retention_months"),
    ({"retention_months": "-1"}, "retention_months"),
    ({"collaborative_ends": "2030-02-01"}, "collaborative_ends"),  # before the feedback date
])
def test_call_form_refuses_bad_retention(client, manager, values, field):
    client.force_login(manager)
    response = client.post(reverse("eoi:manage_call_create"), _call_form(**values))
    assert response.status_code == 400 and field in response.context["form"].errors
    assert not Call.objects.filter(slug="new-call").exists()
    assert f'value="{next(iter(values.values()))}"' in response.content.decode()


def test_retention_is_bounded_in_the_database(eoi):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.filter(pk=eoi.call_id).update(retention_months=121)


def test_admin_shows_the_retention_fields_in_french(client, manager, eoi):
    client.force_login(manager)
    page = client.get(reverse("admin:eoi_call_change", args=[eoi.call_id]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'name="retention_months"' in page and 'name="collaborative_ends"' in page
    assert "Le dernier jour du projet collaboratif" in page
