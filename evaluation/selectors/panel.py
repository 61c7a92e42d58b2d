"""The panel's pages about a call: the shortlist with the suggested selection, the decisions,
and the confirmation before finalising, with the call's capacity against them."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..enums import Decision, EvaluationState
from ..selection import Candidate, SelectionRules, suggest_selection
from .common import call_criteria, evaluations_of_call
from .ranking import ranking_rows


@dataclass(frozen=True)
class Capacity:
    target_teams: int
    max_participants: int
    teams: int
    participants: int

    @property
    def teams_exceeded(self):
        return self.teams > self.target_teams

    @property
    def participants_exceeded(self):
        return self.participants > self.max_participants

    @property
    def exceeded(self):
        return self.teams_exceeded or self.participants_exceeded

    def problems(self):
        """What exceeds the call's capacity, in sentences (the one wording of the rule: the
        finalise page refuses with them, the decision page warns with them)."""
        problems = []
        if self.teams_exceeded:
            problems.append(_("%(teams)s teams would be selected; the call takes at most %(target)s.")
                            % {"teams": self.teams, "target": self.target_teams})
        if self.participants_exceeded:
            problems.append(_("The selected teams have %(people)s participants; the call takes at most %(max)s.")
                            % {"people": self.participants, "max": self.max_participants})
        return problems


def capacity_of(call, evaluations):
    """The call's capacity against `evaluations` (participants: each team's size)."""
    evaluations = list(evaluations)
    return Capacity(
        target_teams=call.target_teams, max_participants=call.max_participants,
        teams=len(evaluations), participants=sum(e.team_size for e in evaluations),
    )


def capacity_with_decision(call, evaluation, decision):
    """The call's capacity against its selected teams if `evaluation` took `decision`: the
    other evaluations selected now, and this one if `decision` is "selected" (one query)."""
    sizes = list(evaluations_of_call(call).filter(decision=Decision.SELECTED).exclude(pk=evaluation.pk)
                 .values_list("team_size", flat=True))
    if decision == Decision.SELECTED:
        sizes.append(evaluation.team_size)
    return Capacity(target_teams=call.target_teams, max_participants=call.max_participants,
                    teams=len(sizes), participants=sum(sizes))


def shortlisted(evaluations):
    return [e for e in evaluations if e.state == EvaluationState.SHORTLISTED]


def to_be_selected(evaluations):
    return [e for e in evaluations if e.decision == Decision.SELECTED]


def decision_evaluations(call):
    """Every evaluation a decision is taken on, with the country and the call."""
    return evaluations_of_call(call).order_by("eoi__country__code")


def selection_rules(call, settings):
    languages = {"fr": settings.min_french_teams, "en": settings.min_english_teams}
    return SelectionRules(
        max_teams=call.target_teams, min_teams=min(call.min_teams, call.target_teams),
        max_participants=call.max_participants, min_regions=settings.min_regions,
        max_per_region=settings.max_per_region, min_per_language={k: v for k, v in languages.items() if v},
    )


@dataclass
class ShortlistData:
    rows: list  # RankingRow of every open evaluation, best first; ineligible ones last
    suggestion: object  # selection.Selection, or None without any reviewed eligible EOI
    shortlist_capacity: Capacity
    selected_capacity: Capacity
    names: dict  # {evaluation id: country name}


def shortlist_data(call, settings, user):
    """What the shortlist page shows: ranked EOIs, the live capacity and the
    suggested selection computed by `selection.suggest_selection` (exact)."""
    criteria = call_criteria(call, rubric=False)
    evaluations = list(evaluations_of_call(call).filter(state__in=EvaluationState.OPEN).order_by("pk"))
    rows = ranking_rows(call, user, evaluations, criteria=criteria, threshold=settings.disagreement_threshold,
                        normalise=False)
    rows.sort(key=lambda row: (not row.evaluation.eligible, row.rank or float("inf"), row.evaluation.pk))
    candidates = [
        Candidate(id=row.evaluation.pk, score=row.result.mean, participants=row.evaluation.team_size,
                  region=row.evaluation.eoi.country.region, language=row.evaluation.eoi.country.working_language)
        for row in rows if row.evaluation.eligible and row.result is not None
    ]
    suggestion = suggest_selection(candidates, selection_rules(call, settings)) if candidates else None
    return ShortlistData(
        rows=rows, suggestion=suggestion,
        shortlist_capacity=capacity_of(call, shortlisted(evaluations)),
        selected_capacity=capacity_of(call, to_be_selected(evaluations)),
        names={e.pk: str(e.eoi.country.name) for e in evaluations},
    )
