"""What the evaluation's views share: finding the call or the evaluation a page is about
through jln_portal/permissions.py (404 when the user may not see it, 403 when they may see it
but not do the page's action)."""

from django.shortcuts import get_object_or_404

from eoi.models import Call
from jln_portal.permissions import PermissionRequiredMixin, get_object_for_action

from ..selectors.common import evaluation_for_permission, settings_or_default


def base_url(request):
    return request.build_absolute_uri("/")[:-1]


class CallPageMixin(PermissionRequiredMixin):
    """A page about one call (`call_pk`), with its evaluation settings."""

    def get_permission_object(self):
        self.call = get_object_or_404(Call.objects.select_related("evaluation_settings"), pk=self.kwargs["call_pk"])
        self.settings = settings_or_default(self.call)
        return self.call

    def get_context_data(self, **kwargs):
        return super().get_context_data(call=self.call, settings=self.settings, **kwargs)


class EvaluationPageMixin(PermissionRequiredMixin):
    """A page about one EOI under review (`pk` of its evaluation): 404 for whoever
    may not see it; 403 for whoever may see it but not do `action_permission`."""

    permission_required = "evaluation.view_evaluation"
    action_permission = None

    def get_queryset(self):
        return evaluation_for_permission()

    def get_permission_object(self):
        queryset, pk = self.get_queryset(), self.kwargs["pk"]
        if self.action_permission:
            self.evaluation = get_object_for_action(
                self.request.user, self.action_permission, self.permission_required, queryset, pk=pk)
        else:
            self.evaluation = get_object_or_404(queryset, pk=pk)
        return self.evaluation

    def get_context_data(self, **kwargs):
        return super().get_context_data(evaluation=self.evaluation, eoi=self.evaluation.eoi, **kwargs)
