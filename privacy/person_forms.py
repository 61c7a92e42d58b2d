from django import forms
from django.utils.translation import gettext_lazy as _

from .person import normalised

FORMATS = [("json", "JSON"), ("pdf", "PDF")]


class PersonSearchForm(forms.Form):
    """The address of the person whose data is asked for (matched exactly, in any case)."""

    email = forms.EmailField(
        label=_("E-mail address"), max_length=254,
        help_text=_("Everything stored about the person with exactly this address, whatever its case."),
    )

    def clean_email(self):
        return normalised(self.cleaned_data["email"])


class PersonDownloadForm(PersonSearchForm):
    """The same address, carried in the body of a POST to the download (never in a URL)."""

    file_format = forms.ChoiceField(choices=FORMATS, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget = forms.HiddenInput()
