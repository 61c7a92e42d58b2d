from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from countries.models import Country
from outbox.enums import MailKind
from outbox.services import mail_create

from .enums import Language, Role
from .models import User


class LoginForm(AuthenticationForm):
    username = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}))


class CountryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


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

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.FOCAL_POINT and not data.get("country"):
            self.add_error("country", _("Choose the country this focal point represents."))
        existing = User.objects.filter(email__iexact=data.get("email", "")).first() if data.get("email") else None
        if existing and data.get("role") and existing.role != data["role"]:
            # An invitation never changes someone's role silently (not even the manager's own).
            self.add_error("email", _(
                "This address already has an account as %(role)s. Invite them with that role, "
                "or change their role in the administration."
            ) % {"role": existing.get_role_display()})
        return data


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the mail going through the outbox."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None):
        user = context["user"]
        mail_create(
            kind=MailKind.PASSWORD_RESET, to_email=to_email, to_name=user.full_name, language=user.language,
            template="accounts/mail/password_reset", context=context,
        )

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)
