from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.enums import Language
from jln_portal.dates import BoundedDateField, date_range_constraint

from .enums import ApplicationState, MeetingState

OPEN_APPLICATION_EXISTS = _(
    "This country already has a membership application waiting for the steering group's decision."
)


class MembershipApplication(models.Model):
    """A country's expression of interest in associate membership of the JLN,
    submitted on the public form by someone at a national institution."""

    country = models.ForeignKey(
        "countries.Country", verbose_name=_("country"), on_delete=models.PROTECT,
        related_name="membership_applications",
    )
    institution = models.CharField(_("institution"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_position = models.CharField(_("position"), max_length=200)
    contact_email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language for our correspondence"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    commitment = models.TextField(
        _("commitment to UHC reforms"),
        help_text=_("Which reforms towards universal health coverage is your country carrying out?"),
    )
    motivation = models.TextField(_("motivation"), help_text=_("Why does your country wish to join the JLN?"))
    expected_contribution = models.TextField(
        _("expected contribution"),
        help_text=_("What experience could your country share with other members, and how would it take part?"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ApplicationState.choices, default=ApplicationState.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["country"], condition=Q(state__in=ApplicationState.OPEN),
                name="membership_one_open_application_per_country",
                violation_error_message=OPEN_APPLICATION_EXISTS,
            ),
            models.CheckConstraint(
                condition=Q(state__in=ApplicationState.values), name="membership_application_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="membership_application_language_valid"
            ),
        ]

    def __str__(self):
        return str(_("%(country)s, %(institution)s") % {"country": self.country.name, "institution": self.institution})

    @property
    def is_open(self):
        return self.state in ApplicationState.OPEN


class SteeringMeeting(models.Model):
    """A meeting of the JLN steering group (at least twice a year): membership
    applications are decided there."""

    date = BoundedDateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False, help_text=_("Members can join remotely."))
    state = models.CharField(_("state"), max_length=20, choices=MeetingState.choices, default=MeetingState.SCHEDULED)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scheduled by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering-group meeting")
        verbose_name_plural = _("steering-group meetings")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=MeetingState.values), name="steering_meeting_state_valid"),
            models.CheckConstraint(condition=Q(online=True) | ~Q(place=""), name="steering_meeting_has_place"),
            date_range_constraint("date", name="steering_meeting_date_in_range"),
        ]

    def __str__(self):
        return str(_("Steering-group meeting of %(date)s") % {"date": formats.date_format(self.date, "DATE_FORMAT")})

    @property
    def where(self):
        """Where it takes place, in the active language: “Nairobi and online”, “Online”."""
        if not self.place:
            return _("Online")
        if self.online:
            return _("%(place)s and online") % {"place": self.place}
        return self.place


class AgendaItem(models.Model):
    """An application on a meeting's agenda, and the decision taken on it."""

    meeting = models.ForeignKey(SteeringMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items")
    application = models.ForeignKey(
        MembershipApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    decision = models.CharField(
        _("decision"), max_length=20, blank=True,
        choices=[(state.value, state.label) for state in ApplicationState.DECISIONS],
    )
    minutes = models.TextField(_("minutes"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    decided_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting__date", "application__submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "application"], name="agenda_item_once_per_meeting"),
            models.UniqueConstraint(
                fields=["application"], condition=Q(decision=""), name="agenda_item_one_undecided_per_application"
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=ApplicationState.DECISIONS), name="agenda_item_decision_valid"
            ),
            # A decision always comes with its minutes, who recorded it and when; no decision, none of them.
            models.CheckConstraint(
                condition=(
                    Q(decision="", decided_by__isnull=True, decided_at__isnull=True)
                    | (~Q(decision="") & ~Q(minutes="") & Q(decided_by__isnull=False, decided_at__isnull=False))
                ),
                name="agenda_item_decision_complete",
            ),
        ]

    def __str__(self):
        return f"{self.meeting} · {self.application}"

    @property
    def is_decided(self):
        return bool(self.decision)


class ApplicationRequest(models.Model):
    """What the public form received, before its e-mail address is confirmed. It creates
    nothing else (no country, no application, no agenda item, no mail but the link): an
    application counts only once the link sent to this address is followed
    (services.application_confirm). Unconfirmed requests expire and are deleted."""

    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH)
    data = models.JSONField(_("what the form received"))
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    application = models.OneToOneField(
        MembershipApplication, verbose_name=_("application"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="request",
    )

    class Meta:
        verbose_name = _("unconfirmed membership application")
        verbose_name_plural = _("unconfirmed membership applications")
        indexes = [models.Index(fields=["email", "created_at"], name="membership_request_email_idx")]

    def __str__(self):
        return self.email
