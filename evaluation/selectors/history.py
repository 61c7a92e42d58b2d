"""The audit history of one EOI under review, and of a whole call (every EOI of it)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.models import User

from ..enums import EligibilityItem
from ..models import Assignment, ClarificationRequest, Criterion, EligibilityCheck, Evaluation, Review, Score


@dataclass
class HistoryEntry:
    when: object
    who: object
    subject: str
    action: str  # "+" created, "~" changed, "-" deleted
    changes: list  # [(field label, old, new)]
    reason: str = ""  # why, when the change said so (reopening the decisions)
    evaluation_id: int | None = None  # which EOI (the call-wide history names its country)
    country: str = ""


HISTORY_FIELDS = {
    Evaluation: ("state", "decision", "eligible", "feedback_en", "feedback_fr"),
    EligibilityCheck: ("passed", "override", "override_reason"),
    Assignment: ("reviewer",),
    Review: ("state", "panel_note"),
    Score: ("value", "comment"),
    ClarificationRequest: ("question", "answer"),
}


def evaluation_history(evaluation):
    """Every recorded change to the evaluation, its checklist, assignments,
    reviews, scores and questions, newest first (a constant number of queries)."""
    return _history([evaluation.pk], evaluation.eoi.call_id)


def call_history(call):
    """`evaluation_history` of every EOI of `call` together, newest first, each entry with its
    country's name (a constant number of queries, whatever the number of EOIs)."""
    countries = {e.pk: str(e.eoi.country.name)
                 for e in Evaluation.objects.filter(eoi__call=call).select_related("eoi__country")}
    entries = _history(list(countries), call.pk)
    for entry in entries:
        entry.country = countries.get(entry.evaluation_id, "")
    return entries


def _history(evaluation_ids, call_id):
    review_ids = Review.history.filter(evaluation_id__in=evaluation_ids).values("id")
    sources = {
        Evaluation: Evaluation.history.filter(id__in=evaluation_ids),
        EligibilityCheck: EligibilityCheck.history.filter(evaluation_id__in=evaluation_ids),
        Assignment: Assignment.history.filter(evaluation_id__in=evaluation_ids),
        Review: Review.history.filter(evaluation_id__in=evaluation_ids),
        Score: Score.history.filter(review_id__in=review_ids),
        ClarificationRequest: ClarificationRequest.history.filter(evaluation_id__in=evaluation_ids),
    }
    records = {model: list(qs.select_related("history_user").order_by("history_date", "history_id"))
               for model, qs in sources.items()}
    people = {u.pk: u for u in User.objects.filter(pk__in={
        r.reviewer_id for model in (Assignment, Review) for r in records[model]})}
    criteria = {c.pk: c for c in Criterion.objects.filter(call_id=call_id)}
    reviewer_of = {r.id: people.get(r.reviewer_id) for r in records[Review]}
    evaluation_of_review = {r.id: r.evaluation_id for r in records[Review]}
    entries = []
    for model, rows in records.items():
        previous = {}
        for record in rows:
            subject = str(model._meta.verbose_name).capitalize()
            if model is EligibilityCheck:
                subject = str(EligibilityItem(record.item).label)
            elif model in (Assignment, Review):
                subject = f"{subject} – {people.get(record.reviewer_id, '')}"
            elif model is Score:
                criterion = criteria.get(record.criterion_id)  # its name, never its internal key
                subject = f"{subject} – {criterion.name if criterion else ''} – {reviewer_of.get(record.review_id, '')}"
            before = previous.get(record.id)
            changes = []
            for name in HISTORY_FIELDS[model]:
                label = model._meta.get_field(name).verbose_name
                new = _display(model, name, getattr(record, f"{name}_id" if name == "reviewer" else name), people)
                old = _display(model, name, getattr(before, f"{name}_id" if name == "reviewer" else name), people) \
                    if before is not None else None
                if before is None or old != new:
                    changes.append((label, old, new))
            action = record.history_type
            if action == "~" and not changes:
                previous[record.id] = record
                continue
            if model is Evaluation:
                evaluation_id = record.id
            elif model is Score:
                evaluation_id = evaluation_of_review.get(record.review_id)
            else:
                evaluation_id = record.evaluation_id
            entries.append(HistoryEntry(record.history_date, record.history_user, subject, action, changes,
                                        reason=record.history_change_reason or "", evaluation_id=evaluation_id))
            previous[record.id] = record
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _display(model, name, value, people):
    if value is None or value == "":
        return "—"
    if name == "reviewer":
        return str(people.get(value, value))
    field_ = model._meta.get_field(name)
    if field_.choices:
        return str(dict(field_.choices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)
