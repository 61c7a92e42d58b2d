import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from countries.enums import Region, WorkingLanguage

from .enums import EvaluationState, RankingSort
from .models import Evaluation

ELIGIBILITY_CHOICES = [("eligible", _("Eligible only")), ("ineligible", _("Ineligible only")), ("all", _("All"))]


class RankingFilter(django_filters.FilterSet):
    """The ranking's filters. Region, language, state and eligibility filter the
    query; `flagged`, `normalised` and `sort` act on the computed figures (the
    selector reads them from `form.cleaned_data`)."""

    region = django_filters.ChoiceFilter(
        field_name="eoi__country__region", choices=Region.choices, label=_("Region"), empty_label=_("All regions")
    )
    language = django_filters.ChoiceFilter(
        field_name="eoi__country__working_language", choices=WorkingLanguage.choices, label=_("Working language"),
        empty_label=_("All languages"),
    )
    state = django_filters.ChoiceFilter(choices=EvaluationState.choices, label=_("State"), empty_label=_("All states"))
    eligibility = django_filters.ChoiceFilter(
        choices=ELIGIBILITY_CHOICES, label=_("Eligibility"), method="filter_eligibility", empty_label=None,
    )
    flagged = django_filters.BooleanFilter(
        label=_("Only where reviewers disagree"), method="keep", widget=forms.CheckboxInput,
    )
    normalised = django_filters.BooleanFilter(
        label=_("Show scores normalised per reviewer"), method="keep", widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        choices=RankingSort.choices, label=_("Sort by"), method="keep", empty_label=None,
    )

    class Meta:
        model = Evaluation
        fields = ["region", "language", "state", "eligibility"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("eligibility", "eligible")  # ineligible EOIs leave the ranking unless asked for
        data.setdefault("sort", RankingSort.MEAN)
        super().__init__(data, *args, **kwargs)

    def filter_eligibility(self, queryset, name, value):
        if value == "eligible":
            return queryset.filter(eligible=True)
        if value == "ineligible":
            return queryset.filter(eligible=False)
        return queryset

    def keep(self, queryset, name, value):
        return queryset

    def option(self, name, default=None):
        if not self.form.is_valid():
            return default
        return self.form.cleaned_data.get(name) or default
