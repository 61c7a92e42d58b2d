"""Tables as CSV or XLSX files, safe to open in a spreadsheet.

A `Table` is a title, column headings and rows of plain values (str, int, Decimal, datetime,
None). Every app builds its own tables (eoi/exports.py, evaluation/exports.py); this module
only writes them:

- **Formula injection.** A text cell starting with `=`, `+`, `-`, `@` (or a tab or carriage
  return, which some spreadsheets skip before looking for `=`) is prefixed with an apostrophe,
  so a country's answer "=HYPERLINK(…)" is shown as text and never evaluated. Numbers stay numbers.
- **CSV** is UTF-8 with a byte-order mark (Excel then reads French accents correctly), comma
  separated, every line ending in CRLF (RFC 4180).
- **XLSX** (openpyxl, write-only mode: constant memory) has one sheet per table, headings in
  bold and frozen, dates as real dates (without time zone, in the zone the caller chose).
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.http import HttpResponse

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


@dataclass
class Table:
    title: str  # the sheet's name in XLSX (at most 31 characters are kept)
    headers: list
    rows: list = field(default_factory=list)


def safe_text(value):
    """A text cell that a spreadsheet will never evaluate as a formula."""
    text = str(value)
    return "'" + text if text.startswith(DANGEROUS_PREFIXES) else text


def cell_value(value, *, for_csv=False):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper() if for_csv else value
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="minutes") if for_csv else value
    return safe_text(value)


def csv_bytes(table):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([cell_value(v, for_csv=True) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(tables):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    used = set()
    for table in tables:
        sheet = workbook.create_sheet(title=_sheet_title(table.title, used))
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        headings = []
        for heading in table.headers:
            cell = WriteOnlyCell(sheet, value=safe_text(heading))
            cell.font = bold
            headings.append(cell)
        sheet.append(headings)
        for row in table.rows:
            sheet.append([cell_value(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_title(title, used):
    """Sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    clean = "".join(" " if c in "[]:*?/\\" else c for c in str(title)).strip()[:31] or "Sheet"
    candidate, number = clean, 2
    while candidate.casefold() in used:
        suffix = f" ({number})"
        candidate, number = clean[: 31 - len(suffix)] + suffix, number + 1
    used.add(candidate.casefold())
    return candidate


def table_response(table, *, filename, file_format):
    """An attachment: `filename` without extension, `file_format` "csv" or "xlsx"."""
    if file_format == "csv":
        content, content_type = csv_bytes(table), CSV_TYPE
    else:
        content, content_type = xlsx_bytes([table]), XLSX_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    response["Cache-Control"] = "private, no-store"
    return response
