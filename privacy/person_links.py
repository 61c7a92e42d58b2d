"""The parts of one person's export found by looking at every table (privacy.person): the
history tables that keep their address, and the other rows that point to their account (who
started, approved, recorded… something). A table added later is covered without a change here.
One query per table, whatever the number of rows."""

from datetime import UTC

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext as _

# Rows the export already lists in full (privacy.person) or that are not about the person.
LISTED = {"accounts.User", "accounts.Invitation", "eoi.ExpressionOfInterest", "evaluation.Review",
          "evaluation.Conflict", "reports.DownloadRecord", "sessions.Session"}


def utc(moment):
    return moment.astimezone(UTC).isoformat() if moment else None


def section(key, title, fields, rows):
    """One part of the export: its rows, and the label of each of their fields."""
    return {
        "key": key, "title": str(title), "count": len(rows),
        "fields": [{"key": name, "label": str(text)} for name, text in fields], "rows": rows,
    }


def history_models():
    """(historical model, its e-mail fields) for every history table keeping an address."""
    found = []
    for model in apps.get_models():
        if hasattr(model, "instance_type"):
            names = [f.name for f in model._meta.fields if isinstance(f, models.EmailField)]
            if names:
                found.append((model, names))
    return sorted(found, key=lambda pair: pair[0]._meta.label)


def history_section(email):
    fields = [("record", _("record")), ("count", _("number of versions")), ("dates", _("dates of the versions"))]
    rows = []
    for model, names in history_models():
        match = Q()
        for name in names:
            match |= Q(**{f"{name}__iexact": email})
        dates = [utc(d) for d in model.objects.filter(match).order_by("history_date").values_list("history_date", flat=True)]
        if dates:
            rows.append({"record": str(model.instance_type._meta.verbose_name_plural), "count": len(dates), "dates": dates})
    return section("history", _("Earlier versions kept in the history"), fields, rows)


def user_reference_models():
    """(model, its foreign keys to the user) for every table but the history and those LISTED."""
    found = []
    for model in apps.get_models():
        if hasattr(model, "instance_type") or model._meta.label in LISTED:
            continue
        names = [f.name for f in model._meta.fields
                 if f.is_relation and f.many_to_one and f.related_model._meta.label == settings.AUTH_USER_MODEL]
        if names:
            found.append((model, names))
    return sorted(found, key=lambda pair: pair[0]._meta.label)


def linked_records_section(users):
    fields = [("record", _("record")), ("as", _("as")), ("count", _("Number"))]
    rows = []
    for model, names in user_reference_models() if users else []:
        found = model._default_manager.aggregate(**{name: Count("pk", filter=Q(**{f"{name}__in": users})) for name in names})
        rows += [{"record": str(model._meta.verbose_name_plural), "as": str(model._meta.get_field(name).verbose_name),
                  "count": found[name]} for name in names if found[name]]
    return section("linked_records", _("Other records linked to their account"), fields, rows)
