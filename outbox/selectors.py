from django.db.models import Count

from .models import OutboundMail


def outbox_list():
    return OutboundMail.objects.only(
        "pk", "kind", "state", "to_email", "to_name", "language", "subject", "created_at", "sent_at", "last_error"
    )


def outbox_counts_by_state(queryset=None):
    queryset = OutboundMail.objects.all() if queryset is None else queryset
    return dict(queryset.order_by().values_list("state").annotate(n=Count("pk")))
