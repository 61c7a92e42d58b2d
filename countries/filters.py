import django_filters
from django.utils.translation import gettext_lazy as _

from .enums import MembershipLevel, Region, WorkingLanguage
from .models import Country


class CountryFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(choices=Region.choices, label=_("Region"), empty_label=_("All regions"))
    membership_level = django_filters.ChoiceFilter(
        choices=MembershipLevel.choices, label=_("JLN membership"), empty_label=_("All levels")
    )
    working_language = django_filters.ChoiceFilter(
        choices=WorkingLanguage.choices, label=_("Working language"), empty_label=_("All languages")
    )

    class Meta:
        model = Country
        fields = ["region", "membership_level", "working_language"]
