"""Calls for expressions of interest and the countries' answers to them.

A call's own content (title, body, questions, profiles, meetings) is bilingual
data: django-modeltranslation adds `<field>_en` / `<field>_fr` columns
(eoi/translation.py). Deadlines are aware datetimes stored in UTC; the call's
time zone name says how to show them.
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from countries.enums import Gender, MembershipLevel
from jln_portal.dates import BoundedDateField, BoundedDateTimeField, date_range_constraint

from .enums import CallState, Channel, EOIStatus, Level, ProfileLevel, QuestionKind


def validate_timezone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone (e.g. Africa/Nairobi)."), params={"value": value})


def default_retention_months():
    return settings.JLN_DEFAULT_RETENTION_MONTHS


MAX_RETENTION_MONTHS = 120


def validate_membership_levels(value):
    if not isinstance(value, list) or any(level not in MembershipLevel.values for level in value):
        raise ValidationError(_("Choose membership levels from the list."))


class Call(models.Model):
    """A call for expressions of interest in one joint learning collaborative."""

    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    state = models.CharField(_("state"), max_length=20, choices=CallState.choices, default=CallState.DRAFT)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    topic_overview = models.TextField(_("topic overview"), blank=True)
    learning_objectives = models.TextField(_("learning objectives"), blank=True)
    learning_questions = models.TextField(_("illustrative learning questions"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    team_expectations = models.TextField(_("what is expected of country teams"), blank=True)
    level_of_effort = models.TextField(_("level of effort and duration"), blank=True)
    capacity_note = models.TextField(_("number of teams and participants"), blank=True)
    submission_instructions = models.TextField(_("how to submit"), blank=True)
    selection_note = models.TextField(_("how countries are selected"), blank=True)
    criteria_text = models.TextField(
        _("evaluation criteria"), blank=True, help_text=_("As published; the scored criteria are set up for the review.")
    )

    opening_date = BoundedDateField(_("opening date"))
    deadline = BoundedDateTimeField(_("submission deadline"), help_text=_("Stored in UTC; shown in the call's time zone."))
    time_zone = models.CharField(_("time zone of the deadline"), max_length=64, default="UTC", validators=[validate_timezone])
    feedback_date = BoundedDateField(_("feedback to countries by"))

    min_team_size = models.PositiveSmallIntegerField(_("minimum team size"), default=4)
    max_team_size = models.PositiveSmallIntegerField(_("maximum team size"), default=5)
    min_teams = models.PositiveSmallIntegerField(_("minimum number of teams"), default=8)
    target_teams = models.PositiveSmallIntegerField(_("target number of teams"), default=10)
    max_participants = models.PositiveSmallIntegerField(_("maximum number of participants"), default=40)
    eligible_membership_levels = models.JSONField(
        _("membership levels that may apply"), default=list, blank=True, validators=[validate_membership_levels]
    )
    alternative_submission_email = models.EmailField(
        _("address for submitting by e-mail"), blank=True,
        help_text=_("Where focal points write if they cannot use the portal."),
    )
    confirmations_required = models.BooleanField(
        _("members must confirm before the EOI can be submitted"), default=False,
        help_text=_("If ticked, a country can submit only once every proposed member has confirmed through their "
                    "own link (the focal point asks them from the draft). Off by default: close to the deadline, "
                    "one member slow to answer would stop the whole country; the panel then sees who has not answered."),
    )

    # Personal data (privacy/services.py, docs/personal-data.md): how long the teams' names and
    # addresses are kept before the retention task anonymises them.
    retention_months = models.PositiveSmallIntegerField(
        _("months personal data is kept"), default=default_retention_months,
        validators=[MaxValueValidator(MAX_RETENTION_MONTHS)],
        help_text=_("Months after the feedback date the personal data of the teams not selected is kept "
                    "(0: anonymised as soon as the feedback date has passed); the selected teams' data is kept "
                    "this long after the collaborative ends."),
    )
    collaborative_ends = BoundedDateField(
        _("collaborative ends"), null=True, blank=True,
        help_text=_("The last day of the collaborative. Empty: it is still running and the selected teams' "
                    "data is kept."),
    )

    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("last changed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("call for expressions of interest")
        verbose_name_plural = _("calls for expressions of interest")
        ordering = ["-deadline"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=CallState.values), name="call_state_valid"),
            models.CheckConstraint(condition=Q(opening_date__lt=F("feedback_date")), name="call_opening_before_feedback"),
            models.CheckConstraint(condition=Q(deadline__date__gt=F("opening_date")), name="call_opening_before_deadline"),
            models.CheckConstraint(condition=Q(deadline__date__lt=F("feedback_date")), name="call_deadline_before_feedback"),
            models.CheckConstraint(condition=Q(min_team_size__gte=1), name="call_min_team_size_positive"),
            models.CheckConstraint(condition=Q(min_team_size__lte=F("max_team_size")), name="call_team_size_range"),
            models.CheckConstraint(condition=Q(min_teams__lte=F("target_teams")), name="call_teams_range"),
            date_range_constraint("opening_date", name="call_opening_date_in_range"),
            date_range_constraint("deadline", name="call_deadline_in_range", with_time=True),
            date_range_constraint("feedback_date", name="call_feedback_date_in_range"),
            models.CheckConstraint(condition=Q(retention_months__lte=MAX_RETENTION_MONTHS),
                                   name="call_retention_months_bounded"),
            date_range_constraint("collaborative_ends", name="call_collaborative_ends_in_range"),
        ]

    def __str__(self):
        return self.title

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_deadline(self):
        """The deadline in the call's own time zone."""
        return timezone.localtime(self.deadline, self.tzinfo)

    @property
    def opens_at(self):
        """Submissions open at 00:00 on the opening date, in the call's time zone."""
        from datetime import datetime, time

        return datetime.combine(self.opening_date, time.min, tzinfo=self.tzinfo)

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.state == CallState.PUBLISHED and self.opens_at <= now and now.replace(microsecond=0) <= self.deadline

    @property
    def is_public(self):
        return self.state in CallState.PUBLIC

    def accepts(self, country):
        """Whether `country`'s JLN membership level may apply (no levels listed: any country)."""
        return not self.eligible_membership_levels or country.membership_level in self.eligible_membership_levels

    def eligible_levels_display(self):
        labels = dict(MembershipLevel.choices)
        return ", ".join(str(labels[level]) for level in self.eligible_membership_levels if level in labels)


