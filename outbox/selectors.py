"""Every read the outbox pages need, each in a fixed number of queries."""

from django.db.models import Count, Min, Prefetch, Q

from .enums import MailState
from .models import OutboundMail

LIST_COLUMNS = (
    "pk", "kind", "state", "batch", "to_email", "to_name", "language", "subject",
    "created_at", "send_after", "sent_at", "delivery_uncertain", "last_error", "superseded_at",
)


def outbox_list(*, state=None):
    """The outbox list. Filtered by SENT it is the send log: latest first."""
    queryset = OutboundMail.objects.only(*LIST_COLUMNS)
    if state == MailState.SENT:
        return queryset.order_by("-sent_at", "-pk")
    return queryset


def outbox_counts_by_state(queryset=None):
    """[(state, label, n)] for every state, zeros included, in workflow order."""
    queryset = OutboundMail.objects.all() if queryset is None else queryset
    found = dict(queryset.order_by().values_list("state").annotate(n=Count("pk")))
    return [(state, label, found.get(state, 0)) for state, label in MailState.choices]


def _state_counts():
    return {state: Count("pk", filter=Q(state=state)) for state in MailState.values}


def batch_counts(batch):
    """({state: n}, earliest time a mail of the batch is scheduled for) in one query."""
    row = OutboundMail.objects.filter(batch=batch).aggregate(
        **_state_counts(), first_scheduled=Min("send_after", filter=Q(state=MailState.SCHEDULED))
    )
    first_scheduled = row.pop("first_scheduled")
    return row, first_scheduled


def outbox_open_batches():
    """[(batch, {state: n}, first scheduled time)] of the batches that still
    have mails to approve, schedule or send, or that have failures, in one query."""
    rows = (
        OutboundMail.objects.exclude(batch="")
        .values("batch")
        .annotate(**_state_counts(), first_scheduled=Min("send_after", filter=Q(state=MailState.SCHEDULED)))
        .filter(Q(draft__gt=0) | Q(approved__gt=0) | Q(scheduled__gt=0) | Q(sending__gt=0) | Q(failed__gt=0))
        .order_by("first_scheduled", "batch")
    )
    return [
        (row["batch"], {state: row[state] for state in MailState.values}, row["first_scheduled"]) for row in rows
    ]


def mail_detail(pk):
    """One mail with who made it, who approved it, what it resends and its resends."""
    return (
        OutboundMail.objects.select_related("created_by", "approved_by", "resend_of")
        .prefetch_related(
            Prefetch("resends", queryset=OutboundMail.objects.only("pk", "state", "created_at", "resend_of_id"))
        )
        .filter(pk=pk)
    )


def mail_history(mail):
    """Each step a person (or the portal) made on the mail, latest first."""
    return list(
        mail.history.select_related("history_user")
        .only("history_id", "history_date", "history_type", "history_user__full_name", "state", "subject")
        .order_by("-history_date", "-history_id")
    )
