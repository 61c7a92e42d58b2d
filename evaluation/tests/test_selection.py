"""The suggested selection on hand-made cases, one per rule and reason (brute force: next file)."""

import random
from decimal import Decimal as D

import pytest

from evaluation.selection import Candidate, Code, SelectionRules, suggest_selection


def team(id, score, participants=4, region="AFR", language="en"):
    return Candidate(id, D(score), participants, region, language)


def reasons(selection, id):
    decision = next(d for d in selection.decisions if d.candidate_id == id)
    return [(r.code, r.params) for r in decision.reasons]


def codes(selection, id):
    return [code for code, _params in reasons(selection, id)]


# --- hand-made cases -----------------------------------------------------------------------------


def test_a_higher_ranked_team_that_fits_is_never_passed_over():
    # The demo's case (issue 14): A (90, 5 people) fits; B and C (4 each) sum to more (150) but
    # only by leaving A out. The suggestion takes A, the best-ranked team, then what still fits.
    pool = [team("A", 90, 5), team("B", 80, 4), team("C", 70, 4)]
    selection = suggest_selection(pool, SelectionRules(max_teams=3, max_participants=8))

    assert (selection.feasible, selection.chosen, selection.total, selection.participants) == (
        True, ("A",), D(90), 5)
    assert codes(selection, "A") == [Code.INCLUDED_BY_SCORE]
    assert reasons(selection, "B") == [
        (Code.EXCLUDED_MAX_PARTICIPANTS, {"participants": 4, "selected_participants": 5,
                                          "max_participants": 8}),
        (Code.EXCLUDED_RANKED_BELOW, {"rank": 1}),
    ]
    assert [d.rank for d in selection.decisions] == [1, 2, 3]


def test_a_team_that_does_not_fit_is_skipped_and_the_next_one_that_fits_taken():
    # B (rank 2) does not fit beside A; C (rank 3) does: A and C, and B says why it was skipped.
    pool = [team("A", 90, 4), team("B", 80, 5), team("C", 70, 3)]
    selection = suggest_selection(pool, SelectionRules(max_teams=3, max_participants=8))

    assert selection.chosen == ("A", "C")
    assert reasons(selection, "B") == [
        (Code.EXCLUDED_MAX_PARTICIPANTS, {"participants": 5, "selected_participants": 7,
                                          "max_participants": 8}),
        (Code.EXCLUDED_DISPLACES_HIGHER, {"total_with": D(150), "replaces": ["A"], "also_adds": []}),
    ]


def test_max_teams_and_ranked_below():
    pool = [team("A", 90), team("B", 80), team("C", 70)]
    selection = suggest_selection(pool, SelectionRules(max_teams=2, max_participants=40))
    assert selection.chosen == ("A", "B")
    assert reasons(selection, "C") == [(Code.EXCLUDED_MAX_TEAMS, {"max_teams": 2}),
                                       (Code.EXCLUDED_RANKED_BELOW, {"rank": 2})]


def test_tie_keeps_the_higher_ranked_team_by_id():
    # Equal scores rank by id: "A" before "B". One place: A is kept; B ranks below it.
    pool = [team("B", "75.50"), team("A", "75.50")]
    selection = suggest_selection(pool, SelectionRules(max_teams=1))
    assert selection.chosen == ("A",)
    assert reasons(selection, "B") == [(Code.EXCLUDED_MAX_TEAMS, {"max_teams": 1}),
                                       (Code.EXCLUDED_RANKED_BELOW, {"rank": 1})]


def test_equal_scores_rank_by_id_and_the_team_passed_over_names_who_it_would_push_out():
    # A and X both score 50 (A ranks first by id), D 30; 2 teams, 4 people.
    # {A, X} needs 5 people: A, then D, which fits. X (rank 2) ranks above D, the last team
    # selected, so it says what including it would take: leaving out A, ranked higher.
    pool = [team("X", 50, 3), team("D", 30, 1), team("A", 50, 2)]
    selection = suggest_selection(pool, SelectionRules(max_teams=2, max_participants=4))

    assert (selection.chosen, selection.total) == (("A", "D"), D(80))
    assert reasons(selection, "X") == [
        (Code.EXCLUDED_MAX_TEAMS, {"max_teams": 2}),
        (Code.EXCLUDED_MAX_PARTICIPANTS, {"participants": 3, "selected_participants": 3,
                                          "max_participants": 4}),
        (Code.EXCLUDED_DISPLACES_HIGHER, {"total_with": D(80), "replaces": ["A"], "also_adds": []}),
    ]


