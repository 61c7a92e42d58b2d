"""The panel's pages about a call: the shortlist with the suggested selection,
the decisions with their feedback, and the confirmation before finalising."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from .. import reasons, selectors, services
from ..enums import Decision, EvaluationState
from ..forms import ShortlistForm
from .base import CallPageMixin


class ShortlistView(CallPageMixin, TemplateView):
    permission_required = "evaluation.manage_call"
    template_name = "evaluation/shortlist.html"

    def get_context_data(self, form=None, **kwargs):
        data = selectors.shortlist_data(self.call, self.settings, self.request.user)
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
        if "accept" in request.POST:
            data = selectors.shortlist_data(self.call, self.settings, request.user)
            if data.suggestion is None or not data.suggestion.feasible:
                messages.error(request, _("There is no suggested selection to accept."))
                return redirect("evaluation:shortlist", call_pk=self.call.pk)
            ids = list(data.suggestion.chosen)
        else:
            evaluations = selectors.evaluations_of_call(self.call).filter(state__in=EvaluationState.OPEN)
            form = ShortlistForm(request.POST, evaluations=evaluations)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form))
            ids = form.cleaned_data["shortlisted"]
        try:
            services.shortlist_set(call=self.call, shortlisted_ids=ids, by=request.user)
            if "accept" in request.POST:
                for evaluation in selectors.evaluations_of_call(self.call).filter(pk__in=ids):
                    services.decision_set(evaluation=evaluation, decision=Decision.SELECTED, by=request.user)
        except services.EvaluationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Shortlist saved."))
        return redirect("evaluation:shortlist", call_pk=self.call.pk)


class DecisionsView(CallPageMixin, TemplateView):
    permission_required = "evaluation.manage_call"
    template_name = "evaluation/decisions.html"

    def get_context_data(self, **kwargs):
        evaluations = selectors.sort_by_evaluation_country(selectors.decision_evaluations(self.call))
        return super().get_context_data(
            evaluations=evaluations,
            selected_capacity=selectors.capacity_of(self.call, selectors.to_be_selected(evaluations)),
            **kwargs,
        )

    def post(self, request, call_pk):
        evaluations = [e for e in selectors.decision_evaluations(self.call) if e.is_open]
        try:
            if "not_selected_rest" in request.POST:
                undecided = [e for e in evaluations if not e.decision and e.state == EvaluationState.UNDER_REVIEW]
                for evaluation in undecided:
                    services.decision_set(evaluation=evaluation, decision=Decision.NOT_SELECTED, by=request.user)
                messages.success(request, ngettext(
                    "%(count)s expression of interest marked as not selected.",
                    "%(count)s expressions of interest marked as not selected.", len(undecided),
                ) % {"count": len(undecided)})
            elif "prefill" in request.POST:
                for evaluation in evaluations:
                    services.evaluation_feedback_prefill(evaluation=evaluation, by=request.user)
                messages.success(request, _("Empty feedback filled in from the criteria, scores and comments."))
        except services.EvaluationError as error:
            messages.error(request, error.message)
        return redirect("evaluation:decisions", call_pk=self.call.pk)


class FinaliseView(CallPageMixin, TemplateView):
    """Every decision and its feedback, listed for confirmation before they become final."""

    permission_required = "evaluation.manage_call"
    template_name = "evaluation/finalise.html"

    def get_context_data(self, problems=None, **kwargs):
        evaluations = selectors.sort_by_evaluation_country(selectors.decision_evaluations(self.call))
        if problems is None and not self.settings.is_final:
            problems = selectors.finalise_problems(self.call, evaluations)
        return super().get_context_data(
            evaluations=evaluations, problems=problems or [],
            selected_capacity=selectors.capacity_of(self.call, selectors.to_be_selected(evaluations)), **kwargs,
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
