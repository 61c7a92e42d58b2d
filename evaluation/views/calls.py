from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View

from jln_portal.permissions import PermissionRequiredMixin
from reports.exports import FORMATS, table_response
from reports.services import download_record

from .. import exports, services
from ..forms import AssignmentForm, EvaluationSettingsForm
from ..models import Assignment
from ..selectors.common import call_criteria, eois_waiting, selection_factors
from ..selectors.lists import assignment_matrix, call_overview, calls_for_evaluation
from ..selectors.ranking import ranking, ranking_page
from .base import CallPageMixin


class CallListView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation.list_calls"
    template_name = "evaluation/call_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(calls=calls_for_evaluation(), **kwargs)


class CallEvaluationView(CallPageMixin, TemplateView):
    """The manager's overview of a call's review: every EOI, its eligibility, reviewers and state."""

    permission_required = "evaluation.manage_call"
    template_name = "evaluation/call.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            evaluations=call_overview(self.call), waiting=eois_waiting(self.call).count(), **kwargs,
        )


class StartReviewView(CallPageMixin, View):
    permission_required = "evaluation.manage_call"

    def post(self, request, call_pk):
        try:
            created = services.evaluations_start(call=self.call, by=request.user)
        except services.EvaluationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, ngettext(
                "%(count)s expression of interest is now under review.",
                "%(count)s expressions of interest are now under review.", len(created),
            ) % {"count": len(created)})
        return redirect("evaluation:call", call_pk=self.call.pk)


class CallSettingsView(CallPageMixin, FormView):
    permission_required = "evaluation.manage_call"
    template_name = "evaluation/call_settings.html"
    form_class = EvaluationSettingsForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": services.evaluation_settings_for(self.call)}

    def form_valid(self, form):
        try:
            services.evaluation_settings_save(settings=form.instance, by=self.request.user, **form.cleaned_data)
        except services.EvaluationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Settings saved."))
        return redirect("evaluation:call", call_pk=self.call.pk)


class CriteriaView(CallPageMixin, TemplateView):
    """The call's criteria with their rubric, and its selection factors."""

    permission_required = "evaluation.view_criteria"
    template_name = "evaluation/criteria.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            criteria=call_criteria(self.call), factors=selection_factors(self.call), **kwargs,
        )


class AssignmentsView(CallPageMixin, FormView):
    """Who reviews what: assign facilitators to every EOI or a balanced share each."""

    permission_required = "evaluation.manage_call"
    template_name = "evaluation/assignments.html"
    form_class = AssignmentForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(evaluations=assignment_matrix(self.call), **kwargs)

    def form_valid(self, form):
        try:
            created = services.assignments_make(
                call=self.call, reviewers=list(form.cleaned_data["reviewers"]), mode=form.cleaned_data["mode"],
                per_eoi=form.cleaned_data["per_eoi"], by=self.request.user,
            )
        except services.EvaluationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, ngettext(
            "%(count)s assignment made.", "%(count)s assignments made.", len(created)) % {"count": len(created)})
        return redirect("evaluation:assignments", call_pk=self.call.pk)


class AssignmentRemoveView(PermissionRequiredMixin, View):
    permission_required = "evaluation.manage_call"

    def get_permission_object(self):
        self.assignment = get_object_or_404(
            Assignment.objects.select_related("evaluation__eoi__call__evaluation_settings", "reviewer"),
            pk=self.kwargs["pk"],
        )
        return self.assignment.evaluation.eoi.call

    def post(self, request, pk):
        try:
            services.assignment_remove(assignment=self.assignment, by=request.user)
        except services.EvaluationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Assignment removed."))
        return redirect("evaluation:assignments", call_pk=self.assignment.evaluation.eoi.call_id)


class RankingView(CallPageMixin, TemplateView):
    """Mean, spread, disagreement, per-criterion means and (optionally) normalised
    scores of the EOIs the user may see, with filters and sorting, 25 a page."""

    permission_required = "evaluation.view_ranking"
    template_name = "evaluation/ranking.html"

    def get_context_data(self, **kwargs):
        data = ranking(self.call, self.settings, self.request.user, self.request.GET)
        page = ranking_page(data.rows, self.request.GET.get("page"))
        return super().get_context_data(
            filter=data.filter, rows=page.object_list, page_obj=page, is_paginated=page.has_other_pages(),
            criteria=data.criteria, normalised=data.normalised,
            figure_columns=len(data.criteria) + 3 + int(data.normalised), **kwargs,
        )


class RankingExportView(CallPageMixin, View):
    """The ranking as a CSV or XLSX file: every row with the page's filters and sort (its links
    carry the page's query string)."""

    permission_required = "evaluation.view_ranking"

    def get(self, request, call_pk, file_format):
        if file_format not in FORMATS:
            raise Http404
        data = ranking(self.call, self.settings, request.user, request.GET)
        table = exports.ranking_table(data.rows, data.criteria, normalised=data.normalised)
        filename = f"{self.call.slug}-{slugify(table.title)}"
        download_record(by=request.user, kind="ranking_export", object_id=self.call.pk, name=f"{filename}.{file_format}")
        return table_response(table, filename=filename, file_format=file_format)
