from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jln_portal.dates import BoundedDateTimeField, date_range_constraint

from .enums import MailKind, MailState

batch_label_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$",
    _("A batch label uses letters, digits and - _ . : only, e.g. feedback-call-12."),
)


class OutboundMail(models.Model):
    """One e-mail to one recipient: every mail the portal sends is a row here
    first (pretalx's QueuedMail), so it can be previewed, approved, scheduled,
    sent exactly once by a worker, and read afterwards in the outbox.

    The sending columns (claimed_at, attempts, queued_at, handed_over_at) are
    written only by the conditional UPDATEs of outbox/services.py; see
    docs/architecture.md, "Outgoing mail", for the protocol."""

    kind = models.CharField(_("kind"), max_length=30, choices=MailKind.choices)
    state = models.CharField(_("state"), max_length=20, choices=MailState.choices, default=MailState.DRAFT)
    batch = models.CharField(
        _("batch"), max_length=100, blank=True, default="", validators=[batch_label_validator],
        help_text=_("Mails approved and scheduled together share a label, e.g. feedback-call-12."),
    )
    to_email = models.EmailField(_("recipient"))
    to_name = models.CharField(_("recipient name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    # At most one mail per key: "one confirmation per submission", "one reminder
    # per recipient per milestone" (outbox/milestones.py).
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    related_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    related_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    send_after = BoundedDateTimeField(_("send after"), null=True, blank=True)
    # When a send task was last put on the broker; dispatch_due re-queues due
    # rows whose task the broker may have lost (Redis restart).
    queued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The commit point: the whole message has reached the SMTP server and only
    # the final "." remains to be sent. A row found in SENDING with this set is
    # never sent again (it is presumed sent and flagged delivery_uncertain).
    handed_over_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    delivery_uncertain = models.BooleanField(
        _("delivery uncertain"), default=False,
        help_text=_("Sending was interrupted after the mail server had the whole message."),
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    superseded_at = models.DateTimeField(
        _("sent before the decisions were reopened"), null=True, blank=True,
        help_text=_("The decisions this letter reports were reopened after it left: it may no longer be true."),
    )
    resend_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="resends")

    # Who changed what, for the manager's steps (services save() them); the
    # worker's conditional UPDATEs leave their trace in the columns above.
    history = HistoricalRecords(excluded_fields=["body_html", "queued_at", "claimed_at", "handed_over_at"])

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "send_after"], name="outbox_due_idx"),
            models.Index(fields=["related_type", "related_id"], name="outbox_related_idx"),
            models.Index(fields=["batch", "state"], name="outbox_batch_idx"),
            models.Index(fields=["state", "-sent_at"], name="outbox_sent_log_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=MailState.values), name="outbox_state_valid"),
            date_range_constraint("send_after", name="outbox_send_after_in_range", with_time=True),
            models.CheckConstraint(
                condition=~Q(state=MailState.SENT) | Q(sent_at__isnull=False), name="outbox_sent_has_time"
            ),
            models.CheckConstraint(
                condition=~Q(state=MailState.SCHEDULED) | Q(send_after__isnull=False),
                name="outbox_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state=MailState.SENDING) | Q(claimed_at__isnull=False),
                name="outbox_sending_is_claimed",
            ),
            models.CheckConstraint(
                condition=Q(handed_over_at__isnull=True) | Q(state__in=[MailState.SENDING, MailState.SENT]),
                name="outbox_handover_while_sending",
            ),
            models.CheckConstraint(
                condition=Q(delivery_uncertain=False) | Q(state=MailState.SENT),
                name="outbox_uncertain_only_sent",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"

    @property
    def message_id(self):
        """Stable Message-ID: a receiver sees the same id if a send is ever repeated."""
        return f"<outbox-{self.pk}@jln-portal>"

    @property
    def is_editable(self):
        return self.state in MailState.EDITABLE

    @property
    def can_discard(self):
        return self.state in MailState.DISCARDABLE

    @property
    def can_resend(self):
        return self.state in MailState.RESENDABLE
