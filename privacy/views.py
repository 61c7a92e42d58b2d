"""The manager's export of everything stored about one person (issue 17 §2).

The address never travels in a URL: the search is a POST (the page answers with the summary
itself, not a redirect), and each download is a POST of a small form carrying the address in a
hidden field. So it appears in no access log, no browser history and no Referer header; a
download is also a change (it writes a PrivacyAction and a DownloadRecord), which GET must not be.
"""

from django.http import HttpResponse
from django.views.generic import FormView

from jln_portal.permissions import PermissionRequiredMixin

from .person import found_anything, person_data
from .person_display import person_file, readable
from .person_forms import PersonDownloadForm, PersonSearchForm
from .person_services import person_export_record

TEMPLATE = "privacy/person.html"


class PersonExportView(PermissionRequiredMixin, FormView):
    """GET: the form; POST: what was found about that address, with the two downloads."""

    permission_required = "privacy.export_person"
    template_name = TEMPLATE
    form_class = PersonSearchForm

    def form_valid(self, form):
        return self.render_to_response(self.get_context_data(form=form, **summary(form.cleaned_data["email"])))


def summary(email, data=None):
    data = data or person_data(email)
    found = found_anything(data)
    downloads = [PersonDownloadForm(initial={"email": email, "file_format": f}, prefix=f) for f in ("json", "pdf")]
    return {"data": data, "sections": readable(data), "found": found, "searched": True,
            "download_forms": downloads if found else []}


class PersonDownloadView(PermissionRequiredMixin, FormView):
    """POST only: the file (JSON or PDF), recorded; an unusable post shows the search page again."""

    permission_required = "privacy.export_person"
    template_name = TEMPLATE
    http_method_names = ["post"]

    def get_form(self, form_class=None):
        prefix = next((f for f in ("json", "pdf") if f"{f}-email" in self.request.POST), "json")
        return PersonDownloadForm(self.request.POST, prefix=prefix)

    def form_invalid(self, form):
        search = PersonSearchForm({"email": form.data.get(f"{form.prefix}-email", "")})
        if search.is_valid():  # only the (hidden) format was wrong: the summary again
            return self.render_to_response(self.get_context_data(form=search, **summary(search.cleaned_data["email"])))
        return self.render_to_response(self.get_context_data(form=search))

    def form_valid(self, form):
        email, file_format = form.cleaned_data["email"], form.cleaned_data["file_format"]
        data = person_data(email)
        if not found_anything(data):
            search = PersonSearchForm(initial={"email": email})
            return self.render_to_response(self.get_context_data(form=search, **summary(email, data)))
        content, content_type = person_file(data, file_format)
        name = person_export_record(by=self.request.user, data=data, file_format=file_format)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response
