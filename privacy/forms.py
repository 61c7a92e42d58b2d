from django import forms
from django.utils.translation import gettext_lazy as _


class PersonErasureForm(forms.Form):
    """The address of the person who asked to be erased, and why (kept with the record)."""

    email = forms.EmailField(
        label=_("The person's e-mail address"), max_length=254,
        help_text=_("Every row holding this address is anonymised: team member, contact person, core group, "
                    "membership application, user account."),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. “Asked by e-mail on 3 March”. Kept with the record of the erasure."),
    )
