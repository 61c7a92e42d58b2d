import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .enums import MailKind, MailState
from .models import OutboundMail


class OutboundMailFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=MailState.choices, label=_("State"))
    kind = django_filters.ChoiceFilter(choices=MailKind.choices, label=_("Kind"))
    batch = django_filters.CharFilter(label=_("Batch"))
    to_email = django_filters.CharFilter(lookup_expr="icontains", label=_("Recipient"))
    language = django_filters.ChoiceFilter(choices=settings.LANGUAGES, label=_("Language"))
    delivery_uncertain = django_filters.BooleanFilter(
        label=_("Delivery uncertain"),
        widget=forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = OutboundMail
        fields = ["state", "kind", "batch", "to_email", "language", "delivery_uncertain"]
