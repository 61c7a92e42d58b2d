from django.views.generic import TemplateView

from countries.selectors import sort_by_name
from jln_portal.permissions import PermissionRequiredMixin


class FocalPointHomeView(PermissionRequiredMixin, TemplateView):
    """A focal point's home: their countries and the calls they can answer."""

    permission_required = "eoi.view_focal_point_home"
    template_name = "eoi/home.html"

    def get_context_data(self, **kwargs):
        countries = sort_by_name(self.request.user.focal_countries.all())
        return super().get_context_data(countries=countries, **kwargs)
