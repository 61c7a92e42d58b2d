from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jln_portal import dates

from .models import OutboundMail

SEND_NOW = "now"
SEND_LATER = "later"


class MailEditForm(forms.ModelForm):
    class Meta:
        model = OutboundMail
        fields = ["subject", "body_text"]
        widgets = {"body_text": forms.Textarea(attrs={"rows": 18})}
        help_texts = {
            "body_text": _("The HTML version is made again from this text when you save."),
        }


class ScheduleForm(forms.Form):
    """Send now, or at a date and time (in the portal's time zone)."""

    when = forms.ChoiceField(choices=[(SEND_NOW, _("Send now")), (SEND_LATER, _("Send at"))], widget=forms.HiddenInput)
    send_after = dates.DateTimeField(
        label=_("Date and time"), required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean(self):
        data = super().clean()
        if data.get("when") == SEND_LATER:
            send_after = data.get("send_after")
            if send_after is None:
                if "send_after" not in self.errors:
                    self.add_error("send_after", _("Choose the date and time, or send now."))
            elif send_after < timezone.now() - timedelta(minutes=1):
                self.add_error("send_after", _("This time has passed: choose a later one, or send now."))
        else:
            data["send_after"] = None
        return data


class ResendForm(forms.Form):
    """How many resends the page showed: two clicks on it make one resend."""

    seen_resends = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
