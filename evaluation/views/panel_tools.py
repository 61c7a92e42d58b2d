"""The panel's tools for its meeting: the raw scores of a call as a spreadsheet, the
side-by-side matrix of one EOI's reviews, and the progress of the reviews per facilitator.
Who sees what is rules.py's (`evaluation.see_all_scores`, `evaluation.manage_call`)."""

from django.http import Http404
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from reports.exports import FORMATS, table_response
from reports.services import download_record

from .. import exports
from ..enums import Decision, EvaluationState
from ..selectors.common import call_criteria, settings_or_default
from ..selectors.panel import capacity_with_decision
from ..selectors.panel_tools import raw_scores, review_matrix, review_progress
from .base import CallPageMixin, EvaluationPageMixin


class RawScoresExportView(CallPageMixin, View):
    """Every submitted score of the call (reviewer × criterion × score × comment for the
    country), as CSV or XLSX: for a facilitator, only the EOIs whose reviews they may see."""

    permission_required = "evaluation.view_ranking"

    def get(self, request, call_pk, file_format):
        if file_format not in FORMATS:
            raise Http404
        table = exports.raw_scores_table(raw_scores(self.call, request.user), call_criteria(self.call, rubric=False))
        filename = f"{self.call.slug}-{slugify(table.title)}"
        download_record(by=request.user, kind="raw_scores_export", object_id=self.call.pk, name=f"{filename}.{file_format}")
        return table_response(table, filename=filename, file_format=file_format)


class ReviewMatrixView(EvaluationPageMixin, TemplateView):
    """Every review of one EOI side by side, criterion by criterion: the manager's, and a
    facilitator's once the blind-review rule lets them see the others' reviews (403 before)."""

    action_permission = "evaluation.see_all_scores"
    template_name = "evaluation/review_matrix.html"

    def get_context_data(self, **kwargs):
        settings = settings_or_default(self.evaluation.eoi.call)
        return super().get_context_data(
            matrix=review_matrix(self.evaluation, settings.disagreement_threshold), settings=settings, **kwargs,
        )


class ReviewProgressView(CallPageMixin, TemplateView):
    """Per facilitator: what is assigned, drafted, submitted, and what is left (the manager's)."""

    permission_required = "evaluation.manage_call"
    template_name = "evaluation/progress.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(progress=review_progress(self.call), **kwargs)


class CapacityWarningMixin:
    """For the decision page: warns before a decision that would take the call over its
    capacity (the 11th team of 10, the 41st participant of 40), with the rule's own sentences
    (`selectors.panel.Capacity.problems`, also finalise's). Shown as soon as the page opens
    while selecting this team would exceed it; a POST selecting it is not saved until the
    manager confirms ("over_capacity"). Finalising still refuses an exceeded capacity."""

    def capacity_warning(self, decision):
        """The capacity after `decision`, when it selects this team and that exceeds the call's; else None."""
        evaluation = self.evaluation
        if decision != Decision.SELECTED or evaluation.decision == Decision.SELECTED:
            return None
        capacity = capacity_with_decision(evaluation.eoi.call, evaluation, decision)
        return capacity if capacity.exceeded else None

    def get_context_data(self, **kwargs):
        evaluation = self.evaluation
        if ("capacity_warning" not in kwargs and evaluation.state == EvaluationState.SHORTLISTED
                and self.request.user.has_perm("evaluation.decide", evaluation)):
            kwargs["capacity_if_selected"] = self.capacity_warning(Decision.SELECTED)
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if "decision" in request.POST and not request.POST.get("over_capacity"):
            form = self.get_form()
            if form.is_valid() and "decision" in form.fields:
                capacity = self.capacity_warning(form.cleaned_data["decision"])
                if capacity is not None:
                    return self.render_to_response(self.get_context_data(
                        form=form, capacity_warning=capacity,
                        posted=[(name, value) for name in request.POST if name != "csrfmiddlewaretoken"
                                for value in request.POST.getlist(name)],
                    ))
        return super().post(request, *args, **kwargs)
