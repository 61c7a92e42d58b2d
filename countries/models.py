from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from jln_portal.dates import BoundedDateField, date_range_constraint

from .enums import Gender, MembershipLevel, Region, WorkingLanguage


class Country(models.Model):
    """A country and its JLN facts. The name comes from django-countries (ISO
    3166, with French names), so it is never typed by hand."""

    code = CountryField(_("country"), unique=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    working_language = models.CharField(
        _("working language"), max_length=2, choices=WorkingLanguage.choices, default=WorkingLanguage.ENGLISH
    )
    membership_level = models.CharField(
        _("JLN membership"), max_length=20, choices=MembershipLevel.choices, default=MembershipLevel.NONE
    )
    member_since = BoundedDateField(_("member at this level since"), null=True, blank=True)
    jln_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("JLN point of contact"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="contact_for_countries",
        help_text=_("The network-manager team member this country deals with."),
    )
    focal_points = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("focal points"), blank=True, related_name="focal_countries"
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(excluded_fields=["notes"])

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(region__in=Region.values), name="country_region_valid"),
            models.CheckConstraint(
                condition=Q(membership_level__in=MembershipLevel.values), name="country_membership_valid"
            ),
            models.CheckConstraint(
                condition=Q(working_language__in=WorkingLanguage.values), name="country_language_valid"
            ),
            date_range_constraint("member_since", name="country_member_since_in_range"),
        ]

    def __str__(self):
        return str(self.name)

    @property
    def name(self):
        """The country's name in the active language."""
        return self.code.name

    @property
    def is_member(self):
        return self.membership_level in MembershipLevel.MEMBERS


class CoreGroup(models.Model):
    """The country core group (CCG): the national group of key UHC actors."""

    country = models.OneToOneField(Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="core_group")
    established_on = BoundedDateField(_("established on"), null=True, blank=True)
    # A shared text (the focal points and the manager edit it): every save moves it, and a save
    # made from an older version is refused (services.CoreGroupConflict), as EOI drafts are.
    version = models.PositiveIntegerField(_("version"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("country core group")
        verbose_name_plural = _("country core groups")
        constraints = [date_range_constraint("established_on", name="core_group_established_in_range")]

    def __str__(self):
        return str(_("Core group of %(country)s") % {"country": self.country.name})

    @property
    def coordinator(self):
        return next((m for m in self.members.all() if m.is_coordinator), None)


class CoreGroupMember(models.Model):
    core_group = models.ForeignKey(CoreGroup, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    institution = models.CharField(_("institution"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    is_coordinator = models.BooleanField(_("coordinator"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("core group member")
        verbose_name_plural = _("core group members")
        ordering = ["-is_coordinator", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["core_group"], condition=Q(is_coordinator=True), name="core_group_one_coordinator"
            ),
            models.UniqueConstraint(fields=["core_group", "email"], name="core_group_member_email_unique"),
            models.CheckConstraint(condition=Q(gender__in=Gender.values), name="core_group_member_gender_valid"),
        ]

    def __str__(self):
        return self.name
