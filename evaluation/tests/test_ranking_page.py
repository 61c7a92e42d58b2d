"""What the ranking page shows of each row, in English and in French: the state in words, the
ineligible badge, the disagreement flag, figures formatted as `floatformat:2` does (half up),
and rows that the permission rules can be asked about."""

import dataclasses
import html as markup
import re
from decimal import Decimal as D

import pytest
from django.template.loader import render_to_string

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.models import Assignment

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db

# The State column's words and the badges, as each language says them.
WORDS = {
    "en": {"state": "Under review", "shortlisted": "Shortlisted", "ineligible": "Ineligible", "flag": "to discuss"},
    "fr": {"state": "En cours d'examen", "shortlisted": "Présélectionnée", "ineligible": "Non éligible",
           "flag": "à discuter"},
}


@pytest.fixture
def panel(make_user):
    """Kenya (reviewers disagree), Ghana (shortlisted), Nigeria (ineligible) under review."""
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluations = under_review(call, [CountryFactory(code=code) for code in ("KE", "GH", "NG")], by=manager)
    first, second = facilitator(), facilitator()
    review(evaluations["KE"], first, (5, 5, 5))
    review(evaluations["KE"], second, (1, 1, 1))  # totals 100 and 20: flagged
    review(evaluations["GH"], first, (3, 3, 3))
    review(evaluations["NG"], first, (4, 4, 4))
    services.shortlist_set(call=call, shortlisted_ids=[evaluations["GH"].pk], by=manager)
    check = evaluations["NG"].checks.get(item="country_eligible")
    services.eligibility_override(check=check, met=False, reason="Not a member.", by=manager)
    return manager, call, evaluations, first


def _cells(html, country):
    """The text of each cell of `country`'s row."""
    row = next(row for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S) if f">{country}</a>" in row)
    return [markup.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell))).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_state_column_and_badges_in_words(client, panel, language):
    manager, call, _evaluations, _first = panel
    manager.language = language
    manager.save()
    client.force_login(manager)
    html = client.get(f"/evaluation/calls/{call.pk}/ranking/", {"eligibility": "all"},
                      HTTP_ACCEPT_LANGUAGE=language).content.decode()
    words = WORDS[language]
    kenya, ghana, nigeria = (_cells(html, name) for name in ("Kenya", "Ghana", "Nigeria"))
    assert kenya[-1] == words["state"] and ghana[-1] == words["shortlisted"] and nigeria[-1] == words["state"]
    assert "True" not in html and "False" not in html
    assert nigeria[1].endswith(words["ineligible"]) and not kenya[1].endswith(words["ineligible"])
    assert words["flag"] in " ".join(kenya) and words["flag"] not in " ".join(ghana)
    assert nigeria[0] == "—"  # ineligible: figures, no rank


def test_rules_ending_in_is_open_answer_on_ranking_rows(client, panel):
    manager, call, evaluations, first = panel
    Assignment.objects.get_or_create(evaluation=evaluations["GH"], reviewer=first)
    for user in (manager, first):
        client.force_login(user)
        rows = client.get(f"/evaluation/calls/{call.pk}/ranking/", {"eligibility": "all"}).context["rows"]
        assert rows
        for row in rows:
            assert user.has_perm("evaluation.edit_feedback", row.evaluation) is True
            assert user.has_perm("evaluation.review_eoi", row.evaluation) is (user == first)


@pytest.mark.parametrize(("language", "shown"), [("en", "66.67"), ("fr", "66,67")])
def test_figures_are_shown_as_floatformat_shows_them(client, panel, language, shown):
    """A figure between two cents is rounded half up, as `floatformat:2` does everywhere else."""
    manager, call, _evaluations, _first = panel
    client.force_login(manager)
    response = client.get(f"/evaluation/calls/{call.pk}/ranking/", HTTP_ACCEPT_LANGUAGE=language)
    context = {key: response.context[key] for key in response.context.keys()}
    row = context["rows"][0]
    context["rows"] = [dataclasses.replace(row, result=dataclasses.replace(row.result, mean=D("66.665")))]
    html = render_to_string("evaluation/ranking.html", context, request=response.wsgi_request)
    assert f"<strong>{shown}</strong>" in html
