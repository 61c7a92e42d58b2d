"""The network manager's outbox: list and send log, preview, edit, approve,
schedule, discard, resend, batches. Views are thin: services change state,
selectors read. Every action is a POST followed by a redirect, and repeating
it (a double click) changes nothing the second time."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import ListView, TemplateView, UpdateView

from jln_portal.permissions import PermissionRequiredMixin

from . import services
from .enums import MailState
from .filters import OutboundMailFilter
from .forms import MailEditForm, ResendForm, ScheduleForm
from .notes import notes_about
from .selectors import (
    batch_counts, mail_detail, mail_history, outbox_counts_by_state, outbox_list, outbox_open_batches,
)


class OutboxListView(PermissionRequiredMixin, ListView):
    permission_required = "outbox.view_outbox"
    template_name = "outbox/list.html"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = OutboundMailFilter(self.request.GET, queryset=outbox_list(state=self.request.GET.get("state")))
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        batches = [
            services.batch_status_from_counts(batch=batch, counts=counts, deadline=first)
            for batch, counts, first in outbox_open_batches()
        ]
        return super().get_context_data(
            filter=self.filterset, counts=outbox_counts_by_state(), batches=batches,
            sent_log=self.request.GET.get("state") == MailState.SENT, **kwargs
        )


class MailMixin(PermissionRequiredMixin):
    permission_required = "outbox.manage_mail"

    def get_permission_object(self):
        return get_object_or_404(mail_detail(self.kwargs["pk"]))

    @property
    def mail(self):
        return self.permission_object

    def to_detail(self, mail=None):
        return redirect("outbox:detail", (mail or self.mail).pk)


# The HTML preview is the mail itself in a sandboxed srcdoc iframe, which inherits this page's
# Content-Security-Policy: the mail's inline styles are allowed here; scripts still are not.
@method_decorator(csp_update({"style-src": [UNSAFE_INLINE]}), name="dispatch")
class MailDetailView(MailMixin, TemplateView):
    permission_required = "outbox.view_mail"
    template_name = "outbox/detail.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("schedule_form", ScheduleForm(initial={"when": "later"}))
        return super().get_context_data(
            mail=self.mail, history=mail_history(self.mail), notes=notes_about(self.mail),
            resend_form=ResendForm(initial={"seen_resends": len(self.mail.resends.all())}), **kwargs
        )


class MailEditView(MailMixin, UpdateView):
    template_name = "outbox/edit.html"
    form_class = MailEditForm

    def get_object(self, queryset=None):
        if not self.mail.is_editable:
            raise Http404
        return self.mail

    def form_valid(self, form):
        try:
            mail = services.mail_edit(
                mail=self.mail, subject=form.cleaned_data["subject"], body_text=form.cleaned_data["body_text"],
                by=self.request.user,
            )
        except services.TransitionNotAllowed:
            messages.error(self.request, _("This mail can no longer be edited: it has left the drafts."))
            return self.to_detail()
        messages.success(self.request, _("Saved. The HTML version was made again from the text."))
        return self.to_detail(mail)


class MailActionView(MailMixin, View):
    """POST only: one service call on one mail, then back to the mail."""

    http_method_names = ["post"]
    action = None  # a key of ACTIONS

    def post(self, request, *args, **kwargs):
        before = self.mail.state
        service, done, unchanged, refused = ACTIONS[self.action]
        try:
            mail = service(mail=self.mail, by=request.user)
        except services.TransitionNotAllowed:
            messages.error(request, refused % {"state": self.mail.get_state_display()})
            return self.to_detail()
        if mail.state != before:
            messages.success(request, done)
        else:
            messages.info(request, unchanged)
        return self.to_detail(mail)


# action: (service, message when done, message when there was nothing to do, message when refused)
ACTIONS = {
    "approve": (
        services.mail_approve, gettext_lazy("Approved: it can now be scheduled."),
        gettext_lazy("This mail was already approved."),
        gettext_lazy("A mail in the state “%(state)s” cannot be approved."),
    ),
    "unschedule": (
        services.mail_unschedule, gettext_lazy("Taken off the schedule: it is approved and waits."),
        gettext_lazy("This mail was not scheduled."),
        gettext_lazy("Too late to take this mail off the schedule: it is “%(state)s”."),
    ),
    "discard": (
        services.mail_discard, gettext_lazy("Discarded: this mail will not be sent."),
        gettext_lazy("This mail was already discarded."),
        gettext_lazy("A mail in the state “%(state)s” cannot be discarded."),
    ),
}


class MailScheduleView(MailMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            view = MailDetailView(request=request, kwargs=self.kwargs, permission_object=self.mail)
            return view.render_to_response(view.get_context_data(schedule_form=form))
        before = self.mail.state
        try:
            mail = services.mail_schedule(mail=self.mail, by=request.user, send_after=form.cleaned_data["send_after"])
        except services.TransitionNotAllowed:
            messages.error(request, _("Only an approved mail can be scheduled; this one is “%(state)s”.")
                           % {"state": self.mail.get_state_display()})
            return self.to_detail()
        if mail.state in (MailState.SENDING, MailState.SENT):
            messages.info(request, _("This mail has already left."))
        elif mail.state == before:
            messages.info(request, _("This mail was already scheduled."))
        elif form.cleaned_data["send_after"] is None:
            messages.success(request, _("Handed to the sending queue: it leaves now."))
        else:
            messages.success(request, _("Scheduled: it leaves at the time shown."))
        return self.to_detail(mail)


class MailResendView(MailMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ResendForm(request.POST)
        seen = form.cleaned_data["seen_resends"] if form.is_valid() else None
        try:
            copy = services.mail_resend(mail=self.mail, by=request.user, seen_resends=seen)
        except services.TransitionNotAllowed:
            messages.error(request, _("Only a sent or failed mail can be resent."))
            return self.to_detail()
        messages.success(request, _("A new copy of this mail was created and is being sent."))
        return self.to_detail(copy)


class BatchMixin(PermissionRequiredMixin):
    permission_required = "outbox.manage_mail"

    @property
    def batch(self):
        return self.kwargs["batch"]

    def to_batch(self):
        return redirect("outbox:batch", self.batch)


class BatchDetailView(BatchMixin, TemplateView):
    template_name = "outbox/batch.html"

    def get_context_data(self, **kwargs):
        counts, first_scheduled = batch_counts(self.batch)
        status = services.batch_status_from_counts(batch=self.batch, counts=counts, deadline=first_scheduled)
        if status.total == 0:
            raise Http404
        kwargs.setdefault("schedule_form", ScheduleForm(initial={"when": "later"}))
        mails = outbox_list().filter(batch=self.batch).order_by("to_email", "pk")
        state_counts = [(state, label, status.counts[state]) for state, label in MailState.choices]
        return super().get_context_data(status=status, mails=mails, state_counts=state_counts, **kwargs)


class BatchApproveView(BatchMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        count = services.batch_approve(batch=self.batch, by=request.user)
        if count:
            messages.success(request, ngettext("%(n)s mail approved.", "%(n)s mails approved.", count) % {"n": count})
        else:
            messages.info(request, _("There was no draft left to approve."))
        return self.to_batch()


class BatchScheduleView(BatchMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            view = BatchDetailView(request=request, kwargs=self.kwargs)
            return view.render_to_response(view.get_context_data(schedule_form=form))
        count = services.batch_schedule(batch=self.batch, by=request.user, send_after=form.cleaned_data["send_after"])
        if count:
            messages.success(
                request, ngettext("%(n)s approved mail scheduled.", "%(n)s approved mails scheduled.", count) % {"n": count}
            )
        else:
            messages.info(request, _("There was no approved mail left to schedule."))
        return self.to_batch()


class DispatchView(PermissionRequiredMixin, View):
    """Queue every due mail now instead of waiting for the next beat run
    (in the embedded default, with no beat, this sends them)."""

    permission_required = "outbox.manage_mail"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from .tasks import queue_dispatch

        queue_dispatch()
        messages.success(request, _("Every mail whose time has come was handed to the sending queue."))
        return redirect(reverse("outbox:list"))
