"""The reads behind the PDF documents of the evaluation (report_builders.py): the selection
report of a call and the per-EOI record. Like the selectors, every query is here, with its
joins and prefetches; the number of queries does not depend on the number of EOIs, reviews
or team members (tested in evaluation/tests/test_report_data.py)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q
from django.utils.text import Truncator

from eoi.enums import EOIStatus
from eoi.models import Call, ExpressionOfInterest, Question, TeamMember
from eoi.selectors import confirmation_summary, eoi_composition, eoi_members, text_questions

from .enums import Decision, EligibilityItem, EvaluationState, ReviewState
from .models import Assignment, Conflict, EligibilityCheck, Evaluation, Review, Score
from .selectors.common import (
    call_criteria, call_results, not_conflicted, review_total_of, selection_factors, settings_or_default,
)
from .selectors.feedback import letters_as_sent

ANSWER_SUMMARY_WORDS = 40


def call_for_report():
    """Calls with what a report about them reads: settings, questions, profiles."""
    return Call.objects.select_related("evaluation_settings").prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("order", "pk")), "profiles",
    )


@dataclass
class Figures:
    received: int  # submitted (still candidates) or withdrawn after submitting
    withdrawn: int
    on_time: int
    under_review: int
    eligible: int
    reviewed: int  # at least one complete, submitted review that counts
    shortlisted: int  # shortlisted, or selected or waitlisted from the shortlist
    selected: int
    waitlisted: int
    not_selected: int
    participants: int  # team sizes of the selected teams
    max_participants: int
    target_teams: int


@dataclass
class ReviewEntry:
    reviewer: str
    total: Decimal | None  # None for an incomplete review (it does not count)
    scores: list  # [(criterion, value, comment)] in criterion order


@dataclass
class EOIEntry:
    evaluation: Evaluation
    eoi: ExpressionOfInterest
    country_name: str
    rank: int | None = None
    result: object = None  # scoring.EOIResult
    criterion_means: list = field(default_factory=list)  # [(criterion, mean or None)]
    reviews: list = field(default_factory=list)
    members: list = field(default_factory=list)
    composition: object = None
    confirmations: dict = field(default_factory=dict)  # eoi.selectors.confirmation_summary of the members
    answers: list = field(default_factory=list)  # [(question, summary, shortened?)]
    checks: list = field(default_factory=list)
    letter: object = None  # the feedback letter as sent (outbox row), quoted instead of the draft

    @property
    def decision_label(self):
        return Decision(self.evaluation.decision).label if self.evaluation.decision else None


@dataclass
class Reviewer:
    name: str
    assigned: int
    submitted: int


@dataclass
class SelectionReportData:
    call: Call
    settings: object
    criteria: list
    factors: list
    figures: Figures
    reviewers: list
    conflicts: list
    entries: list  # ranked first (best first), then the others by country name
    final: bool

    @property
    def selected(self):
        return [e for e in self.entries if e.evaluation.decision == Decision.SELECTED]

    @property
    def selected_confirmations(self):
        """The members' own answers summed over the selected teams ({"confirmed", …, "total"})."""
        selected = self.selected
        return {key: sum(e.confirmations[key] for e in selected) for key in ("confirmed", "declined", "waiting", "total")}

    @property
    def ranked(self):
        return [e for e in self.entries if e.rank is not None]


def _evaluations(call):
    submitted_reviews = (
        Review.objects.filter(state=ReviewState.SUBMITTED).filter(not_conflicted())
        .select_related("reviewer").order_by("submitted_at", "pk")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.order_by("criterion_id")))
    )
    return list(
        Evaluation.objects.filter(eoi__call=call, eoi__status__in=EOIStatus.RECEIVED)
        .select_related("eoi__country", "eoi__submitted_by", "decided_by")
        .prefetch_related(
            "eoi__answers",
            Prefetch("eoi__team_members",
                     queryset=TeamMember.objects.select_related("profile", "confirmation").order_by("slot")),
            Prefetch("checks", queryset=EligibilityCheck.objects.select_related("overridden_by")),
            Prefetch("reviews", queryset=submitted_reviews, to_attr="counted_reviews"),
        )
    )


def _figures(call, evaluations, results):
    counts = ExpressionOfInterest.objects.filter(call=call).aggregate(
        received=Count("pk", filter=Q(status__in=EOIStatus.HAS_SUBMISSION)),
        withdrawn=Count("pk", filter=Q(status=EOIStatus.WITHDRAWN)),
        on_time=Count("pk", filter=Q(status__in=EOIStatus.HAS_SUBMISSION,
                                     submitted_at__lte=ExpressionOfInterest.effective_deadline_expression())),
    )
    decisions = [e.decision for e in evaluations]
    selected = [e for e in evaluations if e.decision == Decision.SELECTED]
    return Figures(
        **counts, under_review=len(evaluations), eligible=sum(e.eligible for e in evaluations),
        reviewed=sum(e.pk in results for e in evaluations),
        shortlisted=sum(e.state in (EvaluationState.SHORTLISTED, EvaluationState.SELECTED, EvaluationState.WAITLISTED)
                        for e in evaluations),
        selected=len(selected), waitlisted=decisions.count(Decision.WAITLISTED),
        not_selected=decisions.count(Decision.NOT_SELECTED), participants=sum(e.team_size for e in selected),
        max_participants=call.max_participants, target_teams=call.target_teams,
    )


