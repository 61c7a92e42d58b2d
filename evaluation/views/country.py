"""The focal point's side: their EOIs' status as the country sees it, and the
reviewers' questions to answer. Never reviews or scores."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from jln_portal.permissions import PermissionRequiredMixin, get_object_for_action

from .. import services
from ..forms import AnswerForm
from ..models import ClarificationRequest
from ..selectors.lists import country_evaluations, country_facing_status
from .base import base_url


class CountryReviewsView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation.view_country_reviews"
    template_name = "evaluation/country_reviews.html"

    def get_context_data(self, **kwargs):
        evaluations = list(country_evaluations(self.request.user))
        for evaluation in evaluations:
            evaluation.country_status = country_facing_status(evaluation.eoi)
        return super().get_context_data(evaluations=evaluations, **kwargs)


class ClarificationAnswerView(PermissionRequiredMixin, FormView):
    """A focal point's answer to a question about their country's EOI: 404 for whoever may not
    see the question, 403 once it is answered or the decisions are final."""

    permission_required = "evaluation.view_clarification_as_country"
    template_name = "evaluation/clarification_answer.html"
    form_class = AnswerForm

    def get_permission_object(self):
        self.clarification = get_object_for_action(
            self.request.user, "evaluation.answer_clarification", self.permission_required,
            ClarificationRequest.objects.select_related(
                "evaluation__eoi__country", "evaluation__eoi__call__evaluation_settings"
            ),
            pk=self.kwargs["pk"],
        )
        return self.clarification

    def get_context_data(self, **kwargs):
        return super().get_context_data(clarification=self.clarification, eoi=self.clarification.evaluation.eoi,
                                        **kwargs)

    def form_valid(self, form):
        try:
            services.clarification_answer(clarification=self.clarification, answer=form.cleaned_data["answer"],
                                          by=self.request.user, base_url=base_url(self.request))
        except services.EvaluationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you: your answer has been sent to the reviewers."))
        return redirect("evaluation:country_reviews")
