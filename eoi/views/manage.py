"""The network manager's pages: calls (create, edit, clone, publish, close), a
call's EOIs, EOIs received by e-mail, extensions."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView, View

from jln_portal.permissions import PermissionRequiredMixin, permission_required
from reports.exports import FORMATS, table_response
from reports.services import download_record

from .. import exports, services
from ..filters import ConfirmationFilter, EOIFilter
from ..forms import (
    CallForm, ExtensionForm, MeetingFormSetFactory, ProfileFormSetFactory, QuestionFormSetFactory, RecordEmailForm,
)
from ..models import Call
from ..selectors import (
    call_confirmation_counts, call_confirmation_countries, call_confirmations, call_eoi_counts, call_eoi_list,
    call_with_parts, manager_calls, with_team,
)


class ManagerCallListView(PermissionRequiredMixin, ListView):
    permission_required = "eoi.manage_calls"
    template_name = "eoi/manage/call_list.html"
    context_object_name = "calls"

    def get_queryset(self):
        return manager_calls()


def _call_form_page(request, call):
    prefixes = {"questions": QuestionFormSetFactory, "profiles": ProfileFormSetFactory, "meetings": MeetingFormSetFactory}
    data = request.POST if request.method == "POST" else None
    form = CallForm(data, instance=call)
    formsets = {name: factory(data, instance=call, prefix=name) for name, factory in prefixes.items()}
    if data is not None and form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
        saved = services.call_save(call=form.save(commit=False), by=request.user, parts=formsets.values())
        messages.success(request, _("The call has been saved."))
        return redirect("eoi:manage_call_edit", saved.pk)
    return render(request, "eoi/manage/call_form.html", {"form": form, "formsets": formsets, "call": call},
                  status=400 if data is not None else 200)


@permission_required("eoi.manage_calls")
def call_create(request):
    return _call_form_page(request, Call())


@permission_required("eoi.manage_calls")
def call_edit(request, pk):
    return _call_form_page(request, get_object_or_404(Call, pk=pk))


def _call_action(service, success):
    @require_POST
    @permission_required("eoi.manage_calls")
    def view(request, pk):
        call = get_object_or_404(Call, pk=pk)
        try:
            result = service(call=call, by=request.user)
        except services.CallNotReady as error:
            for problem in error.problems:
                messages.error(request, problem)
            return redirect("eoi:manage_call_edit", pk)
        messages.success(request, success())
        return redirect("eoi:manage_call_edit", result.pk)

    return view


call_clone = _call_action(services.call_clone, lambda: _("This is the copy: a draft with the same questions, profiles and meetings."))
call_publish = _call_action(services.call_publish, lambda: _("The call is published."))
call_close = _call_action(services.call_close, lambda: _("The call is closed: no more submissions or changes."))


class CallEOIListView(PermissionRequiredMixin, ListView):
    """A call's EOIs, filtered, a page at a time, with counts by status for the whole call;
    a constant number of queries. The exports (CallEOIExportView) take every filtered row,
    not one page."""

    permission_required = "eoi.list_eois"
    template_name = "eoi/manage/eoi_list.html"
    context_object_name = "eois"
    paginate_by = 25  # a call has up to ≈ 200 EOIs

    def get_queryset(self):
        self.call = get_object_or_404(Call, pk=self.kwargs["pk"])
        self.filterset = EOIFilter(self.request.GET, queryset=call_eoi_list(call=self.call))
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(call=self.call, filter=self.filterset, counts=call_eoi_counts(call=self.call),
                                        **kwargs)


class CallConfirmationListView(PermissionRequiredMixin, ListView):
    """Every member's request in a call (issue 17: the manager sees each one's state), filtered
    by answer and country, a page at a time, with the counts per answer for the whole call; a
    constant number of queries."""

    permission_required = "eoi.list_member_confirmations"
    template_name = "eoi/manage/confirmation_list.html"
    context_object_name = "confirmations"
    paginate_by = 100  # up to ≈ 200 EOIs of 5 members

    def get_queryset(self):
        self.call = get_object_or_404(Call, pk=self.kwargs["pk"])
        self.filterset = ConfirmationFilter(self.request.GET, queryset=call_confirmations(call=self.call),
                                            countries=call_confirmation_countries(call=self.call))
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(call=self.call, filter=self.filterset,
                                        counts=call_confirmation_counts(call=self.call), **kwargs)


class CallEOIExportView(PermissionRequiredMixin, View):
    """The EOI list as a CSV or XLSX file (one row per EOI, or per team member), with the
    list page's filters: the page's links carry its query string."""

    permission_required = "eoi.list_eois"

    def get(self, request, pk, table, file_format):
        if table not in exports.TABLES or file_format not in FORMATS:
            raise Http404
        call = get_object_or_404(Call, pk=pk)
        filterset = EOIFilter(request.GET, queryset=call_eoi_list(call=call))
        eois = with_team(filterset.qs)  # both tables read the members' answers
        built = exports.TABLES[table](call, eois)
        filename = f"{call.slug}-{slugify(built.title)}"
        download_record(by=request.user, kind=f"eoi_export_{table}", object_id=call.pk, name=f"{filename}.{file_format}")
        return table_response(built, filename=filename, file_format=file_format)


@permission_required("eoi.record_email_eoi")
def call_record_email(request, pk):
    """Open (or take over) a country's EOI to transcribe what arrived by e-mail."""
    call = get_object_or_404(call_with_parts(), pk=pk)
    form = RecordEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            eoi = services.eoi_record_email(call=call, country=form.cleaned_data["country"], by=request.user,
                                            take_over=form.cleaned_data["take_over"],
                                            base_url=request.build_absolute_uri("/")[:-1])
        except services.EOIError as error:
            form.add_error("country", error.message)
        else:
            messages.success(request, _("Type in the expression of interest as received, then record it as submitted."))
            return redirect("eoi:edit", eoi.pk)
    return render(request, "eoi/manage/record_email.html", {"call": call, "form": form})


@permission_required("eoi.grant_extension")
def call_extension(request, pk):
    call = get_object_or_404(Call, pk=pk)
    form = ExtensionForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.eoi_grant_extension(call=call, country=form.cleaned_data["country"], until=form.cleaned_data["until"],
                                         reason=form.cleaned_data["reason"], by=request.user)
        except services.EOIError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The extension has been granted to %(country)s.") % {
                "country": form.cleaned_data["country"].name})
            return redirect("eoi:manage_eois", call.pk)
    return render(request, "eoi/manage/extension.html", {"call": call, "form": form})
