from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from jln_portal.permissions import PermissionRequiredMixin, get_object_for_action

from .filters import CountryFilter
from .forms import CoreGroupForm, CoreGroupMemberFormSet
from .models import CoreGroup, CoreGroupMember, Country
from .selectors import core_group_for_edit, country_detail, country_list, country_membership_history, sort_by_name
from .services import CoreGroupConflict, core_group_update


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

    def get_context_data(self, **kwargs):
        return super().get_context_data(membership_history=country_membership_history(self.object), **kwargs)


class CoreGroupUpdateView(PermissionRequiredMixin, TemplateView):
    """A focal point (or the network manager) maintains the country's core
    group: when it was established, its members and its coordinator."""

    permission_required = "countries.change_core_group"
    template_name = "countries/core_group_form.html"

    def get_permission_object(self):
        return get_object_for_action(
            self.request.user, "countries.change_core_group", "countries.view_country",
            Country.objects.all(), pk=self.kwargs["pk"],
        )

    def get_forms(self, data=None):
        country = self.permission_object
        group = core_group_for_edit(country) or CoreGroup(country=country)
        form = CoreGroupForm(data, instance=group, prefix="group")
        formset = CoreGroupMemberFormSet(
            data, instance=group, prefix="members",
            queryset=CoreGroupMember.objects.order_by("-is_coordinator", "name"),
        )
        return form, formset

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"], kwargs["formset"] = self.get_forms()
        return super().get_context_data(country=self.permission_object, **kwargs)

    def render_conflict(self, request, current):
        """Nothing saved: the person's input stays in the form, the version now saved is shown
        beside it, and the form now carries that version (saving again means: mine wins)."""
        data = request.POST.copy()
        data["group-version"] = current.version
        form, formset = self.get_forms(data)
        form.is_valid(), formset.is_valid()
        saved = core_group_for_edit(self.permission_object)
        return self.render_to_response(self.get_context_data(form=form, formset=formset, saved=saved), status=409)

    def post(self, request, *args, **kwargs):
        form, formset = self.get_forms(request.POST)
        if form.is_valid() and formset.is_valid():
            try:
                core_group_update(
                    country=self.permission_object, established_on=form.cleaned_data["established_on"],
                    members_to_save=formset.save(commit=False), members_to_delete=formset.deleted_objects,
                    by=request.user, expected_version=form.cleaned_data.get("version"),
                )
            except CoreGroupConflict as conflict:
                return self.render_conflict(request, conflict.current)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            except IntegrityError:  # someone else saved the group at the same moment
                form.add_error(None, _("The core group was changed by someone else meanwhile. Check and save again."))
            else:
                messages.success(request, _("The core group is saved."))
                return redirect("countries:detail", pk=self.permission_object.pk)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))
