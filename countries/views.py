from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from jln_portal.permissions import PermissionRequiredMixin

from .filters import CountryFilter
from .selectors import country_detail, country_list, sort_by_name


class CountryListView(PermissionRequiredMixin, TemplateView):
    permission_required = "countries.list_countries"
    template_name = "countries/list.html"

    def get_context_data(self, **kwargs):
        filterset = CountryFilter(self.request.GET, queryset=country_list())
        return super().get_context_data(
            filter=filterset, countries=sort_by_name(filterset.qs), **kwargs
        )


class CountryDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "countries.view_country"
    template_name = "countries/detail.html"
    context_object_name = "country"

    def get_permission_object(self):
        return get_object_or_404(country_detail(self.kwargs["pk"]))

    def get_object(self, queryset=None):
        return self.permission_object
