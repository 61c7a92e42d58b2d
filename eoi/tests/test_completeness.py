"""Every message of the completeness check and of the EOI form, in English and French."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from eoi.completeness import count_words, find_problems
from eoi.forms import EOIForm

pytestmark = pytest.mark.django_db

EVERY_PROBLEM = {
    "en": [
        "Question 1 has no answer yet.",
        "The answer to question 2 has 6 words; the limit is 5.",
        "Team member 1 (Awa Ba): missing position, organisation, level, gender, e-mail address, why their role matters.",
        "Team member 1 (Awa Ba): choose the participant profile this person matches.",
        "Team member 1 (Awa Ba): confirm that this person can attend the in-person meetings.",
        "Team member 2: missing name.",
        "Team member 2: the statement on why their role matters has 4 words; the limit is 3.",
        "Give the contact person's name.",
        "Give the contact person's position.",
        "Give the contact person's e-mail address.",
    ],
    "fr": [
        "La question 1 n'a pas encore de réponse.",
        "La réponse à la question 2 compte 6 mots\u202f; la limite est de 5.",
        "Membre de l'équipe 1 (Awa Ba)\u00a0: il manque poste, organisation, niveau, genre, adresse électronique, "
        "pertinence de son rôle.",
        "Membre de l'équipe 1 (Awa Ba)\u00a0: choisissez le profil de participant auquel correspond cette personne.",
        "Membre de l'équipe 1 (Awa Ba)\u00a0: confirmez que cette personne peut assister aux réunions en personne.",
        "Membre de l'équipe 2\u00a0: il manque nom.",
        "Membre de l'équipe 2\u00a0: la présentation de la pertinence de son rôle compte 4 mots\u202f; la limite est de 3.",
        "Indiquez le nom de la personne-ressource.",
        "Indiquez le poste de la personne-ressource.",
        "Indiquez l'adresse électronique de la personne-ressource.",
    ],
}
TEAM_SIZE = {
    "en": ["Propose at least 4 team members (2 so far).", "Propose at most 5 team members (6 proposed)."],
    "fr": ["Proposez au moins 4 membres pour l'équipe (2 pour l'instant).",
           "Proposez au plus 5 membres pour l'équipe (6 proposés)."],
}


def q(pk, kind, limit=None):
    return SimpleNamespace(pk=pk, kind=kind, word_limit=limit)


QUESTIONS = [q(1, "text", 400), q(2, "text", 5), q(3, "team", 3), q(4, "contact")]
CALL = SimpleNamespace(min_team_size=4, max_team_size=5)


def person(slot, **values):
    base = dict(slot=slot, name="", position="", organisation="", level="", profile_id=None, gender="", email="",
                why_role_matters="", commits_to_meetings=True)
    return SimpleNamespace(**{**base, **values})


def full_person(slot):
    return person(slot, name=f"P{slot}", position="Director", organisation="MoH", level="national", profile_id=1,
                  gender="female", email=f"p{slot}@example.org", why_role_matters="Leads it.")


def problems_in(language, members, answers=None, contact=None):
    with translation.override(language):
        return find_problems(call=CALL, questions=QUESTIONS, answers=answers or {}, members=members,
                             contact=contact or {"name": "", "position": "", "email": ""})


@pytest.mark.parametrize("language", ["en", "fr"])
def test_problems_every_message_listed_at_once_in_language(language):
    members = [
        person(1, name="Awa Ba", commits_to_meetings=False),
        person(2, position="Director", organisation="MoH", level="national", profile_id=2, gender="male",
               email="x@example.org", why_role_matters="one two three four"),
        full_person(3), full_person(4),
    ]
    answers = {1: "   ", 2: "one two three four five six"}
    assert problems_in(language, members, answers) == EVERY_PROBLEM[language]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_problems_team_size_out_of_limits_in_language(language):
    complete = {"name": "Awa", "position": "Coordinator", "email": "a@example.org"}
    answers = {1: "yes", 2: "yes"}
    too_few = problems_in(language, [full_person(1), full_person(2)], answers, complete)
    too_many = problems_in(language, [full_person(n) for n in range(1, 7)], answers, complete)
    assert too_few == [TEAM_SIZE[language][0]]
    assert too_many == [TEAM_SIZE[language][1]]


def test_problems_none_when_everything_is_there():
    complete = {"name": "Awa", "position": "Coordinator", "email": "a@example.org"}
    assert problems_in("en", [full_person(n) for n in range(1, 5)], {1: "yes", 2: "five words exactly here now"}, complete) == []


def test_count_words_counts_whitespace_separated_words():
    assert count_words("  Un  deux\ntrois\tquatre ") == 4
    assert count_words("") == 0 and count_words(None) == 0


@pytest.mark.parametrize("language, expected", [
    ("en", ["Enter a valid email address."]),
    ("fr", ["Saisissez une adresse de courriel valide."]),
])
def test_eoi_form_invalid_email_message_in_language(call, language, expected):
    with translation.override(language):
        form = EOIForm({"version": "1", "m1_email": "not-an-address", "contact_email": "nope"}, call=call)
        assert not form.is_valid()
        assert form.errors["m1_email"] == expected
        assert form.errors["contact_email"] == expected
        labels = [str(label) for _id, label, _message in form.error_summary()]
    assert labels == {
        "en": ["Team member 1: E-mail address", "Contact person: E-mail address"],
        "fr": ["Membre de l'équipe 1\u00a0: Adresse électronique", "Personne-ressource\u00a0: Adresse électronique"],
    }[language]


CALL_FORM_MESSAGES = {
    "deadline_date": ("The deadline must come after the opening date.",
                      "La date limite doit être postérieure à la date d'ouverture."),
    "feedback_date": ("The feedback date must come after the deadline.",
                      "La date des commentaires doit être postérieure à la date limite."),
    "max_team_size": ("The maximum team size cannot be below the minimum.",
                      "La taille maximale de l'équipe ne peut pas être inférieure à la taille minimale."),
    "target_teams": ("The target number of teams cannot be below the minimum.",
                     "Le nombre d'équipes visé ne peut pas être inférieur au minimum."),
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_call_form_messages_in_language(language):
    from eoi.forms import CallForm

    data = {"slug": "x", "title_en": "X", "title_fr": "X", "opening_date": "2030-03-01", "deadline_date": "2030-02-15",
            "deadline_time": "23:59", "time_zone": "UTC", "feedback_date": "2030-02-01", "min_team_size": "6",
            "max_team_size": "5", "min_teams": "12", "target_teams": "10", "max_participants": "40"}
    with translation.override(language):
        form = CallForm(data)
        assert not form.is_valid()
        index = 0 if language == "en" else 1
        for field, messages in CALL_FORM_MESSAGES.items():
            assert messages[index] in form.errors[field], field


REFUSALS = [
    ("The deadline has passed.", "La date limite est dépassée."),
    ("This call is closed.", "Cet appel est clos."),
    ("The deadline has passed: this expression of interest can no longer be changed.",
     "La date limite est dépassée\u00a0: cette manifestation d'intérêt ne peut plus être modifiée."),
    ("This expression of interest has been submitted and can no longer be changed.",
     "Cette manifestation d'intérêt a été soumise et ne peut plus être modifiée."),
    ("This expression of interest was withdrawn. Reopen it to change it.",
     "Cette manifestation d'intérêt a été retirée. Rouvrez-la pour la modifier."),
    ("An extension must end after the call's deadline.",
     "Une prolongation doit se terminer après la date limite de l'appel."),
    ("The time of receipt cannot be in the future.", "L'heure de réception ne peut pas être dans le futur."),
]


@pytest.mark.parametrize("english, french", REFUSALS)
def test_service_refusals_translated(english, french):
    from django.utils.translation import gettext

    with translation.override("fr"):
        assert gettext(english) == french


@pytest.mark.parametrize("language, expected", [
    ("en", "An expression of interest that is “Draft” cannot become “Withdrawn”."),
    ("fr", "Une manifestation d'intérêt au statut « Brouillon » ne peut pas passer au statut « Retirée »."),
])
def test_transition_refusal_in_language(eoi, focal, language, expected):
    from eoi import services

    with translation.override(language), pytest.raises(services.TransitionNotAllowed) as refused:
        services.eoi_withdraw(eoi=eoi, by=focal)
    assert str(refused.value.message) == expected


@pytest.mark.parametrize(("text", "words"), [
    ("Oui : non ; peut-être ! Vraiment ?", 4),
    ("« Couverture sanitaire » — universelle", 3),
    ("l'équipe, 4 membres.", 3),
    ("", 0),
])
def test_count_words_leaves_out_french_spaced_punctuation(text, words):
    assert count_words(text) == words
