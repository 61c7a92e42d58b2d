from django import forms
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy as _
from django_countries import countries as iso_countries

from accounts.enums import Language
from countries.enums import MembershipLevel, Region
from countries.models import Country
from jln_portal import dates

from .enums import decision_choices
from .models import MembershipApplication, SteeringMeeting
from .selectors import application_open_for_country

ALREADY_MEMBER = {
    MembershipLevel.FULL: _("%(country)s: already a full member of the JLN, no application is needed."),
    MembershipLevel.ASSOCIATE: _(
        "%(country)s: already an associate member of the JLN. Associate members become full members after "
        "one year, once they have formed a country core group: the network manager records the change. "
        "Write to the network manager for more information."
    ),
}


class MembershipApplicationForm(forms.ModelForm):
    """The public form: a country that is not yet a member expresses interest
    in associate membership. Every country is listed, so that someone from a
    member country who looks for it is told why they need not apply."""

    country_code = forms.ChoiceField(label=_("Country"))
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", "---------"), *Region.choices],
        help_text=_("The JLN region your country belongs to."),
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "institution", "contact_name", "contact_position", "contact_email", "language",
            "commitment", "motivation", "expected_contribution",
        ]
        widgets = {
            "commitment": forms.Textarea(attrs={"rows": 5}),
            "motivation": forms.Textarea(attrs={"rows": 5}),
            "expected_contribution": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"institution": _("The ministry, agency or institution that applies on the country's behalf.")}

    field_order = ["country_code", "region", *Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Names in the active language, sorted in it (django-countries does both).
        self.fields["country_code"].choices = [("", "---------"), *list(iso_countries)]
        if not self.is_bound:
            self.initial.setdefault("language", get_language()[:2] if get_language()[:2] in Language.values else "en")

    def clean_country_code(self):
        code = self.cleaned_data["country_code"]
        country = Country.objects.filter(code=code).first()
        if country is not None and country.membership_level in ALREADY_MEMBER:
            raise forms.ValidationError(ALREADY_MEMBER[country.membership_level] % {"country": country.name})
        application = application_open_for_country(code)
        if application is not None:
            raise forms.ValidationError(
                _("An application for this country (%(country)s), submitted on %(date)s, is already waiting for the "
                  "steering group's decision. Only one application per country can be open at a time.")
                % {"country": application.country.name,
                   "date": formats.date_format(timezone.localtime(application.submitted_at), "DATE_FORMAT")}
            )
        return code


class MeetingScheduleForm(forms.ModelForm):
    class Meta:
        model = SteeringMeeting
        fields = ["date", "place", "online"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"place": _("City and venue; leave empty for a meeting held only online.")}

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return date

    def clean(self):
        data = super().clean()
        if not data.get("online") and not data.get("place", "").strip():
            self.add_error("place", _("Give the place of the meeting, or tick “online”."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision of the steering group"), choices=decision_choices, widget=forms.RadioSelect)
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the steering group discussed and why it decided so. Not sent to the applicant."),
    )


class UpgradeForm(forms.Form):
    on = dates.DateField(
        label=_("Full member from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date the country became a full member (today or earlier)."),
    )

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("Choose today or an earlier date."))
        return on
