from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from jln_portal.permissions import PermissionRequiredMixin

from .. import services
from ..forms import ConflictForm
from ..models import Conflict
from ..selectors.lists import conflicts_for, facilitator_assignments


class FacilitatorHomeView(PermissionRequiredMixin, TemplateView):
    """A facilitator's home: the EOIs assigned to them and the state of their review."""

    permission_required = "evaluation.view_facilitator_home"
    template_name = "evaluation/home.html"

    def get_context_data(self, **kwargs):
        assignments = list(facilitator_assignments(self.request.user))
        for assignment in assignments:
            assignment.own_review = next(iter(assignment.evaluation.own_reviews), None)
        return super().get_context_data(assignments=assignments, **kwargs)


class ConflictListView(PermissionRequiredMixin, FormView):
    """Conflicts of interest: a facilitator declares their own; the manager sees and records everyone's."""

    permission_required = "evaluation.declare_conflict"
    template_name = "evaluation/conflicts.html"
    form_class = ConflictForm

    @property
    def for_manager(self):
        return self.request.user.has_perm("evaluation.manage_conflicts")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_manager": self.for_manager}

    def get_context_data(self, **kwargs):
        return super().get_context_data(conflicts=conflicts_for(self.request.user), **kwargs)

    def form_valid(self, form):
        reviewer = form.cleaned_data.get("reviewer") or self.request.user
        try:
            services.conflict_declare(
                reviewer=reviewer, country=form.cleaned_data["country"], reason=form.cleaned_data["reason"],
                by=self.request.user,
            )
        except services.EvaluationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Conflict of interest recorded."))
        return redirect("evaluation:conflicts")


class ConflictRemoveView(PermissionRequiredMixin, View):
    permission_required = "evaluation.manage_conflicts"

    def post(self, request, pk):
        conflict = get_object_or_404(Conflict.objects.select_related("reviewer"), pk=pk)
        try:
            services.conflict_remove(conflict=conflict, by=request.user)
        except services.EvaluationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Conflict of interest removed."))
        return redirect("evaluation:conflicts")
