"""The manager's feedback page of a finalised call: prepare the letters (DRAFT
outbox mails), see where the batch stands, go to the outbox's batch page to
preview, edit and approve, then schedule the approved letters for the feedback
date or send them now."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from jln_portal.moments import moment_text
from outbox.enums import MailState
from outbox.services import batch_schedule, batch_status

from ..forms import FeedbackScheduleForm
from ..selectors.feedback import call_feedback, feedback_mails_by_evaluation
from ..services import EvaluationError
from ..services.feedback_mail import (
    feedback_batch, feedback_deadline, feedback_mails_generate, feedback_recipients, feedback_template,
)
from .base import CallPageMixin, base_url

# The states the dashboard counts, in the order a letter goes through them.
DASHBOARD_STATES = [MailState.DRAFT, MailState.APPROVED, MailState.SCHEDULED, MailState.SENDING, MailState.SENT,
                    MailState.FAILED, MailState.DISCARDED]


class FeedbackView(CallPageMixin, TemplateView):
    permission_required = "evaluation.manage_call"
    template_name = "evaluation/feedback.html"

    def get_context_data(self, schedule_form=None, **kwargs):
        batch = feedback_batch(self.call)
        status = batch_status(batch=batch, deadline=feedback_deadline(self.call))
        mails = feedback_mails_by_evaluation(batch)
        feedback = call_feedback(self.call)
        rows = [
            (evaluation, feedback_template(evaluation), feedback_recipients(evaluation.eoi), mails.get(evaluation.pk, []))
            for evaluation in feedback.evaluations
        ] if self.settings.is_final else []
        return super().get_context_data(
            batch=batch, status=status, rows=rows, without_feedback=feedback.without_feedback,
            counts=[(state, MailState(state).label, status.counts[state]) for state in DASHBOARD_STATES],
            deadline=feedback_deadline(self.call),
            schedule_form=schedule_form or FeedbackScheduleForm(call=self.call), **kwargs,
        )

    def post(self, request, call_pk):
        try:
            outcome = feedback_mails_generate(call=self.call, by=request.user, base_url=base_url(request))
        except EvaluationError as error:
            messages.error(request, error.message)
            return redirect("evaluation:feedback", call_pk=self.call.pk)
        created = len(outcome.created)
        if created:
            messages.success(request, ngettext(
                "%(n)s feedback letter prepared as a draft.", "%(n)s feedback letters prepared as drafts.", created,
            ) % {"n": created})
        else:
            messages.info(request, _("Every feedback letter was already prepared; nothing was added."))
        for evaluation in outcome.without_recipient:
            messages.warning(request, _("%(country)s: no contact person or focal point to write to.")
                             % {"country": evaluation.eoi.country.name})
        return redirect("evaluation:feedback", call_pk=self.call.pk)


class FeedbackScheduleView(FeedbackView):
    http_method_names = ["post"]

    def post(self, request, call_pk):
        form = FeedbackScheduleForm(request.POST, call=self.call)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(schedule_form=form))
        send_after = form.cleaned_data["send_after"]
        count = batch_schedule(batch=feedback_batch(self.call), by=request.user, send_after=send_after)
        if not count:
            messages.info(request, _("No approved letter waits to be scheduled: approve them on the batch page first."))
        elif send_after is None:
            messages.success(request, ngettext(
                "%(n)s approved letter handed to the sending queue: it leaves now.",
                "%(n)s approved letters handed to the sending queue: they leave now.", count,
            ) % {"n": count})
        else:
            messages.success(request, ngettext(
                "%(n)s approved letter scheduled for %(moment)s.",
                "%(n)s approved letters scheduled for %(moment)s.", count,
            ) % {"n": count, "moment": moment_text(send_after, self.call.time_zone)})
        return redirect("evaluation:feedback", call_pk=self.call.pk)
