from django.views.generic import DetailView, ListView
from django.shortcuts import get_object_or_404

from jln_portal.permissions import PermissionRequiredMixin

from .filters import OutboundMailFilter
from .models import OutboundMail
from .selectors import outbox_counts_by_state, outbox_list


class OutboxListView(PermissionRequiredMixin, ListView):
    permission_required = "outbox.view_outbox"
    template_name = "outbox/list.html"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = OutboundMailFilter(self.request.GET, queryset=outbox_list())
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset, counts=outbox_counts_by_state(), **kwargs
        )


class OutboxDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "outbox.view_mail"
    template_name = "outbox/detail.html"
    context_object_name = "mail"

    def get_permission_object(self):
        return get_object_or_404(OutboundMail, pk=self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.permission_object
