"""The suggested selection: the teams in order of rank, each one that fits within the call's capacity.

Plain Python, no Django. ``suggest_selection(candidates, rules)`` returns the chosen teams, their
total, and for every candidate *why* it is in or out as codes with parameters (``Reason``), never
sentences: the view translates them into English or French.

What it optimises (issue 14)
    Rank first, not the sum of scores: a lower-ranked team is never suggested in place of a
    higher-ranked one unless the higher one does not fit. Maximising the sum of scores did that
    (in the demo, Mongolia at 40.00, very weak on criterion 2, was suggested over Laos at 56.67
    because two small teams summed to more than one large team); a panel cannot defend it to a
    country. The selection is the greatest admissible set in *rank order*: it contains the best-ranked
    team that can be part of an admissible selection, then the next best that can be added, and so on —
    without diversity rules, exactly "go down the ranking and take every team that still fits".

The problem
    Choose a set of candidates (eligible EOIs with their scores), greatest in rank order as above,
    subject to ``max_teams``, ``max_participants`` and the optional diversity rules ``min_regions``
    (at least K regions represented), ``max_per_region`` (at most N teams from one region) and
    ``min_per_language`` (e.g. ``{"fr": 1}``: at least one francophone team). These are hard rules:
    when no selection can meet them the result is ``feasible=False`` with notes saying which rule
    cannot be met. ``min_teams`` is a preference ("8 to 10 teams"): the best selection with at
    least ``min_teams`` teams is chosen when one exists, otherwise the best selection with fewer,
    and a ``MIN_TEAMS_NOT_REACHED`` note says so.

Exact, not greedy
    A dynamic programme over the candidates, sorted by region. A state is (teams, teams per
    constrained language capped at its minimum, regions represented capped at ``min_regions``,
    teams of the current region); each state keeps the Pareto front of (participants, value) of the
    partial selections reaching it. Two prunings keep it small, both exact: a partial selection
    with more participants and no more value than another in the same state can never lead to a
    better selection; and, at each new region, a state that can no longer meet the minimums with
    the candidates left (too few of a language or region, or too few places) is dropped. The work
    is bounded by max_teams × max_participants × the small diversity counters per candidate,
    whatever the number of candidates (``benchmarks/selection_optimiser.py`` times it).

Deterministic order
    Candidates are ranked by score (highest first), then by id (ascending; ids must be mutually
    comparable). A team's value is ``2**(n - 1 - rank)``: the value of a selection is its
    membership vector read in rank order, so the selection with the greatest value is the one that
    includes the higher-ranked team at the first rank where two selections differ. Every selection
    has a distinct value and the optimum is unique and reproducible.

Reasons (``Decision.reasons``, codes listed in ``Code`` with their params)
    Included: ``INCLUDED_BY_SCORE`` when the team is also in the best selection without the
    diversity rules; otherwise ``INCLUDED_FOR_REGION`` / ``INCLUDED_FOR_LANGUAGE`` when removing it
    would break that rule, or ``INCLUDED_FOR_DIVERSITY`` when it fills a place the rules freed.
    Excluded: first what adding it to the selection would break (``EXCLUDED_MAX_TEAMS``,
    ``EXCLUDED_MAX_PARTICIPANTS``, ``EXCLUDED_REGION_CAP``; at least one always applies, or the
    optimum would have added it), or ``EXCLUDED_TEAM_TOO_LARGE`` alone when it cannot fit at all.
    Then, for a team "passed over" (ranked at or above the last team of the best selection on score
    alone, i.e. without the diversity rules), and with ``explain=True``, what the best selection
    that includes it would be: ``EXCLUDED_DISPLACES_HIGHER`` (``total_with``, ``replaces`` — always
    at least one team ranked above it —, ``also_adds``), ``EXCLUDED_MIN_TEAMS`` or
    ``EXCLUDED_BREAKS_DIVERSITY``; each costs one more exact solve. A team ranked below every team
    of the selection on score alone gets
    ``EXCLUDED_RANKED_BELOW`` (``rank`` of that last team) instead.
    Notes on the whole selection: ``MIN_TEAMS_NOT_REACHED``,
    ``DIVERSITY_COST`` (what the diversity rules cost in total score), and when infeasible
    ``MIN_REGIONS_UNREACHABLE`` / ``MIN_LANGUAGE_UNREACHABLE`` for each rule that cannot be met even
    alone, else ``DIVERSITY_CONFLICT``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum


class Code(StrEnum):
    # Included
    INCLUDED_BY_SCORE = "included_by_score"
    INCLUDED_FOR_REGION = "included_for_region"  # region, min_regions
    INCLUDED_FOR_LANGUAGE = "included_for_language"  # language, minimum
    INCLUDED_FOR_DIVERSITY = "included_for_diversity"  # fills a place the diversity rules freed
    # Excluded: what adding it to the suggested selection would break
    EXCLUDED_TEAM_TOO_LARGE = "excluded_team_too_large"  # participants, max_participants
    EXCLUDED_MAX_TEAMS = "excluded_max_teams"  # max_teams
    # participants, selected_participants, max_participants
    EXCLUDED_MAX_PARTICIPANTS = "excluded_max_participants"
    EXCLUDED_REGION_CAP = "excluded_region_cap"  # region, max_per_region
    # Excluded: the best selection that includes it
    # total_with, replaces (with at least one team ranked above it), also_adds
    EXCLUDED_DISPLACES_HIGHER = "excluded_displaces_higher"
    EXCLUDED_MIN_TEAMS = "excluded_min_teams"  # min_teams
    EXCLUDED_RANKED_BELOW = "excluded_ranked_below"  # rank: last team of the selection on score alone
    EXCLUDED_BREAKS_DIVERSITY = "excluded_breaks_diversity"  # no selection with it meets the rules
    # The selection as a whole
    MIN_TEAMS_NOT_REACHED = "min_teams_not_reached"  # min_teams, teams
    DIVERSITY_COST = "diversity_cost"  # total_without_rules, cost
    MIN_REGIONS_UNREACHABLE = "min_regions_unreachable"  # min_regions, regions
    MIN_LANGUAGE_UNREACHABLE = "min_language_unreachable"  # language, minimum, candidates
    DIVERSITY_CONFLICT = "diversity_conflict"  # each rule can be met alone, not all together


@dataclass(frozen=True)
class Candidate:
    id: Hashable
    score: Decimal  # >= 0, e.g. the EOI's mean total on 0–100
    participants: int
    region: str = ""
    language: str = ""


@dataclass(frozen=True)
class SelectionRules:
    max_teams: int = 10
    min_teams: int = 0  # a preference, see the module docstring
    max_participants: int | None = 40  # None: no limit
    min_regions: int = 0
    max_per_region: int | None = None
    min_per_language: Mapping[str, int] = field(default_factory=dict)

    @property
    def has_diversity(self) -> bool:
        return bool(self.min_regions or self.max_per_region is not None or self.min_per_language)


@dataclass(frozen=True)
class Reason:
    code: Code
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    candidate_id: Hashable
    included: bool
    rank: int  # 1 = highest score
    score: Decimal
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Selection:
    feasible: bool
    chosen: tuple[Hashable, ...]  # ids in rank order
    total: Decimal
    participants: int
    notes: tuple[Reason, ...]
    decisions: tuple[Decision, ...]  # every candidate, in rank order


def suggest_selection(
    candidates: Iterable[Candidate], rules: SelectionRules = SelectionRules(), *, explain: bool = True
) -> Selection:
    """The best selection within ``rules``; ``explain=False`` skips the per-team counterfactuals."""
    rules = _checked_rules(rules)
    ranked = _ranked(candidates)
    solver = _Solver(ranked)
    chosen = solver.solve(rules)
    if chosen is None:
        notes = _infeasibility_notes(solver, ranked, rules)
        decisions = tuple(Decision(c.id, False, i + 1, c.score, ()) for i, c in enumerate(ranked))
        return Selection(False, (), Decimal(0), 0, notes, decisions)

    notes = []
    if len(chosen) < rules.min_teams:
        notes.append(Reason(Code.MIN_TEAMS_NOT_REACHED,
                            {"min_teams": rules.min_teams, "teams": len(chosen)}))
    by_score = chosen
    if rules.has_diversity:
        plain = SelectionRules(rules.max_teams, rules.min_teams, rules.max_participants)
        by_score = solver.solve(plain)
        cost = _total(ranked, by_score) - _total(ranked, chosen)
        if cost > 0:
            notes.append(Reason(Code.DIVERSITY_COST, {
                "total_without_rules": _total(ranked, by_score), "cost": cost}))
    explainer = _Explainer(solver, ranked, rules, chosen, by_score, explain)
    decisions = tuple(explainer.decision(index) for index in range(len(ranked)))
    return Selection(
        feasible=True,
        chosen=tuple(ranked[index].id for index in sorted(chosen)),
        total=_total(ranked, chosen),
        participants=sum(ranked[index].participants for index in chosen),
        notes=tuple(notes),
        decisions=decisions,
    )


# --- the optimiser ---------------------------------------------------------------------------


class _Solver:
    """Exact dynamic programme; candidates are addressed by rank index (0 = best)."""

    def __init__(self, ranked: list[Candidate]):
        self.ranked = ranked
        n = len(ranked)
        # The rank bit only: a selection's value is its membership read in rank order.
        self.values = [1 << (n - 1 - i) for i in range(n)]
        self.order = sorted(range(n), key=lambda i: (ranked[i].region, i))  # regions contiguous
        self.rank_bits = (1 << n) - 1

    def solve(self, rules: SelectionRules, *, forced: int | None = None) -> frozenset[int] | None:
        """Rank indexes of the best selection (containing ``forced`` if given), None if none."""
        ranked, values = self.ranked, self.values
        max_p = rules.max_participants
        if max_p is None:
            max_p = sum(c.participants for c in ranked)
        languages = sorted(lang for lang, n in rules.min_per_language.items() if n > 0)
        needs = tuple(rules.min_per_language[lang] for lang in languages)
        cap = rules.max_per_region
        region_counter_cap = cap if cap is not None else (1 if rules.min_regions else 0)

        # (teams, per-language counts capped at the need, regions capped at min_regions, teams of
        # the current region) -> Pareto front of (participants, value): fewer people, more value.
        start = (0, (0,) * len(languages), 0, 0), (0, 0)
        forced_region = None
        if forced is not None:  # start from the selection holding only the forced team
            c = ranked[forced]
            if rules.max_teams < 1 or cap == 0 or c.participants > max_p:
                return None
            counts = tuple(min(1, n) if lang == c.language else 0 for lang, n in zip(languages, needs))
            start = (1, counts, min(1, rules.min_regions), 0), (c.participants, values[forced])
            forced_region = c.region
        states = {start[0]: [start[1]]}
        order = [index for index in self.order if index != forced]
        still_possible = _feasibility_check(ranked, order, rules, languages, needs, forced_region)
        previous_region = None
        for position, index in enumerate(order):
            c = ranked[index]
            if c.region != previous_region:
                if region_counter_cap:
                    states = _new_region(states, here=1 if c.region == forced_region else 0)
                if still_possible:
                    states = {key: front for key, front in states.items()
                              if still_possible(position, key)}
            previous_region = c.region
            slot = languages.index(c.language) if c.language in languages else None
            for (teams, counts, regions, here), front in list(states.items()):
                if teams >= rules.max_teams or (cap is not None and here >= cap):
                    continue
                if slot is not None and counts[slot] < needs[slot]:
                    counts = counts[:slot] + (counts[slot] + 1,) + counts[slot + 1:]
                key = (teams + 1, counts, min(regions + (here == 0), rules.min_regions),
                       min(here + 1, region_counter_cap))
                shifted = [(people + c.participants, total + values[index]) for people, total in front
                           if people + c.participants <= max_p]
                if shifted:
                    states[key] = _merge_fronts(states.get(key), shifted)

        best_key = None
        for (teams, counts, regions, _here), front in states.items():
            if counts == needs and regions >= rules.min_regions:
                key = (teams >= rules.min_teams, front[-1][1])  # the front's most valuable end
                if best_key is None or key > best_key:
                    best_key = key
        if best_key is None:
            return None
        mask, n = best_key[1] & self.rank_bits, len(ranked)
        return frozenset(i for i in range(n) if mask >> (n - 1 - i) & 1)


def _merge_fronts(front: list | None, other: list) -> list:
    """Pareto front of two fronts: sorted by participants, each entry worth more than the last.

    A state with more participants and no more value can never lead to a better selection, so
    dropping it keeps the optimum exact.
    """
    if not front:
        return other
    merged, best = [], -1
    for people, total in sorted(front + other):
        if total > best:
            if merged and merged[-1][0] == people:
                merged[-1] = (people, total)
            else:
                merged.append((people, total))
            best = total
    return merged


def _feasibility_check(ranked, order, rules, languages, needs, forced_region):
    """A test that a state can still meet the minimums with the candidates from a position on.

    Dropping the states that cannot is exact: they never end in an admissible selection.
    None when the rules have no minimums.
    """
    if not needs and not rules.min_regions:
        return None
    # From each position on: candidates per constrained language, and regions not yet counted.
    by_language, regions = [0] * len(languages), set()
    remaining = [None] * len(order)
    for position in range(len(order) - 1, -1, -1):
        c = ranked[order[position]]
        if c.language in languages:
            by_language[languages.index(c.language)] += 1
        if c.region != forced_region:
            regions.add(c.region)
        remaining[position] = (tuple(by_language), len(regions))

    def still_possible(position, key) -> bool:
        teams, counts, region_count, _here = key
        by_language, region_left = remaining[position]
        missing = [need - count for need, count in zip(needs, counts)]
        if any(gap > left for gap, left in zip(missing, by_language)):
            return False
        missing_regions = rules.min_regions - region_count
        if missing_regions > region_left:
            return False
        return max(sum(missing), missing_regions) <= rules.max_teams - teams

    return still_possible


def _new_region(states: dict, *, here: int) -> dict:
    """Entering a new region: its team counter restarts (at 1 when it holds the forced team)."""
    merged: dict = {}
    for (teams, counts, regions, _here), front in states.items():
        key = (teams, counts, regions, here)
        merged[key] = _merge_fronts(merged.get(key), front)
    return merged


# --- reasons ---------------------------------------------------------------------------------


class _Explainer:
    def __init__(self, solver, ranked, rules, chosen, by_score, explain):
        self.solver, self.ranked, self.rules = solver, ranked, rules
        self.chosen, self.by_score, self.explain = chosen, by_score, explain
        self.total = _total(ranked, chosen)
        self.people = sum(ranked[i].participants for i in chosen)
        # Teams ranked below every team of the selection on score alone need no counterfactual.
        self.last_by_score = max(by_score, default=len(ranked))

    def decision(self, index: int) -> Decision:
        c = self.ranked[index]
        included = index in self.chosen
        reasons = self._included(index) if included else self._excluded(index)
        return Decision(c.id, included, index + 1, c.score, tuple(reasons))

    def _included(self, index: int) -> list[Reason]:
        if index in self.by_score:
            return [Reason(Code.INCLUDED_BY_SCORE)]
        c, rules, chosen = self.ranked[index], self.rules, self.chosen
        reasons = []
        regions = {self.ranked[i].region for i in chosen}
        same_region = sum(1 for i in chosen if self.ranked[i].region == c.region)
        if rules.min_regions and same_region == 1 and len(regions) <= rules.min_regions:
            reasons.append(Reason(Code.INCLUDED_FOR_REGION,
                                  {"region": c.region, "min_regions": rules.min_regions}))
        minimum = rules.min_per_language.get(c.language, 0)
        same_language = sum(1 for i in chosen if self.ranked[i].language == c.language)
        if minimum and same_language <= minimum:
            reasons.append(Reason(Code.INCLUDED_FOR_LANGUAGE,
                                  {"language": c.language, "minimum": minimum}))
        return reasons or [Reason(Code.INCLUDED_FOR_DIVERSITY)]

    def _excluded(self, index: int) -> list[Reason]:
        c, rules = self.ranked[index], self.rules
        max_p = rules.max_participants
        if max_p is not None and c.participants > max_p:
            return [Reason(Code.EXCLUDED_TEAM_TOO_LARGE,
                           {"participants": c.participants, "max_participants": max_p})]
        reasons = []
        if len(self.chosen) >= rules.max_teams:
            reasons.append(Reason(Code.EXCLUDED_MAX_TEAMS, {"max_teams": rules.max_teams}))
        if max_p is not None and self.people + c.participants > max_p:
            reasons.append(Reason(Code.EXCLUDED_MAX_PARTICIPANTS, {
                "participants": c.participants, "selected_participants": self.people,
                "max_participants": max_p}))
        same_region = sum(1 for i in self.chosen if self.ranked[i].region == c.region)
        if rules.max_per_region is not None and same_region >= rules.max_per_region:
            reasons.append(Reason(Code.EXCLUDED_REGION_CAP,
                                  {"region": c.region, "max_per_region": rules.max_per_region}))
        if index > self.last_by_score:
            reasons.append(Reason(Code.EXCLUDED_RANKED_BELOW, {"rank": self.last_by_score + 1}))
        elif self.explain:
            reasons.extend(self._counterfactual(index))
        return reasons

    def _counterfactual(self, index: int) -> list[Reason]:
        """What the best selection that includes this team would look like."""
        with_it = self.solver.solve(self.rules, forced=index)
        if with_it is None:  # a team that fits alone is shut out by the diversity rules...
            # ...or by max_teams=0, which EXCLUDED_MAX_TEAMS already says
            return [Reason(Code.EXCLUDED_BREAKS_DIVERSITY)] if self.rules.max_teams else []
        min_teams = self.rules.min_teams
        if len(self.chosen) >= min_teams > len(with_it):
            return [Reason(Code.EXCLUDED_MIN_TEAMS, {"min_teams": min_teams})]
        return [Reason(Code.EXCLUDED_DISPLACES_HIGHER, {
            "total_with": _total(self.ranked, with_it),
            "replaces": [self.ranked[i].id for i in sorted(self.chosen - with_it)],
            "also_adds": [self.ranked[i].id for i in sorted(with_it - self.chosen - {index})],
        })]


def _infeasibility_notes(solver, ranked, rules) -> tuple[Reason, ...]:
    capacity = SelectionRules(rules.max_teams, 0, rules.max_participants)
    notes = []
    if rules.min_regions and solver.solve(replace(capacity, min_regions=rules.min_regions)) is None:
        notes.append(Reason(Code.MIN_REGIONS_UNREACHABLE, {
            "min_regions": rules.min_regions, "regions": len({c.region for c in ranked})}))
    for language, minimum in sorted(rules.min_per_language.items()):
        if minimum > 0 and solver.solve(
                replace(capacity, min_per_language={language: minimum})) is None:
            notes.append(Reason(Code.MIN_LANGUAGE_UNREACHABLE, {
                "language": language, "minimum": minimum,
                "candidates": sum(1 for c in ranked if c.language == language)}))
    return tuple(notes) or (Reason(Code.DIVERSITY_CONFLICT),)


# --- inputs ----------------------------------------------------------------------------------


def _total(ranked: list[Candidate], indexes: Iterable[int]) -> Decimal:
    return sum((ranked[i].score for i in indexes), Decimal(0))


def _ranked(candidates: Iterable[Candidate]) -> list[Candidate]:
    candidates = list(candidates)
    if len({c.id for c in candidates}) != len(candidates):
        raise ValueError("candidate ids must be unique")
    for c in candidates:
        if isinstance(c.score, bool) or not isinstance(c.score, (int, Decimal)):
            raise ValueError(f"candidate {c.id!r}: a score is an int or a Decimal")
        if not Decimal(c.score).is_finite() or c.score < 0:
            raise ValueError(f"candidate {c.id!r}: the score must be a finite number >= 0")
        people = c.participants
        if isinstance(people, bool) or not isinstance(people, int) or people < 0:
            raise ValueError(f"candidate {c.id!r}: participants must be an int >= 0")
    candidates = [replace(c, score=Decimal(c.score)) for c in candidates]
    return sorted(candidates, key=lambda c: (-c.score, c.id))


def _checked_rules(rules: SelectionRules) -> SelectionRules:
    numbers = [rules.max_teams, rules.min_teams, rules.min_regions, *rules.min_per_language.values()]
    numbers += [n for n in (rules.max_participants, rules.max_per_region) if n is not None]
    if any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in numbers):
        raise ValueError("selection rules are whole numbers >= 0")
    if rules.min_teams > rules.max_teams:
        raise ValueError("min_teams must not exceed max_teams")
    return rules
