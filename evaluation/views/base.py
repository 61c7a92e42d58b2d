"""What the evaluation's views share: finding the call or the evaluation a page is about
through jln_portal/permissions.py (404 when the user may not see it, 403 when they may see it
but not do the page's action)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from eoi.models import Call
from jln_portal.permissions import PermissionRequiredMixin, get_object_for_action
from jln_portal.refusals import NotFoundBecause

from ..models import Conflict

from ..selectors.common import evaluation_for_permission, settings_or_default


def base_url(request):
    return request.build_absolute_uri("/")[:-1]


class CallPageMixin(PermissionRequiredMixin):
    """A page about one call (`call_pk`), with its evaluation settings."""

    def get_permission_object(self):
        self.call = get_object_or_404(Call.objects.select_related("evaluation_settings"), pk=self.kwargs["call_pk"])
        self.settings = settings_or_default(self.call)
        return self.call

    def get_refusal_reason(self):
        """A page for the manager, opened by someone who may see the call (a facilitator)."""
        if self.permission_required == "evaluation.manage_call" and self.request.user.has_perm(
                "evaluation.view_ranking", self.call):
            return _("This page is for the JLN network manager: it is not open to facilitators.")
        return None

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
        try:
            return self._permission_object()
        except Http404:
            raise NotFoundBecause(self._conflict_reason()) from None

    def get_refusal_reason(self):
        return self._conflict_reason()

    def _conflict_reason(self):
        """A facilitator's own conflict of interest with the EOI's country is why they may not open it."""
        conflict = Conflict.objects.filter(
            reviewer_id=self.request.user.pk, country__eois__evaluation__pk=self.kwargs["pk"]
        ).select_related("country").first()
        if conflict is None:
            return None
        return _("You declared a conflict of interest with %(country)s: its expression of interest is not "
                 "shown to you, and your reviews of it do not count.") % {"country": conflict.country.name}

    def _permission_object(self):
        queryset, pk = self.get_queryset(), self.kwargs["pk"]
        if self.action_permission:
            self.evaluation = get_object_for_action(
                self.request.user, self.action_permission, self.permission_required, queryset, pk=pk)
        else:
            self.evaluation = get_object_or_404(queryset, pk=pk)
        return self.evaluation

    def get_context_data(self, **kwargs):
        return super().get_context_data(evaluation=self.evaluation, eoi=self.evaluation.eoi, **kwargs)
