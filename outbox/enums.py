from django.db import models
from django.utils.translation import gettext_lazy as _


class MailState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    DISCARDED = "discarded", _("Discarded")


# Named groups of states (attributes set after the class so they are not members).
MailState.EDITABLE = frozenset({MailState.DRAFT, MailState.APPROVED})
MailState.FINAL = frozenset({MailState.SENT, MailState.FAILED, MailState.DISCARDED})


class MailKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    PASSWORD_RESET = "password_reset", _("Password reset")
    EOI_CONFIRMATION = "eoi_confirmation", _("EOI confirmation")
    FEEDBACK = "feedback", _("Feedback")
    REMINDER = "reminder", _("Reminder")
    MEMBERSHIP = "membership", _("Membership")
    NOTICE = "notice", _("Notice")


# Allowed state changes; outbox/services.py is the only place that changes state.
TRANSITIONS = {
    MailState.DRAFT: {MailState.APPROVED, MailState.DISCARDED},
    MailState.APPROVED: {MailState.SCHEDULED, MailState.DRAFT, MailState.DISCARDED},
    MailState.SCHEDULED: {MailState.SENDING, MailState.DISCARDED},
    MailState.SENDING: {MailState.SENT, MailState.SCHEDULED, MailState.FAILED},
    MailState.SENT: set(),
    MailState.FAILED: set(),
    MailState.DISCARDED: set(),
}