def _entry(evaluation, call, criteria, result, questions):
    eoi = evaluation.eoi
    eoi.call = call  # the call with its prefetched questions and profiles
    members = eoi_members(eoi)
    answers = {a.question_id: a.text for a in eoi.answers.all()}
    summaries = []
    for question in questions:
        text = answers.get(question.pk, "")
        summary = Truncator(text).words(ANSWER_SUMMARY_WORDS)
        summaries.append((question, summary, summary != text))
    reviews = []
    for review in evaluation.counted_reviews:
        scores = {s.criterion_id: s for s in review.scores.all()}
        reviews.append(ReviewEntry(
            reviewer=str(review.reviewer), total=review_total_of(review, criteria),
            scores=[(c, scores[c.pk].value if c.pk in scores else None,
                     scores[c.pk].comment if c.pk in scores else "") for c in criteria],
        ))
    checks = sorted(evaluation.checks.all(), key=lambda check: EligibilityItem.values.index(check.item))
    return EOIEntry(
        evaluation=evaluation, eoi=eoi, country_name=str(eoi.country.name), result=result,
        criterion_means=[(c, result.criterion_means.get(c.pk) if result else None) for c in criteria],
        reviews=reviews, members=members, composition=eoi_composition(eoi, members),
        confirmations=confirmation_summary(members), answers=summaries, checks=checks,
    )


def selection_report_data(call):
    """Everything the selection report of `call` shows (`call` from `call_for_report()`)."""
    settings = settings_or_default(call)
    criteria = call_criteria(call)
    evaluations = _evaluations(call)
    results, _figures_by_review = call_results(call, criteria, threshold=settings.disagreement_threshold)
    questions = text_questions(call)
    entries = [_entry(e, call, criteria, results.get(e.pk), questions) for e in evaluations]
    # The ranking page's rule: eligible EOIs with a mean, best first, ties by the older evaluation.
    ranked = sorted((e for e in entries if e.result is not None and e.evaluation.eligible),
                    key=lambda e: (-e.result.mean, e.evaluation.pk))
    for position, entry in enumerate(ranked, start=1):
        entry.rank = position
    others = sorted((e for e in entries if e.rank is None), key=lambda e: e.country_name)
    reviewers = [
        Reviewer(name=str(row["reviewer__full_name"] or row["reviewer__email"]), assigned=row["assigned"],
                 submitted=row["submitted"])
        for row in Assignment.objects.filter(evaluation__eoi__call=call, evaluation__eoi__status__in=EOIStatus.RECEIVED)
        .values("reviewer_id", "reviewer__full_name", "reviewer__email")
        .annotate(assigned=Count("pk", distinct=True), submitted=Count(
            "evaluation__reviews", filter=Q(evaluation__reviews__reviewer_id=F("reviewer_id"),
                                            evaluation__reviews__state=ReviewState.SUBMITTED), distinct=True))
        .order_by("reviewer__full_name", "reviewer_id")
    ]
    conflicts = list(
        Conflict.objects.filter(country__eois__call=call, country__eois__status__in=EOIStatus.RECEIVED)
        .select_related("reviewer", "country").distinct().order_by("reviewer__full_name", "country__code")
    )
    letters = letters_as_sent(e.pk for e in evaluations)  # none before the decisions are final
    for entry in entries:
        entry.letter = letters.get(entry.evaluation.pk)
    return SelectionReportData(
        call=call, settings=settings, criteria=criteria,
        factors=list(selection_factors(call)),
        figures=_figures(call, evaluations, results), reviewers=reviewers, conflicts=conflicts,
        entries=ranked + others, final=settings.is_final,
    )


# --- The per-EOI record ---------------------------------------------------------------------


def eoi_for_record():
    """EOIs with what their PDF record reads: the call's questions and profiles, the answers,
    the team, and the evaluation (its decision is shown once final)."""
    return ExpressionOfInterest.objects.select_related(
        "call__evaluation_settings", "country", "submitted_by", "evaluation",
    ).prefetch_related(
        "answers",
        Prefetch("team_members", queryset=TeamMember.objects.select_related("profile").order_by("slot")),
        Prefetch("call__questions", queryset=Question.objects.order_by("order", "pk")),
        "call__profiles",
    )


@dataclass
class EOIRecord:
    eoi: ExpressionOfInterest
    answers: list  # [(question, text)]
    members: list
    decision: str | None  # the final decision's label, or None before it is final
    feedback: str
    letter: object = None  # the feedback letter as sent (outbox row), which the record quotes


def eoi_record(eoi, *, language):
    """What the country's PDF record of `eoi` (from `eoi_for_record()`) shows, in `language`."""
    answers = {a.question_id: a.text for a in eoi.answers.all()}
    evaluation = getattr(eoi, "evaluation", None)
    final = evaluation is not None and evaluation.state in EvaluationState.FINAL
    return EOIRecord(
        eoi=eoi, answers=[(q, answers.get(q.pk, "")) for q in text_questions(eoi.call)], members=eoi_members(eoi),
        decision=EvaluationState(evaluation.state).label if final else None,
        feedback=evaluation.feedback_in(language) if final else "",
        letter=letters_as_sent([evaluation.pk]).get(evaluation.pk) if final else None,
    )


def call_eoi_records(call):
    """The EOIs whose records go into the call's dossier: every EOI submitted (or withdrawn after)."""
    return eoi_for_record().filter(call=call, status__in=EOIStatus.HAS_SUBMISSION).order_by("country__code")
