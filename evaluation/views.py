from django.views.generic import TemplateView

from jln_portal.permissions import PermissionRequiredMixin


class FacilitatorHomeView(PermissionRequiredMixin, TemplateView):
    """A facilitator's home: the EOIs assigned to them."""

    permission_required = "evaluation.view_facilitator_home"
    template_name = "evaluation/home.html"
