"""The ranking's figures come from the cache only while nothing they are computed from
has changed (selectors.cached_call_results, jln_portal/cache.py): each input changed
shows on the next request."""

import re
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test.html import parse_html

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from eoi import services as eoi_services
from evaluation import selectors, services
from evaluation.models import Criterion

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluations = under_review(call, [CountryFactory(code=code) for code in ("KE", "GH", "SN")], by=manager)
    a, b = facilitator(full_name="Ada Reviewer"), facilitator(full_name="Bo Reviewer")
    for index, evaluation in enumerate(evaluations.values()):
        review(evaluation, a, (index + 1, 3, 4))
        review(evaluation, b, (5, index, 2))
    return {"manager": manager, "call": call, "evaluations": evaluations, "a": a, "b": b}


def _ranking(client, world, params=None):
    client.force_login(world["manager"])
    response = client.get(f"/evaluation/calls/{world['call'].pk}/ranking/", params or {})
    assert response.status_code == 200
    return response


def _without_tokens(html):
    """The page without its CSRF tokens (masked afresh on every response)."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", html)


def _means(client, world, params=None):
    return {row.evaluation.eoi.country.code.code: row.mean for row in _ranking(client, world, params).context["rows"]}


def test_cached_ranking_equals_the_freshly_computed_one(client, world):
    fresh = _without_tokens(_ranking(client, world).content)
    cached = _without_tokens(_ranking(client, world).content)  # the figures now come from the cache
    cache.clear()
    assert cached == fresh == _without_tokens(_ranking(client, world).content)
    criteria = selectors.ranking_criteria(world["call"])
    assert selectors.cached_call_results(world["call"], criteria, threshold=D(20))[0] == selectors.call_results(
        world["call"], criteria, threshold=D(20))[0]


def test_ranking_queries_with_the_figures_cached_and_computed(client, world, django_assert_num_queries):
    client.force_login(world["manager"])
    url = f"/evaluation/calls/{world['call'].pk}/ranking/"
    client.get(url)
    with django_assert_num_queries(9):
        client.get(url)
    cache.clear()
    with django_assert_num_queries(10):  # + the call's scores
        client.get(url)


def test_a_review_submitted_shows_at_once(client, world):
    before = _means(client, world)
    review(world["evaluations"]["KE"], facilitator(), (0, 0, 0))
    after = _means(client, world)
    assert after["KE"] < before["KE"] and after["GH"] == before["GH"]


def test_a_draft_changes_nothing_and_its_submission_shows(client, world):
    before = _means(client, world)
    late = facilitator()
    review(world["evaluations"]["KE"], late, (0, 0, 0), submit=False)
    assert _means(client, world) == before
    review(world["evaluations"]["KE"], late, (0, 0, 0))
    assert _means(client, world)["KE"] < before["KE"]


def test_a_score_changed_shows_at_once(client, world):
    before = _means(client, world)
    review(world["evaluations"]["GH"], world["a"], (5, 5, 5))  # corrects a submitted review
    assert _means(client, world)["GH"] > before["GH"]


def test_a_conflict_declared_shows_at_once(client, world):
    before = _means(client, world)
    ghana = world["evaluations"]["GH"].eoi.country
    conflict = services.conflict_declare(reviewer=world["b"], country=ghana, reason="Adviser.", by=world["manager"])
    during = _means(client, world)
    assert during["GH"] != before["GH"] and during["KE"] == before["KE"]  # Bo's review of Ghana no longer counts
    services.conflict_remove(conflict=conflict, by=world["manager"])
    assert _means(client, world) == before


def test_an_eoi_withdrawn_shows_at_once(client, world):
    _ranking(client, world, {"normalised": "on"})
    kenya = world["evaluations"]["KE"]
    eoi_services.eoi_withdraw(eoi=kenya.eoi, by=world["manager"])
    rows = _ranking(client, world, {"normalised": "on"}).context["rows"]
    assert "KE" not in {row.evaluation.eoi.country.code.code for row in rows}
    criteria = selectors.ranking_criteria(world["call"])
    fresh = selectors.call_results(world["call"], criteria, threshold=D(20), normalise=True)[0]
    assert {row.evaluation.pk: row.result for row in rows} == {pk: fresh[pk] for pk in (r.evaluation.pk for r in rows)}
    assert kenya.pk not in fresh


def test_an_eligibility_override_shows_at_once(client, world):
    ranked = {row.evaluation.eoi.country.code.code: row.rank for row in _ranking(client, world).context["rows"]}
    assert all(ranked.values())
    check = world["evaluations"]["KE"].checks.get(item="country_eligible")
    services.eligibility_override(check=check, met=False, reason="Not a member.", by=world["manager"])
    rows = _ranking(client, world, {"eligibility": "all"}).context["rows"]
    kenya = next(row for row in rows if row.evaluation.eoi.country.code == "KE")
    assert kenya.rank is None and sorted(row.rank for row in rows if row.rank) == [1, 2]


def test_a_criterion_weight_changed_shows_at_once(client, world):
    before = _means(client, world)
    criterion = Criterion.objects.filter(call=world["call"]).order_by("order").first()
    criterion.weight = D("3")  # as the admin's change form saves it
    criterion.save()
    after = _means(client, world)
    assert after != before
    cache.clear()
    assert _means(client, world) == after


def test_the_threshold_and_the_normalisation_show_at_once(client, world):
    assert not any(row.result.disagreement for row in _ranking(client, world).context["rows"])
    settings = services.evaluation_settings_for(world["call"])
    services.evaluation_settings_save(settings=settings, by=world["manager"], disagreement_threshold=D(0))
    assert all(row.result.disagreement for row in _ranking(client, world).context["rows"])
    rows = _ranking(client, world, {"normalised": "on"}).context["rows"]
    assert all(row.result.normalised_mean is not None for row in rows)


def test_a_reviewer_renamed_and_a_language_switch_show_at_once(client, world):
    assert "Ada Reviewer" in _ranking(client, world).content.decode()
    world["a"].full_name = "Ada Lovelace"
    world["a"].save()
    english = _ranking(client, world).content.decode()
    assert "Ada Lovelace" in english and "Ada Reviewer" not in english
    mean = str(next(iter(_means(client, world).values())))  # e.g. 63.33
    assert mean in english
    client.cookies["django_language"] = "fr"  # as the language switcher leaves it
    french = _ranking(client, world).content.decode()
    assert "Moyenne" in french and mean.replace(".", ",") in french


OLD_ROW_TEMPLATE = """{% load i18n evaluation_tags %}{% for row in rows %}{% with evaluation=row.evaluation result=row.result %}
<tr{% if row.visible and result.disagreement %} class="table-warning"{% endif %}>
  <td>{{ row.rank|default:"—" }}</td>
  <td><a href="{% url 'evaluation:evaluation' evaluation.pk %}">{{ evaluation.eoi.country.name }}</a>
    {% if not evaluation.eligible %}{% include "evaluation/includes/eligible_badge.html" %}{% endif %}</td>
  <td>{{ evaluation.eoi.country.get_region_display }}</td>
  <td>{{ result.review_count|default:0 }}</td>
  {% if not row.visible %}
    <td colspan="{{ figure_columns }}" class="text-body-secondary">{% translate "Hidden until you submit your review." %}</td>
  {% elif result %}
    <td>{% for name, total, normalised_total in row.reviews %}<span class="d-block">{{ total|floatformat:2 }}{% if normalised %} ({{ normalised_total|floatformat:2 }}){% endif %} <span class="small text-body-secondary">{{ name }}</span></span>{% endfor %}</td>
    <td><strong>{{ result.mean|floatformat:2 }}</strong></td>
    {% if normalised %}<td>{{ result.normalised_mean|floatformat:2 }}</td>{% endif %}
    <td>{{ result.spread|floatformat:2 }}{% if result.disagreement %} <span class="badge bg-warning text-dark">{% translate "to discuss" %}</span>{% endif %}</td>
    {% for criterion in criteria %}<td>{{ result.criterion_means|get_item:criterion.pk|floatformat:2 }}</td>{% endfor %}
  {% else %}
    <td colspan="{{ figure_columns }}" class="text-body-secondary">{% translate "No submitted review yet." %}</td>
  {% endif %}
  <td>{{ evaluation.get_state_display }}</td>
</tr>
{% endwith %}{% endfor %}"""


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("params", [{}, {"normalised": "on", "eligibility": "all"}])
def test_rows_written_in_python_are_the_template_rows(client, world, language, params):
    """The rows `{% ranking_rows %}` writes are the markup the template wrote, in both languages,
    with hidden figures, an EOI without reviews and an ineligible one."""
    from django.utils import translation

    from evaluation.templatetags.evaluation_tags import ranking_rows

    check = world["evaluations"]["SN"].checks.get(item="country_eligible")
    services.eligibility_override(check=check, met=False, reason="Not a member.", by=world["manager"])
    under_review(world["call"], [CountryFactory(code="ML")], by=world["manager"])
    context = _ranking(client, world, {**params, "eligibility": "all"}).context
    rows = context["rows"]
    rows[0].visible = False
    with translation.override(language):
        arguments = dict(rows=rows, criteria=context["criteria"], normalised=context["normalised"],
                         figure_columns=context["figure_columns"])
        old = Template(OLD_ROW_TEMPLATE).render(Context(arguments))
        new = ranking_rows(**arguments)
    assert len(rows) == 4 and parse_html(new) == parse_html(old)
