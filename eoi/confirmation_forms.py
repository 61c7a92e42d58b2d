"""The form a proposed member answers on their personal page (eoi/views/confirm.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MemberAnswerForm(forms.Form):
    CONFIRM, DECLINE = "confirm", "decline"

    answer = forms.ChoiceField(
        label=_("Your answer"), widget=forms.RadioSelect,
        choices=[(CONFIRM, _("I confirm: I will be a member of the team")),
                 (DECLINE, _("I decline: I cannot be a member of the team"))],
    )
    consent = forms.BooleanField(
        label=_("I agree that my name, position, organisation, e-mail address and gender are used for the selection "
                "of the country teams."),
        required=False,
    )
    needs_interpretation = forms.BooleanField(
        label=_("I need simultaneous French interpretation at the meetings"), required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == self.CONFIRM and not data.get("consent"):
            self.add_error("consent", _("To confirm, you must agree to your data being used for the selection."))
        return data

    @property
    def confirmed(self):
        return self.cleaned_data["answer"] == self.CONFIRM
