"""The evaluation of each submitted EOI: starting it, its eligibility, the
shortlist, the decisions and their feedback, and finalising a call.

`evaluation_transition` is the only function that changes an evaluation's
state; it checks `EVALUATION_TRANSITIONS` and records who did it.
"""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eoi.enums import EOIStatus

from .. import eligibility
from ..enums import EVALUATION_TRANSITIONS, Decision, EvaluationState
from ..feedback import build_feedback
from ..models import EligibilityCheck, Evaluation
from ..selectors.common import eoi_for_checks, eois_waiting, settings_or_default
from ..selectors.feedback import feedback_parts
from ..selectors.panel import capacity_of, decision_evaluations, shortlist_data, to_be_selected
from .criteria import evaluation_settings_for, review_start_time
from .errors import AlreadyFinal, CallFinalised, FinaliseBlocked, NotAllowed, NotEligible, TransitionNotAllowed
from .feedback_text import drafted_from_now, feedback_write
from .record import refuse_if_call_final

NEEDS_ELIGIBILITY = {EvaluationState.SHORTLISTED, EvaluationState.SELECTED, EvaluationState.WAITLISTED}


def _save(instance, by, fields):
    instance._history_user = by
    instance.save(update_fields=fields)


def _locked(evaluation):
    """The evaluation as it is in the database now, locked for this transaction
    (a caller's instance may be stale)."""
    return Evaluation.objects.select_for_update(of=("self",)).select_related(
        "eoi__call__evaluation_settings", "eoi__country"
    ).get(pk=evaluation.pk)


def _copy_back(fresh, original, fields):
    """Let the caller's instance see what was saved."""
    if original is not fresh:
        for name in fields:
            setattr(original, name, getattr(fresh, name))


def _refuse_if_final(evaluation):
    if not evaluation.is_open:
        raise AlreadyFinal


def _refuse_unless_may_draft(evaluation, by):
    """The feedback is made from every reviewer's work: the blind-review rule
    (rules.may_draft_feedback) decides who may draft or edit it, and from when."""
    if by is not None and not by.has_perm("evaluation.edit_feedback", evaluation):
        raise NotAllowed(_("You may write the feedback once your own review of this expression of interest is submitted."))


@transaction.atomic
def evaluation_transition(*, evaluation, to, by):
    """Move `evaluation` to state `to` along an allowed arrow, never skipping one."""
    original, evaluation = evaluation, _locked(evaluation)
    if settings_or_default(evaluation.eoi.call).is_final:  # finalising moves them before it sets the time
        raise CallFinalised
    if to not in EVALUATION_TRANSITIONS.get(evaluation.state, ()):
        raise TransitionNotAllowed(
            _("An expression of interest cannot go from “%(from)s” to “%(to)s”.")
            % {"from": EvaluationState(evaluation.state).label, "to": EvaluationState(to).label}
        )
    if to in NEEDS_ELIGIBILITY and not evaluation.eligible:
        raise NotEligible
    fields = ["state", "updated_at"]
    if to in EvaluationState.FINAL:
        evaluation.decision = to
        fields.append("decision")
    elif to == EvaluationState.UNDER_REVIEW and evaluation.decision != Decision.NOT_SELECTED:
        evaluation.decision = ""  # no longer shortlisted: only "not selected" remains possible
        fields.append("decision")
    evaluation.state = to
    evaluation.updated_at = timezone.now()
    _save(evaluation, by, fields)
    _copy_back(evaluation, original, fields)
    return evaluation


@transaction.atomic
def evaluations_start(*, call, by):
    """Put every submitted EOI of `call` under review (once) and run its
    eligibility checklist. Returns the evaluations created."""
    settings = evaluation_settings_for(call)
    if settings.is_final:
        raise AlreadyFinal
    review_start_time(settings)
    waiting = eoi_for_checks().filter(
        call=call, status__in=EOIStatus.RECEIVED, evaluation__isnull=True
    )
    created = []
    for eoi in waiting:
        evaluation = Evaluation(eoi=eoi, state=EvaluationState.UNDER_REVIEW)
        evaluation._history_user = by
        evaluation.save()
        eligibility_refresh(evaluation=evaluation, eoi=eoi, by=by)
        created.append(evaluation)
    return created


@transaction.atomic
def eligibility_refresh(*, evaluation, by, eoi=None):
    """Run the automatic checklist again (overrides are kept)."""
    original, evaluation = evaluation, _locked(evaluation)
    _refuse_if_final(evaluation)
    eoi = eoi or eoi_for_checks().get(pk=evaluation.eoi_id)
    existing = {check.item: check for check in EligibilityCheck.objects.filter(evaluation=evaluation)}
    for result in eligibility.check_eoi(eoi):
        check = existing.get(result.item)
        if check is None:
            EligibilityCheck.objects.create(
                evaluation=evaluation, item=result.item, passed=result.passed, facts=result.facts
            )
        elif (check.passed, check.facts) != (result.passed, result.facts):
            check.passed, check.facts = result.passed, result.facts
            _save(check, by, ["passed", "facts"])
    evaluation.team_size = len(eligibility.filled_members(eoi))
    _save(evaluation, by, ["team_size"])
    evaluation = _recompute_eligible(evaluation, by)
    _copy_back(evaluation, original, ["state", "eligible", "decision", "team_size", "updated_at"])
    return evaluation


