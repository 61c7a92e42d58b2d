"""The optimiser equals brute force (every subset enumerated) on seeded random small calls.

Scores are drawn from a few values so that ties are frequent and the ranking's tie-breaking is
tested too: among admissible subsets the brute force keeps the greatest
(meets min_teams, membership vector in rank order) — the documented order: a lower-ranked team
is never kept in place of a higher-ranked one that fits.
"""

import random
from collections import Counter
from decimal import Decimal as D
from itertools import combinations

import pytest

from evaluation.selection import Candidate, Code, SelectionRules, suggest_selection

REGIONS = ["AFR", "EAP", "LAC", "MENA"]
LANGUAGES = ["en", "fr", "es"]
BLOCKING = {Code.EXCLUDED_MAX_TEAMS, Code.EXCLUDED_MAX_PARTICIPANTS, Code.EXCLUDED_REGION_CAP}


def random_call(rng: random.Random, *, diversity: bool):
    """Up to 12 candidates and random rules; with diversity, calls large enough to be feasible
    most of the time (the rules still make some impossible)."""
    n = rng.randint(4, 12) if diversity else rng.randint(0, 12)
    pool = [
        Candidate(
            id=f"c{i:02d}",
            score=rng.choice([D(0), D("12.5"), D(40), D("55.25"), D(60), D("60.75"), D(80)]),
            participants=rng.randint(0, 7),
            region=rng.choice(REGIONS),
            language=rng.choice(LANGUAGES),
        )
        for i in range(n)
    ]
    rng.shuffle(pool)
    max_teams = rng.randint(2, 6) if diversity else rng.randint(0, 6)
    min_teams = rng.randint(0, max_teams)
    max_participants = rng.choice([None, rng.randint(8 if diversity else 0, 25)])
    if not diversity:
        return pool, SelectionRules(max_teams, min_teams, max_participants)
    return pool, SelectionRules(
        max_teams,
        min_teams,
        max_participants,
        min_regions=rng.choice([0, 0, 1, 2, 3, 4]),
        max_per_region=rng.choice([None, None, 0, 1, 2, 3]),
        min_per_language={lang: rng.choice([1, 1, 2])
                          for lang in rng.sample(LANGUAGES, rng.randint(0, 2))},
    )


def admissible(subset, rules):
    if len(subset) > rules.max_teams:
        return False
    if rules.max_participants is not None and sum(c.participants for c in subset) > rules.max_participants:
        return False
    regions = [c.region for c in subset]
    if len(set(regions)) < rules.min_regions:
        return False
    if rules.max_per_region is not None and any(regions.count(r) > rules.max_per_region for r in regions):
        return False
    languages = [c.language for c in subset]
    return all(languages.count(lang) >= n for lang, n in rules.min_per_language.items())


def brute_force(pool, rules, *, containing=None):
    """The best admissible subset (as a set of ids), or None; optionally one containing an id."""
    ranked = sorted(pool, key=lambda c: (-c.score, c.id))
    best_key, best = None, None
    for size in range(len(ranked) + 1):
        for subset in combinations(ranked, size):
            ids = {c.id for c in subset}
            if containing is not None and containing not in ids:
                continue
            if not admissible(subset, rules):
                continue
            key = (size >= rules.min_teams, tuple(c.id in ids for c in ranked))
            if best_key is None or key > best_key:
                best_key, best = key, ids
    return best


def check_against_brute_force(seed, *, diversity, explain):
    rng = random.Random(seed)
    pool, rules = random_call(rng, diversity=diversity)
    selection = suggest_selection(pool, rules, explain=explain)
    expected = brute_force(pool, rules)
    context = f"seed={seed} rules={rules} pool={pool}"

    if expected is None:
        assert selection.feasible is False, context
        assert selection.chosen == () and selection.notes, context
        return selection, pool, rules, None
    assert selection.feasible is True, context
    assert set(selection.chosen) == expected, context
    by_id = {c.id: c for c in pool}
    assert selection.total == sum((by_id[i].score for i in expected), D(0)), context
    assert selection.participants == sum(by_id[i].participants for i in expected), context
    return selection, pool, rules, expected


@pytest.mark.parametrize("diversity", [False, True], ids=["capacity", "diversity"])
def test_optimum_equals_brute_force(diversity):
    infeasible = 0
    for seed in range(200):
        selection, *_ = check_against_brute_force(seed, diversity=diversity, explain=False)
        infeasible += not selection.feasible
    if diversity:  # impossible calls are tested too (83 of these 200), but not only them
        assert 20 <= infeasible <= 120, infeasible


def test_reasons_agree_with_brute_force():
    checked = Counter()
    for seed in range(1000, 1400):
        selection, pool, rules, chosen = check_against_brute_force(seed, diversity=seed % 2 == 0,
                                                                   explain=True)
        if chosen is None:
            continue
        by_id = {c.id: c for c in pool}
        ranks = {d.candidate_id: d.rank for d in selection.decisions}
        plain = SelectionRules(rules.max_teams, rules.min_teams, rules.max_participants)
        by_score = brute_force(pool, plain)
        for decision in selection.decisions:
            context = f"seed={seed} decision={decision}"
            codes = [r.code for r in decision.reasons]
            if decision.included:
                assert (codes == [Code.INCLUDED_BY_SCORE]) == (decision.candidate_id in by_score), context
                continue
            if Code.EXCLUDED_TEAM_TOO_LARGE in codes:
                assert codes == [Code.EXCLUDED_TEAM_TOO_LARGE], context
                continue
            # at least one rule stops the team from simply being added to the selection
            assert BLOCKING & set(codes), context
            last = decision.reasons[-1]
            with_it = brute_force(pool, rules, containing=decision.candidate_id)
            if last.code == Code.EXCLUDED_RANKED_BELOW:
                assert decision.rank > max(r.rank for r in selection.decisions
                                           if r.candidate_id in by_score), context
                continue
            if rules.max_teams == 0:  # nothing to compare with: no counterfactual
                assert codes[0] == Code.EXCLUDED_MAX_TEAMS and last.code in BLOCKING, context
                continue
            checked[last.code] += 1
            if last.code == Code.EXCLUDED_BREAKS_DIVERSITY:
                assert with_it is None, context
            elif last.code == Code.EXCLUDED_MIN_TEAMS:
                assert len(chosen) >= rules.min_teams > len(with_it), context
            else:
                assert last.code == Code.EXCLUDED_DISPLACES_HIGHER, context
                total_with = sum((by_id[i].score for i in with_it), D(0))
                assert last.params["total_with"] == total_with, context
                assert set(last.params["replaces"]) == chosen - with_it, context
                assert set(last.params["also_adds"]) == with_it - chosen - {decision.candidate_id}, context
                # including it always pushes out a team ranked above it
                assert min(ranks[i] for i in last.params["replaces"]) < decision.rank, context
    # every kind of counterfactual was met and checked
    assert set(checked) == {Code.EXCLUDED_DISPLACES_HIGHER, Code.EXCLUDED_BREAKS_DIVERSITY,
                            Code.EXCLUDED_MIN_TEAMS}, checked
