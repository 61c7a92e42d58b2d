"""One EOI under review: the review page (answers, team and composition beside
the scoring form), eligibility overrides, clarification requests, the decision
with its feedback, and the audit history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from .. import eligibility, services
from ..forms import ClarificationForm, DecisionForm, EligibilityOverrideForm, ReviewForm
from ..selectors.feedback import comments_not_drafted
from ..selectors.history import evaluation_history
from ..selectors.staleness import staleness_by_evaluation
from ..services.feedback_text import drafted_from_now, sign_drafted_from, unsign_drafted_from
from ..selectors.review_page import evaluation_for_page, evaluation_for_save, review_page
from .base import EvaluationPageMixin, base_url
from .panel_tools import CapacityWarningMixin


class EvaluationView(EvaluationPageMixin, TemplateView):
    """The review page; a POST saves the user's review (a draft, or submitted)."""

    template_name = "evaluation/evaluation.html"

    @property
    def action_permission(self):
        return "evaluation.review_eoi" if self.request.method == "POST" else None

    def get_queryset(self):
        if self.request.method == "POST":  # the save; the page is read only if it is shown again
            return evaluation_for_save()
        return evaluation_for_page(self.request.user)

    def get_context_data(self, form=None, **kwargs):
        if self.request.method == "POST":  # a save refused: the page is shown with its errors
            self.evaluation = evaluation_for_page(self.request.user).get(pk=self.evaluation.pk)
        user, evaluation = self.request.user, self.evaluation
        page = review_page(evaluation, user, see_all=user.has_perm("evaluation.see_all_scores", evaluation))
        can_review = user.has_perm("evaluation.review_eoi", evaluation)
        if form is None and can_review:
            form = ReviewForm(criteria=page.criteria, initial=ReviewForm.initial_from(page.own))
        return super().get_context_data(
            page=page, review=page.own, form=form if can_review else None,
            can_override=user.has_perm("evaluation.override_eligibility", evaluation),
            can_ask=user.has_perm("evaluation.ask_clarification", evaluation),
            can_edit_feedback=user.has_perm("evaluation.edit_feedback", evaluation),
            can_see_history=user.has_perm("evaluation.view_history", evaluation),
            clarifications=list(evaluation.clarifications.all()), **kwargs,
        )

    def post(self, request, pk):
        form = ReviewForm(request.POST, criteria=list(self.evaluation.eoi.call.criteria.all()))
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                services.review_save(
                    evaluation=self.evaluation, reviewer=request.user, entries=form.entries(),
                    panel_note=form.cleaned_data["panel_note"], submit=submit,
                )
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    for message in messages_:
                        form.add_error(field, message)
            except services.EvaluationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Review submitted.") if submit else _("Draft saved."))
                return redirect("evaluation:evaluation", pk=self.evaluation.pk)
        return self.render_to_response(self.get_context_data(form=form))


class EligibilityOverrideView(EvaluationPageMixin, FormView):
    template_name = "evaluation/eligibility_override.html"
    form_class = EligibilityOverrideForm
    action_permission = "evaluation.override_eligibility"

    def get_check(self):
        return get_object_or_404(self.evaluation.checks, item=self.kwargs["item"])

    def get_initial(self):
        check = self.get_check()
        met = {None: "", True: "yes", False: "no"}[check.override]
        return {"met": met, "reason": check.override_reason}

    def get_context_data(self, **kwargs):
        check = self.get_check()
        check.description = eligibility.describe(check.item, check.facts, passed=check.passed, call=self.evaluation.eoi.call)
        return super().get_context_data(check=check, **kwargs)

    def form_valid(self, form):
        check = self.get_check()
        check.evaluation = self.evaluation
        try:
            services.eligibility_override(check=check, met=form.met_value, reason=form.cleaned_data["reason"],
                                          by=self.request.user)
        except services.EvaluationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Eligibility updated."))
        return redirect("evaluation:evaluation", pk=self.evaluation.pk)


