import django_filters
from django.utils.translation import gettext_lazy as _

from .enums import ApplicationState
from .models import MembershipApplication


class ApplicationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=ApplicationState.choices, label=_("State"), empty_label=_("All states"))

    class Meta:
        model = MembershipApplication
        fields = ["state"]