def test_explain_false_skips_counterfactuals():
    pool = [team("X", 50, 3), team("D", 30, 1), team("A", 50, 2)]
    selection = suggest_selection(pool, SelectionRules(max_teams=2, max_participants=4), explain=False)
    assert selection.chosen == ("A", "D")
    assert codes(selection, "X") == [Code.EXCLUDED_MAX_TEAMS, Code.EXCLUDED_MAX_PARTICIPANTS]


def test_team_too_large_for_the_call():
    pool = [team("A", 90, 41), team("B", 50, 4)]
    selection = suggest_selection(pool, SelectionRules())
    assert selection.chosen == ("B",)
    assert reasons(selection, "A") == [
        (Code.EXCLUDED_TEAM_TOO_LARGE, {"participants": 41, "max_participants": 40})]


def test_language_rule_brings_in_a_francophone_team():
    pool = [team("A", 90), team("B", 80), team("C", 70, language="fr"), team("D", 60, language="fr")]
    rules = SelectionRules(max_teams=2, max_participants=40, min_per_language={"fr": 1})
    selection = suggest_selection(pool, rules)

    assert (selection.chosen, selection.total) == (("A", "C"), D(160))
    assert codes(selection, "A") == [Code.INCLUDED_BY_SCORE]
    assert reasons(selection, "C") == [(Code.INCLUDED_FOR_LANGUAGE, {"language": "fr", "minimum": 1})]
    # B is in the best selection on score alone ({A, B} = 170): the best with B is {B, C} = 150
    assert reasons(selection, "B") == [
        (Code.EXCLUDED_MAX_TEAMS, {"max_teams": 2}),
        (Code.EXCLUDED_DISPLACES_HIGHER, {"total_with": D(150), "replaces": ["A"], "also_adds": []}),
    ]
    assert [(n.code, n.params) for n in selection.notes] == [
        (Code.DIVERSITY_COST, {"total_without_rules": D(170), "cost": D(10)})]
    assert codes(selection, "D") == [Code.EXCLUDED_MAX_TEAMS, Code.EXCLUDED_RANKED_BELOW]


def test_team_that_cannot_be_included_under_the_diversity_rules():
    # One place and at least one francophone team: A can never be selected.
    pool = [team("A", 90), team("C", 70, language="fr")]
    selection = suggest_selection(pool, SelectionRules(max_teams=1, min_per_language={"fr": 1}))
    assert selection.chosen == ("C",)
    assert codes(selection, "A") == [Code.EXCLUDED_MAX_TEAMS, Code.EXCLUDED_BREAKS_DIVERSITY]


def test_region_rules_bring_in_and_cap():
    pool = [team("A", 90, region="AFR"), team("B", 85, region="AFR"), team("C", 80, region="AFR"),
            team("D", 50, region="LAC"), team("E", 40, region="EAP")]
    rules = SelectionRules(max_teams=3, max_participants=40, min_regions=2, max_per_region=2)
    selection = suggest_selection(pool, rules)

    assert selection.chosen == ("A", "B", "D")
    assert reasons(selection, "D") == [(Code.INCLUDED_FOR_REGION, {"region": "LAC", "min_regions": 2})]
    assert reasons(selection, "C") == [
        (Code.EXCLUDED_MAX_TEAMS, {"max_teams": 3}),
        (Code.EXCLUDED_REGION_CAP, {"region": "AFR", "max_per_region": 2}),
        # with C: {A, C, D} = 90 + 80 + 50 = 220 instead of 225
        (Code.EXCLUDED_DISPLACES_HIGHER, {"total_with": D(220), "replaces": ["B"], "also_adds": []}),
    ]


def test_region_cap_alone_frees_a_place():
    pool = [team("A", 90, region="AFR"), team("B", 85, region="AFR"), team("C", 40, region="EAP")]
    selection = suggest_selection(pool, SelectionRules(max_teams=2, max_per_region=1))
    assert selection.chosen == ("A", "C")
    assert codes(selection, "C") == [Code.INCLUDED_FOR_DIVERSITY]