@transaction.atomic
def eligibility_override(*, check, met, reason, by):
    """Set (`met` True/False) or clear (`met` None) a facilitator's or the manager's override."""
    evaluation = _locked(check.evaluation)
    _refuse_if_final(evaluation)
    reason = (reason or "").strip()
    if met is not None and not reason:
        raise NotAllowed(_("Give the reason for the override."))
    check.override = met
    check.override_reason = reason if met is not None else ""
    check.overridden_by = by if met is not None else None
    check.overridden_at = timezone.now() if met is not None else None
    _save(check, by, ["override", "override_reason", "overridden_by", "overridden_at"])
    evaluation = _recompute_eligible(evaluation, by)
    _copy_back(evaluation, check.evaluation, ["state", "eligible", "decision", "updated_at"])
    return evaluation


def _recompute_eligible(evaluation, by):
    """Eligible when every item is met; an EOI that stops being eligible leaves the shortlist."""
    eligible = all(check.met for check in EligibilityCheck.objects.filter(evaluation=evaluation))
    if eligible != evaluation.eligible:
        if not eligible and evaluation.state == EvaluationState.SHORTLISTED:
            evaluation = evaluation_transition(evaluation=evaluation, to=EvaluationState.UNDER_REVIEW, by=by)
        if not eligible and evaluation.decision in (Decision.SELECTED, Decision.WAITLISTED):
            evaluation.decision = ""
        evaluation.eligible = eligible
        evaluation.updated_at = timezone.now()
        _save(evaluation, by, ["eligible", "decision", "updated_at"])
    return evaluation


@transaction.atomic
def shortlist_set(*, call, shortlisted_ids, by):
    """Make the shortlist of `call` exactly the evaluations in `shortlisted_ids`
    (each one moved through `evaluation_transition`). Ineligible ones are refused."""
    settings = evaluation_settings_for(call)
    if settings.is_final:
        raise AlreadyFinal
    wanted = {int(pk) for pk in shortlisted_ids}
    evaluations = list(
        Evaluation.objects.select_for_update(of=("self",)).filter(eoi__call=call, state__in=EvaluationState.OPEN)
        .select_related("eoi__country")
    )
    for evaluation in evaluations:
        if evaluation.pk in wanted and evaluation.state == EvaluationState.UNDER_REVIEW:
            evaluation_transition(evaluation=evaluation, to=EvaluationState.SHORTLISTED, by=by)
        elif evaluation.pk not in wanted and evaluation.state == EvaluationState.SHORTLISTED:
            evaluation_transition(evaluation=evaluation, to=EvaluationState.UNDER_REVIEW, by=by)
    return evaluations


@transaction.atomic
def shortlist_accept_suggestion(*, call, by):
    """Make the suggested selection (`selectors.panel.shortlist_data`) the shortlist, each of its
    teams with the decision "selected". Returns the evaluations selected."""
    refuse_if_call_final(call)
    suggestion = shortlist_data(call, evaluation_settings_for(call), by).suggestion
    if suggestion is None or not suggestion.feasible:
        raise NotAllowed(_("There is no suggested selection to accept."))
    shortlist_set(call=call, shortlisted_ids=suggestion.chosen, by=by)
    chosen = Evaluation.objects.filter(eoi__call=call, pk__in=suggestion.chosen).order_by("pk")
    return [decision_set(evaluation=evaluation, decision=Decision.SELECTED, by=by) for evaluation in chosen]


ALLOWED_DECISIONS = {
    EvaluationState.UNDER_REVIEW: {"", Decision.NOT_SELECTED},
    EvaluationState.SHORTLISTED: {"", *Decision.values},
}


@transaction.atomic
def decision_set(*, evaluation, decision, by, feedback_en=None, feedback_fr=None, feedback_version=None,
                 drafted_from=None):
    """Record the decision the panel proposes (it becomes final with the call), and the
    feedback if given (`feedback_text.feedback_write`: version check, what a draft was made from)."""
    original, evaluation = evaluation, _locked(evaluation)
    _refuse_if_final(evaluation)
    if decision not in ALLOWED_DECISIONS[evaluation.state]:
        raise NotAllowed(_("Only a shortlisted expression of interest can be selected or waitlisted."))
    if decision in (Decision.SELECTED, Decision.WAITLISTED) and not evaluation.eligible:
        raise NotEligible
    evaluation.decision = decision
    evaluation.decided_by = by
    fields = ["decision", "decided_by", "updated_at"]
    if feedback_en is not None:
        fields += feedback_write(evaluation, feedback_en=feedback_en, feedback_fr=feedback_fr,
                                 version=feedback_version, drafted_from=drafted_from)
    evaluation.updated_at = timezone.now()
    _save(evaluation, by, fields)
    _copy_back(evaluation, original, fields)
    return evaluation


