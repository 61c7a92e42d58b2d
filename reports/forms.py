from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ReportRequestForm(forms.Form):
    """The language of the file; a kind with parameters subclasses it (registry.py)."""

    do_not_call_in_templates = True  # the Reports page tests `kind.form_class`: a template must not instantiate it

    language = forms.ChoiceField(label=_("Language of the document"), choices=settings.LANGUAGES)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def parameters(self):
        """The kind's parameters, as JSON-serialisable values (everything but the language)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "language"}