def test_min_teams_preferred_over_a_higher_total():
    # 10 people: {A(60,6), B(50,4)} = 110 with 2 teams; {B, C, D} (4 + 3 + 3) = 50 + 30 + 20 = 100.
    pool = [team("A", 60, 6), team("B", 50, 4), team("C", 30, 3), team("D", 20, 3)]
    selection = suggest_selection(pool, SelectionRules(max_teams=3, min_teams=3, max_participants=10))
    assert selection.chosen == ("B", "C", "D")
    assert codes(selection, "A")[-1] == Code.EXCLUDED_MIN_TEAMS
    assert selection.notes == ()


def test_min_teams_not_reachable_keeps_the_best_smaller_selection():
    pool = [team("A", 60, 6), team("B", 50, 5)]
    selection = suggest_selection(pool, SelectionRules(max_teams=10, min_teams=8, max_participants=10))
    assert selection.chosen == ("A",)
    assert [(n.code, n.params) for n in selection.notes] == [
        (Code.MIN_TEAMS_NOT_REACHED, {"min_teams": 8, "teams": 1})]


def test_infeasible_rules_say_which_rule():
    pool = [team("A", 90, region="AFR"), team("B", 80, region="LAC", language="fr")]
    rules = SelectionRules(max_teams=2, min_regions=3, min_per_language={"fr": 2, "en": 1})
    selection = suggest_selection(pool, rules)
    assert (selection.feasible, selection.chosen, selection.total) == (False, (), D(0))
    assert [(n.code, n.params) for n in selection.notes] == [
        (Code.MIN_REGIONS_UNREACHABLE, {"min_regions": 3, "regions": 2}),
        (Code.MIN_LANGUAGE_UNREACHABLE, {"language": "fr", "minimum": 2, "candidates": 1}),
    ]
    assert all(not d.included and d.reasons == () for d in selection.decisions)


def test_infeasible_combination_is_a_conflict():
    # One place: a francophone team, or a team from a second region, not both.
    pool = [team("A", 90, region="AFR", language="fr"), team("B", 80, region="LAC")]
    rules = SelectionRules(max_teams=1, min_regions=1, min_per_language={"fr": 1, "en": 1})
    selection = suggest_selection(pool, rules)
    assert selection.feasible is False
    assert [n.code for n in selection.notes] == [Code.DIVERSITY_CONFLICT]


def test_result_does_not_depend_on_input_order():
    rng = random.Random(7)
    pool = [team(i, rng.choice(["50", "60.5", "70"]), rng.randint(3, 6),
                 rng.choice(["AFR", "EAP", "LAC"]), rng.choice(["en", "fr"])) for i in range(20)]
    rules = SelectionRules(max_teams=6, min_teams=5, max_participants=24, min_regions=2,
                           min_per_language={"fr": 2})
    first = suggest_selection(pool, rules)
    rng.shuffle(pool)
    assert suggest_selection(pool, rules) == first


def test_no_candidates():
    selection = suggest_selection([], SelectionRules(min_teams=8))
    assert (selection.feasible, selection.chosen, selection.decisions) == (True, (), ())
    assert [n.code for n in selection.notes] == [Code.MIN_TEAMS_NOT_REACHED]


@pytest.mark.parametrize(
    "pool, rules, message",
    [
        ([team("A", 1), team("A", 2)], SelectionRules(), "unique"),
        ([team("A", -1)], SelectionRules(), ">= 0"),
        ([Candidate("A", 0.5, 4)], SelectionRules(), "int or a Decimal"),
        ([Candidate("A", D("NaN"), 4)], SelectionRules(), "finite"),
        ([Candidate("A", D(1), -4)], SelectionRules(), "participants"),
        ([], SelectionRules(max_teams=2, min_teams=3), "min_teams"),
        ([], SelectionRules(max_participants=-1), "whole numbers"),
        ([], SelectionRules(min_per_language={"fr": 1.5}), "whole numbers"),
    ],
)
def test_bad_input_is_refused(pool, rules, message):
    with pytest.raises(ValueError, match=message):
        suggest_selection(pool, rules)