@transaction.atomic
def decisions_not_selected_rest(*, call, by):
    """Mark every open evaluation of `call` still under review without a decision as not selected."""
    refuse_if_call_final(call)
    undecided = [e for e in decision_evaluations(call) if e.is_open and not e.decision
                 and e.state == EvaluationState.UNDER_REVIEW]
    return [decision_set(evaluation=evaluation, decision=Decision.NOT_SELECTED, by=by) for evaluation in undecided]


@transaction.atomic
def evaluation_feedback_save(*, evaluation, feedback_en, feedback_fr, by, version=None, drafted_from=None):
    original, evaluation = evaluation, _locked(evaluation)
    _refuse_if_final(evaluation)
    _refuse_unless_may_draft(evaluation, by)
    fields = feedback_write(evaluation, feedback_en=feedback_en, feedback_fr=feedback_fr, version=version,
                            drafted_from=drafted_from)
    evaluation.updated_at = timezone.now()
    fields.append("updated_at")
    _save(evaluation, by, fields)
    _copy_back(evaluation, original, fields)
    return evaluation


def feedback_texts(evaluation, decision=None):
    """The generated feedback {"en": ..., "fr": ...} for `evaluation`."""
    parts = feedback_parts(evaluation)
    eoi = evaluation.eoi
    texts = {}
    for language in ("en", "fr"):
        with translation.override(language):
            failed = [
                eligibility.describe(check.item, check.facts, passed=False, call=eoi.call)
                if not check.is_overridden else check.override_reason
                for check in parts.failed_checks
            ]
            texts[language] = build_feedback(language=language, failed_requirements=failed, criteria=parts.criteria)
    return texts


@transaction.atomic
def evaluation_feedback_prefill(*, evaluation, by, force=False):
    """Fill the feedback in both languages from the criteria, scores and
    comments — only where it is empty, unless `force`."""
    original, evaluation = evaluation, _locked(evaluation)
    _refuse_if_final(evaluation)
    _refuse_unless_may_draft(evaluation, by)
    texts = feedback_texts(evaluation)
    fields = []
    for language in ("en", "fr"):
        name = f"feedback_{language}"
        if force or not getattr(evaluation, name).strip():
            setattr(evaluation, name, texts[language])
            fields.append(name)
    if fields:
        evaluation.feedback_drafted_from = drafted_from_now(evaluation)
        evaluation.feedback_version += 1
        evaluation.updated_at = timezone.now()
        fields += ["feedback_drafted_from", "feedback_version", "updated_at"]
        _save(evaluation, by, fields)
        _copy_back(evaluation, original, fields)
    return evaluation


@transaction.atomic
def evaluations_feedback_prefill(*, call, by):
    """`evaluation_feedback_prefill` of every open evaluation of `call` (only empty feedback)."""
    refuse_if_call_final(call)
    return [evaluation_feedback_prefill(evaluation=evaluation, by=by)
            for evaluation in decision_evaluations(call) if evaluation.is_open]


@transaction.atomic
def evaluation_finalise_call(*, call, by):
    """Make every decision of `call` final, or refuse with every problem listed."""
    settings = evaluation_settings_for(call)
    if settings.is_final:
        raise AlreadyFinal
    evaluations = list(decision_evaluations(call).select_for_update(of=("self",)))
    problems = finalise_problems(call, evaluations)
    if problems:
        raise FinaliseBlocked(problems)
    for evaluation in evaluations:
        evaluation_transition(evaluation=evaluation, to=evaluation.decision, by=by)
    settings.finalised_at = timezone.now()
    settings.finalised_by = by
    _save(settings, by, ["finalised_at", "finalised_by"])
    call.evaluation_settings = settings  # the caller's evaluations of `call` are no longer open
    return evaluations


def finalise_problems(call, evaluations):
    """Every reason the call's decisions cannot be made final yet (translated sentences)."""
    problems = []
    if not evaluations:
        problems.append(_("No expression of interest is under review."))
    waiting = eois_waiting(call).count()
    if waiting:
        problems.append(_("%(count)s submitted expression(s) of interest are not under review yet.") % {"count": waiting})
    for evaluation in sorted(evaluations, key=lambda e: str(e.eoi.country.name)):
        country = evaluation.eoi.country.name
        if not evaluation.decision:
            problems.append(_("%(country)s: no decision yet.") % {"country": country})
        if not evaluation.feedback_en.strip() or not evaluation.feedback_fr.strip():
            problems.append(_("%(country)s: the feedback must be written in English and in French.") % {"country": country})
    problems += capacity_of(call, to_be_selected(evaluations)).problems()
    return problems

