import django_filters
from django.utils.translation import gettext_lazy as _

from countries.enums import MembershipLevel, Region, WorkingLanguage

from .confirmation_models import ConfirmationState, MemberConfirmation
from .enums import Completeness, EOIStatus
from .models import ExpressionOfInterest


class EOIFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=EOIStatus.choices, label=_("Status"), empty_label=_("All statuses"))
    region = django_filters.ChoiceFilter(
        field_name="country__region", choices=Region.choices, label=_("Region"), empty_label=_("All regions")
    )
    language = django_filters.ChoiceFilter(
        field_name="country__working_language", choices=WorkingLanguage.choices, label=_("Working language"),
        empty_label=_("All languages"),
    )
    membership_level = django_filters.ChoiceFilter(
        field_name="country__membership_level", choices=MembershipLevel.choices, label=_("JLN membership"),
        empty_label=_("All levels"),
    )
    completeness = django_filters.ChoiceFilter(
        choices=Completeness.choices, label=_("Completeness"), empty_label=_("Complete or not"),
        method="filter_completeness",
    )

    class Meta:
        model = ExpressionOfInterest
        fields = ["status", "region", "language", "membership_level", "completeness"]

    def filter_completeness(self, queryset, name, value):
        if value == Completeness.COMPLETE:
            return queryset.filter(problem_count=0)
        return queryset.filter(problem_count__gt=0)


class ConfirmationFilter(django_filters.FilterSet):
    """The manager's list of a call's member requests. `countries`: those to offer (the call's,
    eoi.selectors.call_confirmation_countries); a value that is not one of them is ignored."""

    state = django_filters.ChoiceFilter(choices=ConfirmationState.choices, label=_("Member's answer"),
                                        empty_label=_("All answers"))
    country = django_filters.ChoiceFilter(field_name="member__eoi__country__code", label=_("Country"),
                                          empty_label=_("All countries"))

    class Meta:
        model = MemberConfirmation
        fields = ["state", "country"]

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = [(country.code.code, country.name) for country in countries]
