"""The suggested selection shown on the shortlist page, through the real models:
it equals the brute-force optimum on random small calls, its reasons are in
words, and accepting it makes the shortlist."""

import itertools
import random
from decimal import Decimal as D

import pytest

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import reasons, services
from evaluation.enums import Decision, EvaluationState
from evaluation.models import Evaluation, EvaluationSettings
from evaluation.selection import Code, Reason

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db

POOL = [("KE", "africa", "en"), ("GH", "africa", "en"), ("SN", "africa", "fr"), ("ML", "africa", "fr"),
        ("VN", "asia", "en"), ("ID", "asia", "en"), ("PH", "asia", "en"), ("MX", "latin_america", "en")]


def _brute_force(candidates, *, max_teams, max_participants, min_french=0, max_per_region=None):
    """The best total over every subset that respects the capacity and the rules."""
    best = None
    for size in range(len(candidates) + 1):
        for subset in itertools.combinations(candidates, size):
            if size > max_teams or sum(c["people"] for c in subset) > max_participants:
                continue
            if sum(1 for c in subset if c["language"] == "fr") < min_french:
                continue
            regions = [c["region"] for c in subset]
            if max_per_region is not None and any(regions.count(r) > max_per_region for r in set(regions)):
                continue
            total = sum((c["score"] for c in subset), D(0))
            best = total if best is None or total > best else best
    return best


@pytest.mark.parametrize("seed", range(6))
def test_suggestion_on_the_page_equals_brute_force(client, make_user, seed):
    rng = random.Random(seed)
    manager = make_user(Role.MANAGER)
    target = rng.randint(1, 4)
    call = call_with_criteria(target_teams=target, min_teams=0, max_participants=rng.randint(8, 18), max_team_size=5)
    rules = {"min_french": rng.choice([0, 0, 1]), "max_per_region": rng.choice([None, None, 2])}
    EvaluationSettings.objects.filter(call=call).update(
        min_french_teams=rules["min_french"], max_per_region=rules["max_per_region"])
    chosen_pool = rng.sample(POOL, rng.randint(3, 7))
    countries = [CountryFactory(code=code, region=region, working_language=language)
                 for code, region, language in chosen_pool]
    for country in countries:
        under_review(call, [country], by=manager, members=rng.choice([4, 5]))
    reviewers = [facilitator(), facilitator()]
    for evaluation in Evaluation.objects.filter(eoi__call=call):
        for reviewer in reviewers[:rng.randint(1, 2)]:
            review(evaluation, reviewer, tuple(rng.randint(0, 5) for _ in range(3)))

    client.force_login(manager)
    response = client.get(f"/evaluation/calls/{call.pk}/shortlist/")
    suggestion = response.context["suggestion"]
    rows = {row.evaluation.pk: row for row in response.context["data"].rows}
    candidates = [{"id": pk, "score": row.result.mean, "people": row.evaluation.team_size,
                   "region": row.evaluation.eoi.country.region, "language": row.evaluation.eoi.country.working_language}
                  for pk, row in rows.items()]
    best = _brute_force(candidates, max_teams=target, max_participants=call.max_participants,
                        min_french=rules["min_french"], max_per_region=rules["max_per_region"])
    if best is None:
        assert not suggestion.feasible
        return
    assert suggestion.feasible
    assert suggestion.total == best == sum(rows[pk].result.mean for pk in suggestion.chosen)
    assert len(suggestion.chosen) <= target
    assert sum(rows[pk].evaluation.team_size for pk in suggestion.chosen) <= call.max_participants
    for pk in suggestion.chosen:
        assert rows[pk].suggested and rows[pk].explanation  # every suggested team says why


def test_every_reason_code_is_said_in_words():
    params = {"region": "africa", "min_regions": 2, "language": "fr", "minimum": 1, "participants": 5,
              "max_participants": 40, "max_teams": 10, "selected_participants": 38, "max_per_region": 3,
              "total_with": D("500"), "loss": D("12.5"), "replaces": [1], "also_adds": [], "min_teams": 8,
              "rank": 9, "teams": 7, "total_without_rules": D("640"), "cost": D("5"), "regions": 1, "candidates": 0}
    for code in Code:
        sentence = reasons.say(Reason(code, params), {1: "Kenya"})
        assert sentence and sentence != code.value


def test_accepting_the_suggestion_shortlists_and_selects_its_teams(client, make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria(target_teams=2, min_teams=1, max_participants=10, max_team_size=5)
    evaluations = under_review(call, [CountryFactory(code=c) for c in ("KE", "GH", "NG")], by=manager)
    reviewer = facilitator()
    for code, scores in {"KE": (5, 5, 5), "GH": (1, 1, 1), "NG": (4, 4, 4)}.items():
        review(evaluations[code], reviewer, scores)
    client.force_login(manager)

    assert client.post(f"/evaluation/calls/{call.pk}/shortlist/", {"accept": "1"}).status_code == 302
    states = dict(Evaluation.objects.values_list("eoi__country__code", "state"))
    decisions = dict(Evaluation.objects.values_list("eoi__country__code", "decision"))
    assert states == {"KE": EvaluationState.SHORTLISTED, "NG": EvaluationState.SHORTLISTED,
                      "GH": EvaluationState.UNDER_REVIEW}
    assert decisions == {"KE": Decision.SELECTED, "NG": Decision.SELECTED, "GH": ""}
    page = client.get(f"/evaluation/calls/{call.pk}/shortlist/").content.decode()
    assert "Among the highest-ranked teams that fit within the call&#x27;s capacity." in page


def test_shortlist_refuses_an_ineligible_eoi(client, make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    kenya = under_review(call, [CountryFactory(code="KE")], by=manager)["KE"]
    check = kenya.checks.get(item="on_time")
    services.eligibility_override(check=check, met=False, reason="Arrived late by e-mail.", by=manager)
    client.force_login(manager)
    response = client.post(f"/evaluation/calls/{call.pk}/shortlist/", {"save": "1", "shortlisted": [kenya.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["shortlisted"]
    assert Evaluation.objects.get(pk=kenya.pk).state == EvaluationState.UNDER_REVIEW


def test_accepting_is_refused_without_a_suggestion(make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    kenya = under_review(call, [CountryFactory(code="KE")], by=manager)["KE"]  # not reviewed: nothing to suggest
    with pytest.raises(services.NotAllowed, match="no suggested selection"):
        services.shortlist_accept_suggestion(call=call, by=manager)
    assert Evaluation.objects.get(pk=kenya.pk).state == EvaluationState.UNDER_REVIEW
