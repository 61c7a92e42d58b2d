"""The export of one person (privacy.person.person_data) as people read it: on the page and in
the PDF, each row is a list of (label, text) in the active language — yes/no for ticks, a dash for
nothing, dates written out ("3 December 2026 17:56 UTC", local times with their offset), lists
one item per line. The JSON keeps the raw values."""

import json
from datetime import datetime

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reports.pdf import render_pdf


def _moment(value):
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None or "T" not in value:
        return None
    offset = moment.utcoffset()
    written = formats.date_format(moment, "DATETIME_FORMAT")
    if not offset:
        return f"{written} UTC"
    minutes = int(offset.total_seconds() // 60)
    sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
    return f"{written} (UTC{sign}{minutes // 60:02d}:{minutes % 60:02d})"


def text(value):
    """One value as a line (or lines) of text."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str):
        return (_moment(value) if len(value) >= 19 and value[4:5] == "-" else None) or value
    if isinstance(value, dict):
        return "\n".join(f"{key}: {text(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "\n".join(
            " · ".join(text(v) for v in item.values()) if isinstance(item, dict) else text(item) for item in value
        )
    return str(value)


def readable(data):
    """[{"key", "title", "count", "rows": [[(label, text), …], …]}] for the page and the PDF."""
    return [
        {
            "key": s["key"], "title": s["title"], "count": s["count"],
            "rows": [[(f["label"], text(row.get(f["key"]))) for f in s["fields"]] for row in s["rows"]],
        }
        for s in data["sections"]
    ]


def person_file(data, file_format):
    """(content, content type) of the export as JSON (the raw values) or as a PDF in the active language."""
    if file_format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False), "application/json; charset=utf-8"
    context = {"data": data, "sections": readable(data), "generated": text(data["generated_at"])}
    return render_pdf("privacy/person_pdf.html", context, language=get_language()), "application/pdf"
