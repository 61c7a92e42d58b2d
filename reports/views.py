from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.views.generic import DetailView, FormView, ListView, View

from jln_portal.permissions import PermissionRequiredMixin

from . import registry, services
from .forms import ReportRequestForm
from .models import GeneratedFile
from .selectors import generated_file_detail, generated_files_for_user

POLL_SECONDS = 3


class GeneratedFileListView(PermissionRequiredMixin, ListView):
    """The Reports page: what one may ask for, and the files asked for lately."""

    permission_required = "reports.list_generated_files"
    template_name = "reports/list.html"
    context_object_name = "generated_files"
    paginate_by = 30

    def get_queryset(self):
        return generated_files_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        kinds = [
            kind for kind in registry.all_kinds()
            if user.has_perm("reports.request_generated_file", GeneratedFile(kind=kind.kind, requested_by=user))
        ]
        return super().get_context_data(kinds=kinds, default_language=get_language(), **kwargs)


class GeneratedFileRequestView(PermissionRequiredMixin, FormView):
    """Ask for a file of one kind (GET shows the form, POST queues the work)."""

    permission_required = "reports.request_generated_file"
    template_name = "reports/request.html"

    def get_permission_object(self):
        self.kind = registry.get_kind(self.kwargs["kind"])
        if self.kind is None:
            raise Http404
        return GeneratedFile(kind=self.kind.kind, requested_by=self.request.user)

    def get_form_class(self):
        return self.kind.form_class or ReportRequestForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"language": get_language()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=self.kind, **kwargs)

    def form_valid(self, form):
        candidate = GeneratedFile(
            kind=self.kind.kind, language=form.cleaned_data["language"], parameters=form.parameters(),
            requested_by=self.request.user,
        )
        if not self.request.user.has_perm(self.permission_required, candidate):
            raise Http404
        generated_file = services.generated_file_request(
            kind=candidate.kind, language=candidate.language, parameters=candidate.parameters, by=self.request.user
        )
        return redirect("reports:status", pk=generated_file.pk)


class GeneratedFileStatusView(PermissionRequiredMixin, DetailView):
    """Progress of one file; reloads itself every few seconds (no JavaScript) until ready."""

    permission_required = "reports.view_generated_file"
    template_name = "reports/status.html"
    context_object_name = "generated_file"

    def get_permission_object(self):
        return get_object_or_404(generated_file_detail(), pk=self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.permission_object

    def get_context_data(self, **kwargs):
        return super().get_context_data(poll_seconds=POLL_SECONDS, **kwargs)


class GeneratedFileDownloadView(PermissionRequiredMixin, View):
    permission_required = "reports.view_generated_file"

    def get_permission_object(self):
        return get_object_or_404(GeneratedFile, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        generated_file = self.permission_object
        if not generated_file.is_ready:
            raise Http404
        response = FileResponse(
            generated_file.file.open("rb"), as_attachment=True, filename=generated_file.filename,
            content_type=generated_file.content_type or "application/octet-stream",
        )
        services.download_record(by=request.user, kind=generated_file.kind, object_id=generated_file.pk,
                                 name=generated_file.filename)
        response["Cache-Control"] = "private, no-store"
        return response
