"""What the evaluation's views share: finding the call or the evaluation a
page is about (404 when the user may not see it) and refusing an action the
user may see but not do (403)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from eoi.models import Call
from jln_portal.permissions import PermissionRequiredMixin

from .. import selectors


def require(user, perm, obj):
    """For an object the user may see: refuse the action with 403 if not allowed."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def base_url(request):
    return request.build_absolute_uri("/")[:-1]


class CallPageMixin(PermissionRequiredMixin):
    """A page about one call (`call_pk`), with its evaluation settings."""

    def get_permission_object(self):
        self.call = get_object_or_404(Call.objects.select_related("evaluation_settings"), pk=self.kwargs["call_pk"])
        self.settings = selectors.settings_or_default(self.call)
        return self.call

    def get_context_data(self, **kwargs):
        return super().get_context_data(call=self.call, settings=self.settings, **kwargs)


class EvaluationPageMixin(PermissionRequiredMixin):
    """A page about one EOI under review (`pk` of its evaluation): 404 for whoever
    may not see it; 403 for whoever may see it but not do `action_permission`."""

    permission_required = "evaluation.view_evaluation"
    action_permission = None

    def get_queryset(self):
        return selectors.evaluation_for_permission()

    def get_permission_object(self):
        self.evaluation = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        user = self.request.user
        if self.action_permission and user.has_perm(self.permission_required, self.evaluation):
            require(user, self.action_permission, self.evaluation)
        return self.evaluation

    def get_context_data(self, **kwargs):
        return super().get_context_data(evaluation=self.evaluation, eoi=self.evaluation.eoi, **kwargs)