class Meeting(models.Model):
    """An in-person meeting of the collaborative that team members commit to."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="meetings")
    month = BoundedDateField(_("month"), help_text=_("Any day of the month; only the month is shown."))
    label = models.CharField(_("meeting"), max_length=300)
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("in-person meeting")
        verbose_name_plural = _("in-person meetings")
        ordering = ["call", "month", "pk"]
        constraints = [date_range_constraint("month", name="meeting_month_in_range")]

    def __str__(self):
        return self.label


class Question(models.Model):
    """One item of a call's questionnaire: a written answer, the team, or the contact person."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=50)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    prompt = models.TextField(_("question"))
    guidance = models.TextField(_("guidance"), blank=True)
    word_limit = models.PositiveSmallIntegerField(
        _("word limit"), null=True, blank=True,
        help_text=_("For the team, the limit of each member's statement. Empty: no limit."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["call", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="question_key_unique_per_call"),
            models.CheckConstraint(condition=Q(kind__in=QuestionKind.values), name="question_kind_valid"),
            models.CheckConstraint(condition=Q(word_limit__isnull=True) | Q(word_limit__gt=0), name="question_word_limit_positive"),
        ]

    def __str__(self):
        return self.prompt


class ParticipantProfile(models.Model):
    """An ideal participant the call describes; each team member is mapped to one."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="profiles")
    number = models.PositiveSmallIntegerField(_("number"))
    organisation = models.CharField(_("organisation"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=ProfileLevel.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("participant profile")
        verbose_name_plural = _("participant profiles")
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="profile_number_unique_per_call"),
            models.CheckConstraint(condition=Q(level__in=ProfileLevel.values), name="profile_level_valid"),
        ]

    def __str__(self):
        return f"{self.number}. {self.organisation}"


def effective_deadline(call_deadline, extended_to):
    """The later of a call's deadline and one country's extension (None: none)."""
    return max(call_deadline, extended_to) if extended_to else call_deadline


class ExpressionOfInterest(models.Model):
    """One country's expression of interest in one call; any focal point of the
    country may edit it. `version` grows with every save: a save made from an
    older version is refused (optimistic concurrency, see services.eoi_save)."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="eois")
    country = models.ForeignKey(
        "countries.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="eois"
    )
    status = models.CharField(_("status"), max_length=30, choices=EOIStatus.choices, default=EOIStatus.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    channel = models.CharField(_("received through"), max_length=10, choices=Channel.choices, default=Channel.PORTAL)

    contact_name = models.CharField(_("contact person's name"), max_length=200, blank=True)
    contact_position = models.CharField(_("contact person's position"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail address"), blank=True)

    # What the completeness check found at the last save: filters and lists read it.
    problem_count = models.PositiveSmallIntegerField(_("problems left"), default=0)

    submitted_at = BoundedDateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    submission_number = models.PositiveSmallIntegerField(_("number of submissions"), default=0)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    deadline_extended_to = BoundedDateTimeField(_("extended deadline"), null=True, blank=True)
    extension_granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("extension granted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    extension_reason = models.TextField(_("reason for the extension"), blank=True)

    created_at = models.DateTimeField(_("started"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("last saved by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["call", "country__code"]
        constraints = [
            models.UniqueConstraint(fields=["call", "country"], name="eoi_one_per_country_per_call"),
            models.CheckConstraint(condition=Q(status__in=EOIStatus.values), name="eoi_status_valid"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="eoi_channel_valid"),
            models.CheckConstraint(condition=Q(version__gte=1), name="eoi_version_positive"),
            date_range_constraint("submitted_at", name="eoi_submitted_at_in_range", with_time=True),
            date_range_constraint("deadline_extended_to", name="eoi_extension_in_range", with_time=True),
            models.CheckConstraint(
                condition=~Q(status__in=EOIStatus.HAS_SUBMISSION) | Q(submitted_at__isnull=False),
                name="eoi_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=EOIStatus.HAS_SUBMISSION) | Q(submission_number__gte=1),
                name="eoi_submitted_has_number",
            ),
        ]

    def __str__(self):
        return f"{self.country} – {self.call}"

    @property
    def effective_deadline(self):
        """This country's deadline: the later of the call's deadline and its own
        extension, so moving the call's deadline never shortens it. The one rule
        (pages, services, reminders, exports, eligibility); in the database:
        `effective_deadline_expression()`."""
        return effective_deadline(self.call.deadline, self.deadline_extended_to)

    @property
    def has_extension(self):
        """Whether this country has more time than the call gives everyone."""
        return self.effective_deadline > self.call.deadline

    @staticmethod
    def effective_deadline_expression(prefix=""):
        """effective_deadline as a database expression (`prefix`: the path to the EOI, e.g. "eoi__")."""
        call_deadline = F(f"{prefix}call__deadline")
        return Greatest(Coalesce(f"{prefix}deadline_extended_to", call_deadline), call_deadline)

    @property
    def is_editable_status(self):
        return self.status in EOIStatus.EDITABLE


class Answer(models.Model):
    """The written answer to one text question."""

    eoi = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("answer"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["eoi", "question"], name="answer_one_per_question"),
        ]

    def __str__(self):
        return f"{self.eoi} – {self.question.key}"


class TeamMemberQuerySet(models.QuerySet):
    def filled(self):
        """The filled rows (TeamMember.is_filled), as a filter the database applies."""
        return self.filter(TeamMember.filled_condition())


class TeamMember(models.Model):
    """A person proposed for the country team, in one of the form's numbered slots.

    **A filled member** — one who counts, for the team size, the completeness check, the
    composition, the staff list, the exports and the evaluation's eligibility — is a row with
    any of its person fields (`PERSON_FIELDS`) typed: a text written, a choice made, the
    meeting commitment ticked. It is the rule of the EOI form, which saves exactly those rows:
    a row with only an e-mail address is a member (whose name is still missing). Two forms of
    the one rule, both made from `PERSON_FIELDS`: `is_filled` / `values_filled()` in Python
    (rows already read, the typed form), `TeamMember.objects.filled()` in the database.
    """

    PERSON_FIELDS = (
        "name", "position", "organisation", "level", "profile_id", "gender", "email", "why_role_matters",
        "commits_to_meetings",
    )

    eoi = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="team_members")
    slot = models.PositiveSmallIntegerField(_("row"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    profile = models.ForeignKey(
        ParticipantProfile, verbose_name=_("participant profile"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="team_members",
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    why_role_matters = models.TextField(_("why their role matters"), blank=True)
    commits_to_meetings = models.BooleanField(_("commits to the in-person meetings"), default=False)
    history = HistoricalRecords()
    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["eoi", "slot"]
        constraints = [
            models.UniqueConstraint(fields=["eoi", "slot"], name="team_member_slot_unique"),
            models.CheckConstraint(condition=Q(slot__gte=1), name="team_member_slot_positive"),
            models.CheckConstraint(condition=Q(level="") | Q(level__in=Level.values), name="team_member_level_valid"),
            models.CheckConstraint(condition=Q(gender="") | Q(gender__in=Gender.values), name="team_member_gender_valid"),
        ]

    def __str__(self):
        return self.name or str(_("(unnamed)"))

    @staticmethod
    def values_filled(values):
        """Whether a row with these person field values ({field: value}) is filled."""
        return any(values.get(field) for field in TeamMember.PERSON_FIELDS)

    @property
    def is_filled(self):
        return self.values_filled({field: getattr(self, field) for field in self.PERSON_FIELDS})

    @classmethod
    def filled_condition(cls):
        """is_filled as a Q: a text not empty, a profile chosen, the commitment ticked."""
        condition = Q()
        for name in cls.PERSON_FIELDS:
            field = cls._meta.get_field(name)
            if isinstance(field, models.BooleanField):
                condition |= Q(**{name: True})
            elif field.null:
                condition |= Q(**{f"{name}__isnull": False})
            else:
                condition |= ~Q(**{name: ""})
        return condition


class StashedInput(models.Model):
    """What someone typed into a form when their session had expired. It is kept
    here (not in the session, which is gone) under a random token carried through
    the login page, and given back to the same form after login — only to the
    person whose session it was (`user`, proved by a signed cookie:
    eoi/services/stash.py). Stale rows are purged by a beat task."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=300)
    data = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("input kept over a login")
        verbose_name_plural = _("inputs kept over a login")

    def __str__(self):
        return self.path
from .confirmation_models import ConfirmationState, MemberConfirmation  # noqa: E402,F401