class ClarificationAskView(EvaluationPageMixin, FormView):
    template_name = "evaluation/clarification_ask.html"
    form_class = ClarificationForm
    action_permission = "evaluation.ask_clarification"

    def form_valid(self, form):
        try:
            services.clarification_ask(evaluation=self.evaluation, question=form.cleaned_data["question"],
                                       by=self.request.user, base_url=base_url(self.request))
        except services.EvaluationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Question sent to the country's focal points."))
        return redirect("evaluation:evaluation", pk=self.evaluation.pk)


class DecisionView(CapacityWarningMixin, EvaluationPageMixin, FormView):
    """The decision (manager) and the feedback to the country in both languages (the panel)."""

    template_name = "evaluation/decision.html"
    form_class = DecisionForm
    action_permission = "evaluation.edit_feedback"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "evaluation": self.evaluation,
                "can_decide": self.request.user.has_perm("evaluation.decide", self.evaluation)}

    def get_initial(self):
        evaluation = self.evaluation
        initial = {"decision": evaluation.decision, "feedback_en": evaluation.feedback_en,
                   "feedback_fr": evaluation.feedback_fr, "feedback_version": evaluation.feedback_version}
        if not evaluation.feedback_en.strip() or not evaluation.feedback_fr.strip():
            texts = services.evaluations.feedback_texts(evaluation)
            initial["feedback_en"] = evaluation.feedback_en or texts["en"]
            initial["feedback_fr"] = evaluation.feedback_fr or texts["fr"]
            initial["drafted_from"] = sign_drafted_from(drafted_from_now(evaluation))
        return initial

    def get_context_data(self, conflict=None, **kwargs):
        return super().get_context_data(
            conflict=conflict or {}, staleness=staleness_by_evaluation([self.evaluation])[self.evaluation.pk],
            left_out=comments_not_drafted(self.evaluation), **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "regenerate" in request.POST:
            services.evaluation_feedback_prefill(evaluation=self.evaluation, by=request.user, force=True)
            messages.success(request, _("The feedback was written again from the scores and comments."))
            return redirect("evaluation:decision", pk=self.evaluation.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data, user = form.cleaned_data, self.request.user
        try:
            shared = {"drafted_from": unsign_drafted_from(data["drafted_from"])}
            if "decision" in form.fields:
                services.decision_set(evaluation=self.evaluation, decision=data["decision"], by=user,
                                      feedback_en=data["feedback_en"], feedback_fr=data["feedback_fr"],
                                      feedback_version=data["feedback_version"], **shared)
            else:
                services.evaluation_feedback_save(evaluation=self.evaluation, feedback_en=data["feedback_en"],
                                                  feedback_fr=data["feedback_fr"], by=user,
                                                  version=data["feedback_version"], **shared)
        except services.FeedbackConflict as error:
            return self.render_conflict(form, error.current)
        except services.EvaluationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Decision and feedback saved."))
        return redirect("evaluation:decision", pk=self.evaluation.pk)

    def render_conflict(self, form, current):
        """The person's text stays in the form; beside each text that differs, the one now saved.
        The form now carries the saved version: saving again (after combining) is accepted."""
        data = form.data.copy()
        data["feedback_version"] = current.feedback_version
        data["drafted_from"] = ""
        bound = self.get_form_class()(data=data, **{k: v for k, v in self.get_form_kwargs().items() if k != "data"})
        conflict = {name: getattr(current, name) for name in ("feedback_en", "feedback_fr")
                    if getattr(current, name).strip() != (form.cleaned_data.get(name) or "").strip()}
        bound.is_valid()
        return self.render_to_response(self.get_context_data(form=bound, conflict=conflict, current=current),
                                       status=409)


class EvaluationHistoryView(EvaluationPageMixin, TemplateView):
    action_permission = "evaluation.view_history"
    template_name = "evaluation/history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(entries=evaluation_history(self.evaluation), **kwargs)
