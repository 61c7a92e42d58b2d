"""The seeded call's published criteria, rubric and selection factors, in English and French."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation

from eoi.models import Call
from eoi.services import calls_load
from evaluation import services
from evaluation.models import Criterion, RubricLevel, SelectionFactor

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded_call():
    calls_load()
    return Call.objects.get(slug="phc-financing-delivery-2023")


def test_load_criteria_command_seeds_the_2023_call_in_both_languages(seeded_call):
    call_command("load_criteria")
    data = json.loads(services.CALL_2023_PATH.read_text(encoding="utf-8"))
    criteria = list(Criterion.objects.filter(call=seeded_call).order_by("order"))

    assert [c.key for c in criteria] == ["ongoing_reforms", "alignment", "strong_team"]
    assert [(c.scale_min, c.scale_max, c.weight) for c in criteria] == [(0, 5, Decimal("1.00"))] * 3
    assert criteria[0].name_en == data["criteria"][0]["name"]["en"]
    assert criteria[0].name_fr.startswith("Démontrer l'existence de processus de réforme")
    assert RubricLevel.objects.filter(criterion__call=seeded_call).count() == 18
    level = criteria[2].rubric.get(score=0)
    assert (level.description_en, level.description_fr) == (
        "Not addressed: no team is proposed.", "Non traité : aucune équipe n'est proposée.")
    factors = list(SelectionFactor.objects.filter(call=seeded_call).order_by("order"))
    assert [f.key for f in factors] == ["relevance_statement", "team_composition"]
    with translation.override("fr"):
        assert factors[1].name.startswith("Composition de l'équipe proposée")


def test_loading_twice_changes_nothing(seeded_call):
    services.criteria_load_file(call=seeded_call)
    services.criteria_load_file(call=seeded_call)
    assert Criterion.objects.filter(call=seeded_call).count() == 3
    assert SelectionFactor.objects.filter(call=seeded_call).count() == 2


def test_a_scored_criterion_keeps_its_scale(make_user, country):
    manager = make_user("manager")
    call = call_with_criteria()
    evaluation = under_review(call, [country], by=manager)["SN"]
    review(evaluation, facilitator(), (1, 2, 3))
    criterion = call.criteria.get(key="c1")
    with pytest.raises(services.NotAllowed):
        services.criteria_load(call=call, criteria=[{"key": "c1", "name": {"en": "x", "fr": "x"},
                                                     "rubric": {str(n): {"en": "", "fr": ""} for n in range(4)}}])
    criterion.refresh_from_db()
    assert (criterion.scale_min, criterion.scale_max) == (0, 5)


def test_criteria_page_shows_the_rubric_in_the_reader_language(client, seeded_call):
    services.criteria_load_file(call=seeded_call)
    client.force_login(facilitator(language="fr"))
    content = client.get(f"/evaluation/calls/{seeded_call.pk}/criteria/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Non traité : aucune équipe n&#x27;est proposée." in content
