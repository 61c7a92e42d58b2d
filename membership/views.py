from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from countries.models import Country
from jln_portal.permissions import PermissionRequiredMixin, get_object_for_action

from . import selectors, services
from .enums import ApplicationState, MeetingState
from .filters import ApplicationFilter
from .forms import DecisionForm, MeetingScheduleForm, MembershipApplicationForm, UpgradeForm

SUBMITTED_SESSION_KEY = "membership_submitted"
REQUESTED_SESSION_KEY = "membership_requested"


def _add_errors(form, error):
    for message in error.messages:
        form.add_error(None, message)


class PublicMixin:
    """The public pages: no login. The rule (`membership.submit_application`) still
    decides, through the same permission mechanism as every view."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("membership.submit_application"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ApplicationCreateView(PublicMixin, FormView):
    """The public form. What it receives counts once its address is confirmed."""

    template_name = "membership/apply.html"
    form_class = MembershipApplicationForm
    success_url = reverse_lazy("membership:apply_sent")

    def form_valid(self, form):
        data = form.cleaned_data
        fields = {"country_code": data["country_code"], "region": data["region"],
                  **{name: data[name] for name in MembershipApplicationForm.Meta.fields}}
        try:
            pending = services.application_request(data=fields, base_url=self.request.build_absolute_uri("/")[:-1])
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        self.request.session[REQUESTED_SESSION_KEY] = pending.pk
        return super().form_valid(form)


class ApplicationSentView(TemplateView):
    """“Check your mailbox”: only right after the form was sent."""

    template_name = "membership/apply_sent.html"

    def get_context_data(self, **kwargs):
        pk = self.request.session.get(REQUESTED_SESSION_KEY)
        pending = selectors.application_request(pk) if pk else None
        if pending is None:
            raise Http404
        hours = int(services.CONFIRM_WITHIN.total_seconds() // 3600)
        return super().get_context_data(email=pending.email, hours=hours, **kwargs)


class ApplicationConfirmView(PublicMixin, TemplateView):
    """The link of the confirmation mail: a page with one button (a GET changes nothing,
    so a mail scanner that opens the link does not use it up)."""

    template_name = "membership/apply_confirm.html"

    def get_context_data(self, **kwargs):
        error = None
        try:
            services.application_request_for_token(self.kwargs["token"])
        except services.LinkNotValid as refused:
            error = refused.messages[0]
        return super().get_context_data(error=error, **kwargs)

    def post(self, request, token):
        try:
            application = services.application_confirm(token=token)
        except ValidationError as refused:
            return self.render_to_response({"error": " ".join(refused.messages), "view": self})
        request.session[SUBMITTED_SESSION_KEY] = application.pk
        return redirect("membership:apply_done")


class ApplicationDoneView(TemplateView):
    template_name = "membership/apply_done.html"

    def get_context_data(self, **kwargs):
        pk = self.request.session.get(SUBMITTED_SESSION_KEY)
        application = selectors.application_list().filter(pk=pk).first() if pk else None
        if application is None:
            raise Http404
        return super().get_context_data(application=application, **kwargs)


class AgendaView(PermissionRequiredMixin, TemplateView):
    """The steering group's home: the meetings to come (and those whose
    decisions are still to be recorded) with their agendas, and the applications
    waiting for a meeting."""

    permission_required = "membership.view_agenda"
    template_name = "membership/agenda.html"

    def get_context_data(self, **kwargs):
        meetings = list(selectors.meetings_scheduled())
        today = timezone.localdate()
        return super().get_context_data(
            meetings=meetings, today=today,
            next_meeting=next((m for m in meetings if m.date >= today), None),
            waiting=selectors.applications_waiting(), decisions=selectors.decisions_recent(), **kwargs,
        )


class ApplicationListView(PermissionRequiredMixin, ListView):
    permission_required = "membership.view_agenda"
    template_name = "membership/application_list.html"
    context_object_name = "applications"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = ApplicationFilter(self.request.GET, queryset=selectors.application_list())
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class ApplicationDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "membership.view_application"
    template_name = "membership/application_detail.html"
    context_object_name = "application"

    def get_permission_object(self):
        return get_object_or_404(selectors.application_detail(), pk=self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.permission_object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        if application.state == ApplicationState.ON_AGENDA and self.request.user.has_perm(
            "membership.decide_application", application
        ):
            context.setdefault("decision_form", DecisionForm())
        items = list(application.agenda_items.all())
        context["current_item"] = next((item for item in items if not item.decision), None)
        context["today"] = timezone.localdate()
        return context


class ApplicationDecideView(PermissionRequiredMixin, FormView):
    """A steering-group member records the decision on an application on the agenda."""

    permission_required = "membership.decide_application"
    template_name = "membership/application_detail.html"
    form_class = DecisionForm

    def get_permission_object(self):
        return get_object_for_action(
            self.request.user, "membership.decide_application", "membership.view_application",
            selectors.application_detail(), pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        application = self.permission_object
        kwargs.setdefault("form", self.get_form())
        items = list(application.agenda_items.all())
        return super().get_context_data(
            application=application, decision_form=kwargs["form"],
            current_item=next((item for item in items if not item.decision), None),
            today=timezone.localdate(), **kwargs,
        )

    def form_valid(self, form):
        try:
            item = services.application_decide(
                application=self.permission_object, decision=form.cleaned_data["decision"],
                minutes=form.cleaned_data["minutes"], by=self.request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Decision recorded: %(decision)s. The applicant is informed by e-mail.")
            % {"decision": item.get_decision_display()},
        )
        return redirect("membership:meeting_detail", pk=item.meeting_id)


class MeetingListView(PermissionRequiredMixin, ListView):
    permission_required = "membership.view_agenda"
    template_name = "membership/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 50

    def get_queryset(self):
        return selectors.meeting_list()


class MeetingCreateView(PermissionRequiredMixin, FormView):
    permission_required = "membership.schedule_meeting"
    template_name = "membership/meeting_form.html"
    form_class = MeetingScheduleForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(waiting=selectors.applications_waiting(), **kwargs)

    def form_valid(self, form):
        try:
            meeting = services.meeting_schedule(**form.cleaned_data, by=self.request.user)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        count = meeting.items.count()
        messages.success(
            self.request,
            _("Meeting scheduled. Applications put on its agenda: %(count)s.") % {"count": count},
        )
        return redirect("membership:meeting_detail", pk=meeting.pk)


class MeetingDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "membership.view_meeting"
    template_name = "membership/meeting_detail.html"
    context_object_name = "meeting"

    def get_permission_object(self):
        return get_object_or_404(selectors.meeting_detail(), pk=self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.permission_object

    def get_context_data(self, **kwargs):
        meeting = self.object
        can_cancel = meeting.state == MeetingState.SCHEDULED and self.request.user.has_perm(
            "membership.cancel_meeting", meeting
        ) and not any(item.decision for item in meeting.items.all())
        return super().get_context_data(can_cancel=can_cancel, today=timezone.localdate(), **kwargs)


class MeetingCancelView(PermissionRequiredMixin, View):
    permission_required = "membership.cancel_meeting"
    http_method_names = ["post"]

    def get_permission_object(self):
        return get_object_for_action(
            self.request.user, "membership.cancel_meeting", "membership.view_meeting",
            selectors.meeting_detail(), pk=self.kwargs["pk"],
        )

    def post(self, request, pk):
        try:
            services.meeting_cancel(meeting=self.permission_object, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Meeting cancelled. Its applications moved to the next meeting, if any."))
        return redirect("membership:meeting_detail", pk=pk)


class EligibilityView(PermissionRequiredMixin, TemplateView):
    """Associate members and whether each may become a full member today."""

    permission_required = "membership.view_eligibility"
    template_name = "membership/eligibility.html"

    def get_context_data(self, **kwargs):
        countries = list(selectors.associate_members())
        for country in countries:
            country.eligible_from = selectors.one_year_after(country.member_since) if country.member_since else None
        return super().get_context_data(countries=countries, **kwargs)


class CountryUpgradeView(PermissionRequiredMixin, FormView):
    """The network manager records that an eligible associate member is now a full member."""

    permission_required = "membership.upgrade_country"
    template_name = "membership/upgrade_form.html"
    form_class = UpgradeForm

    def get_permission_object(self):
        return get_object_for_action(
            self.request.user, "membership.upgrade_country", "countries.view_country",
            Country.objects.select_related("core_group"), pk=self.kwargs["pk"],
        )

    def get_initial(self):
        return {"on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        country = self.permission_object
        eligible = selectors.countries_eligible_for_full_membership().filter(pk=country.pk).exists()
        return super().get_context_data(country=country, eligible_today=eligible, **kwargs)

    def form_valid(self, form):
        try:
            country = services.country_upgrade_to_full(
                country=self.permission_object, by=self.request.user, on=form.cleaned_data["on"]
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(country)s: now a full member of the JLN.") % {"country": country.name})
        return redirect(reverse("countries:detail", args=[country.pk]))
