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
# EDITABLE: the manager may change the text (an approved mail goes back to draft).
MailState.EDITABLE = frozenset({MailState.DRAFT, MailState.APPROVED})
# PENDING: will (or may) still leave, so a batch with such rows is not finished.
MailState.PENDING = frozenset({MailState.DRAFT, MailState.APPROVED, MailState.SCHEDULED, MailState.SENDING})
MailState.DISCARDABLE = frozenset({MailState.DRAFT, MailState.APPROVED, MailState.SCHEDULED})
MailState.RESENDABLE = frozenset({MailState.SENT, MailState.FAILED})
MailState.FINAL = frozenset({MailState.SENT, MailState.FAILED, MailState.DISCARDED})


class MailKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    PASSWORD_RESET = "password_reset", _("Password reset")
    EOI_CONFIRMATION = "eoi_confirmation", _("EOI confirmation")
    FEEDBACK = "feedback", _("Feedback")
    REMINDER = "reminder", _("Reminder")
    MEMBERSHIP = "membership", _("Membership")
    NOTICE = "notice", _("Notice")


# Allowed state changes made by a person (outbox/services.py). The sending path
# (claim → sending → sent/failed/scheduled again) is guarded by conditional
# UPDATEs in services.py instead, and is listed here for completeness.
TRANSITIONS = {
    MailState.DRAFT: {MailState.APPROVED, MailState.DISCARDED},
    MailState.APPROVED: {MailState.SCHEDULED, MailState.DRAFT, MailState.DISCARDED},
    MailState.SCHEDULED: {MailState.SENDING, MailState.APPROVED, MailState.DISCARDED},
    MailState.SENDING: {MailState.SENT, MailState.SCHEDULED, MailState.FAILED},
    MailState.SENT: set(),
    MailState.FAILED: set(),
    MailState.DISCARDED: set(),
}
