import unicodedata

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from countries.models import Country

from .enums import Language, Role
from .models import User


class LoginForm(AuthenticationForm):
    username = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}))
    # One message, without Django's claim that the fields are case-sensitive (the
    # address is not: accounts.models.UserManager).
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Enter a valid e-mail address and password."),
    }


def name_sort_key(name):
    """Alphabetical order as a reader expects it: "Égypte" between "Côte d'Ivoire" and "Ghana"."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class CountryChoiceField(forms.ModelChoiceField):
    """Countries by their name in the reader's language, in that language's order;
    a country that is not a JLN member says so."""

    def label_from_instance(self, obj):
        if obj.is_member:
            return obj.name
        return _("%(country)s (not a JLN member)") % {"country": obj.name}

    def localised_choices(self):
        countries = sorted(self.queryset, key=lambda c: name_sort_key(c.name))
        return [("", self.empty_label), *((c.pk, self.label_from_instance(c)) for c in countries)]


class InvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    # As long as the column that stores it (254), not the 320 an e-mail field allows.
    email = forms.EmailField(label=_("E-mail address"), max_length=User._meta.get_field("email").max_length)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    country = CountryChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False,
        help_text=_("Required for a country focal point."),
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=Language.choices)
    non_member_confirmed = forms.BooleanField(
        label=_("Invite this focal point although the country is not a JLN member"), required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = self.fields["country"].localised_choices()
        self.existing_user = None

    def clean(self):
        data = super().clean()
        country = data.get("country")
        if data.get("role") == Role.FOCAL_POINT and not country:
            self.add_error("country", _("Choose the country this focal point represents."))
        if data.get("role") == Role.FOCAL_POINT and country and not country.is_member and not data.get("non_member_confirmed"):
            # Shown once, then the box is there to tick: the invitation is still possible.
            self.fields["non_member_confirmed"].widget = forms.CheckboxInput()
            self.add_error("country", _(
                "%(country)s is not a JLN member: its focal point can apply only to calls open to "
                "non-members, and their home page points them to the associate-membership form. "
                "Tick the box below to invite them anyway."
            ) % {"country": country.name})
        existing = User.objects.filter(email__iexact=data.get("email", "")).first() if data.get("email") else None
        self.existing_user = existing
        if existing and not existing.is_active:
            self.add_error("email", _(
                "This address has an account that was deactivated. An invitation does not reactivate it: "
                "reactivate it in the administration first if this person should come back."
            ))
        elif existing and data.get("role") and existing.role != data["role"]:
            # An invitation never changes someone's role silently (not even the manager's own).
            self.add_error("email", _(
                "This address already has an account as %(role)s. Invite them with that role, "
                "or change their role in the administration."
            ) % {"role": existing.get_role_display()})
        return data


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form; the view never calls its save(): the mail is made by a task
    (accounts.tasks.password_reset_mail) after the page answered."""

    def save(self, *args, **kwargs):  # pragma: no cover (a guard)
        raise NotImplementedError("accounts.views.PasswordResetView queues accounts.tasks.password_reset_mail")
