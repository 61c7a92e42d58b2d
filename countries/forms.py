from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import CoreGroup, CoreGroupMember


class CoreGroupForm(forms.ModelForm):
    # The version the form was opened with (services.core_group_update refuses an older one).
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    class Meta:
        model = CoreGroup
        fields = ["established_on"]
        widgets = {"established_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"established_on": _("Leave empty if you do not know the date.")}


class CoreGroupMemberForm(forms.ModelForm):
    """One row of the members table (compact widgets, labels read by screen readers)."""

    class Meta:
        model = CoreGroupMember
        fields = ["name", "institution", "position", "email", "gender", "is_coordinator"]
        widgets = {
            "name": forms.TextInput(attrs={"class": "form-control form-control-sm", "autocomplete": "off"}),
            "institution": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "position": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "email": forms.EmailInput(attrs={"class": "form-control form-control-sm", "autocomplete": "off"}),
            "gender": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "is_coordinator": forms.CheckboxInput(attrs={"class": "form-check-input"}),
        }


class BaseCoreGroupMemberFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        coordinators = [
            form for form in self.forms
            if form.cleaned_data.get("is_coordinator") and not form.cleaned_data.get("DELETE")
        ]
        if len(coordinators) > 1:
            raise forms.ValidationError(_("Only one member can be the coordinator of the core group."))


CoreGroupMemberFormSet = inlineformset_factory(
    CoreGroup, CoreGroupMember, form=CoreGroupMemberForm, formset=BaseCoreGroupMemberFormSet,
    extra=2, can_delete=True,
)
