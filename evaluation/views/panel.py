"""The panel's pages about a call: the shortlist with the suggested selection,
the decisions with their feedback, and the confirmation before finalising."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from .. import reasons, services
from ..enums import EvaluationState
from ..forms import ReopenDecisionsForm, ShortlistForm
from ..selectors.common import evaluations_of_call, sort_by_evaluation_country
from ..selectors.panel import capacity_of, decision_evaluations, shortlist_data, to_be_selected
from ..selectors.history import call_history
from ..selectors.staleness import finalise_warnings, staleness_by_evaluation
from .base import CallPageMixin


class ShortlistView(CallPageMixin, TemplateView):
    permission_required = "evaluation.manage_call"
    template_name = "evaluation/shortlist.html"

    def get_context_data(self, form=None, **kwargs):
        data = shortlist_data(self.call, self.settings, self.request.user)
        evaluations = [row.evaluation for row in data.rows]
        form = form or ShortlistForm(
            evaluations=evaluations,
            initial={"shortlisted": [e.pk for e in evaluations if e.state == EvaluationState.SHORTLISTED]},
        )
        suggestion = data.suggestion
        explanations, notes, chosen = {}, [], set()
        if suggestion is not None:
            chosen = set(suggestion.chosen)
            for decision in suggestion.decisions:
                explanations[decision.candidate_id] = [reasons.say(r, data.names) for r in decision.reasons]
            notes = [reasons.say(r, data.names) for r in suggestion.notes]
        checked = {str(pk) for pk in form["shortlisted"].value() or []}
        for row in data.rows:
            row.suggested = row.evaluation.pk in chosen
            row.explanation = explanations.get(row.evaluation.pk, [])
            row.checked = str(row.evaluation.pk) in checked
        return super().get_context_data(
            data=data, form=form, suggestion=suggestion, notes=notes, final=self.settings.is_final, **kwargs
        )

    def post(self, request, call_pk):
        try:
            if "accept" in request.POST:
                services.shortlist_accept_suggestion(call=self.call, by=request.user)
            else:
                evaluations = evaluations_of_call(self.call).filter(state__in=EvaluationState.OPEN)
                form = ShortlistForm(request.POST, evaluations=evaluations)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                services.shortlist_set(call=self.call, shortlisted_ids=form.cleaned_data["shortlisted"], by=request.user)
        except services.EvaluationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Shortlist saved."))
        return redirect("evaluation:shortlist", call_pk=self.call.pk)


class DecisionsView(CallPageMixin, TemplateView):
    """The decisions and their feedback; once final, a read-only view of the record with its
    notes, and the manager's "reopen the decisions"."""

    permission_required = "evaluation.manage_call"
    template_name = "evaluation/decisions.html"

    def get_context_data(self, reopen_form=None, **kwargs):
        evaluations = sort_by_evaluation_country(decision_evaluations(self.call))
        can_reopen = self.request.user.has_perm("evaluation.reopen_decisions", self.call)
        return super().get_context_data(
            evaluations=evaluations,
            selected_capacity=capacity_of(self.call, to_be_selected(evaluations)),
            notes=services.record_notes(self.call),
            reopen_form=(reopen_form or ReopenDecisionsForm()) if can_reopen else None,
            meetings=self.call.meetings.all(),  # each one's participants (views/participants.py)
            **kwargs,
        )

    def post(self, request, call_pk):
        try:
            if "not_selected_rest" in request.POST:
                count = len(services.decisions_not_selected_rest(call=self.call, by=request.user))
                messages.success(request, ngettext(
                    "%(count)s expression of interest marked as not selected.",
                    "%(count)s expressions of interest marked as not selected.", count,
                ) % {"count": count})
            elif "prefill" in request.POST:
                services.evaluations_feedback_prefill(call=self.call, by=request.user)
                messages.success(request, _("Empty feedback filled in from the criteria, scores and comments."))
        except services.EvaluationError as error:
            messages.error(request, error.message)
        return redirect("evaluation:decisions", call_pk=self.call.pk)


class DecisionsReopenView(DecisionsView):
    """The manager reopens a finalised call's decisions, with a reason (services.decisions_reopen)."""

    permission_required = "evaluation.reopen_decisions"
    http_method_names = ["post"]

    def post(self, request, call_pk):
        form = ReopenDecisionsForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(reopen_form=form))
        try:
            note = services.decisions_reopen(call=self.call, reason=form.cleaned_data["reason"], by=request.user)
        except services.EvaluationError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(reopen_form=form))
        messages.success(request, ngettext(
            "The decisions are open again. %(count)s letter already sent is flagged as sent before reopening.",
            "The decisions are open again. %(count)s letters already sent are flagged as sent before reopening.",
            note.letters_flagged,
        ) % {"count": note.letters_flagged})
        return redirect("evaluation:decisions", call_pk=self.call.pk)


class CallHistoryView(CallPageMixin, TemplateView):
    """Who changed what and when, across every EOI of the call (the manager's)."""

    permission_required = "evaluation.manage_call"
    template_name = "evaluation/call_history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(entries=call_history(self.call), **kwargs)


class FinaliseView(CallPageMixin, TemplateView):
    """Every decision and its feedback, listed for confirmation before they become final."""

    permission_required = "evaluation.manage_call"
    template_name = "evaluation/finalise.html"

    def get_context_data(self, problems=None, **kwargs):
        evaluations = sort_by_evaluation_country(decision_evaluations(self.call))
        if problems is None and not self.settings.is_final:
            problems = services.finalise_problems(self.call, evaluations)
        stale = staleness_by_evaluation(evaluations)
        for evaluation in evaluations:
            evaluation.staleness = stale[evaluation.pk]
        return super().get_context_data(
            evaluations=evaluations, problems=problems or [],
            warnings=finalise_warnings(evaluations, stale) if not self.settings.is_final else [],
            selected_capacity=capacity_of(self.call, to_be_selected(evaluations)), **kwargs,
        )

    def post(self, request, call_pk):
        try:
            services.evaluation_finalise_call(call=self.call, by=request.user)
        except services.FinaliseBlocked as blocked:
            messages.error(request, blocked.message)
            return self.render_to_response(self.get_context_data(problems=blocked.problems))
        except services.EvaluationError as error:
            messages.error(request, error.message)
            return redirect("evaluation:finalise", call_pk=self.call.pk)
        messages.success(request, _("The decisions are final. Reviews can no longer be changed."))
        return redirect("evaluation:call", call_pk=self.call.pk)
