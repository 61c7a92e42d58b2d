import django_filters
from django.utils.translation import gettext_lazy as _

from .enums import MailKind, MailState
from .models import OutboundMail


class OutboundMailFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=MailState.choices, label=_("State"))
    kind = django_filters.ChoiceFilter(choices=MailKind.choices, label=_("Kind"))
    to_email = django_filters.CharFilter(lookup_expr="icontains", label=_("Recipient"))

    class Meta:
        model = OutboundMail
        fields = ["state", "kind", "to_email"]
