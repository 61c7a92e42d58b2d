"""Changes to countries and their core groups. The JLN member list is loaded from a CSV shipped in
countries/data/ (from public JLN announcements; see its README)."""

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django_countries import countries as iso_countries

from .enums import MembershipLevel, Region
from .models import CoreGroup, Country

DEFAULT_CSV = Path(__file__).resolve().parent / "data" / "jln_countries.csv"
# The CSV names regions in English words; membership levels are our own values.
_REGIONS = {"Africa": Region.AFRICA, "Asia": Region.ASIA, "Europe": Region.EUROPE,
            "Latin America": Region.LATIN_AMERICA, "Middle East": Region.MIDDLE_EAST}
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


def _since(evidence):
    """The first date the evidence names: '(2010)' → 2010-01-01, 'January 2018' → 2018-01-01."""
    match = re.search(r"(?:([A-Za-z]+)\s+)?((?:19|20)\d{2})", evidence or "")
    if not match:
        return None
    month = _MONTHS.get((match.group(1) or "").lower(), 1)
    return date(int(match.group(2)), month, 1)


def _row_values(row):
    code = row["iso2"].strip().upper()
    if code not in dict(iso_countries):
        raise ValueError(f"Unknown ISO 3166 code {code!r}")
    return code, {
        "region": _REGIONS[row["region"].strip()],
        "working_language": row["working_language"].strip(),
        "membership_level": MembershipLevel(row["membership_level"].strip()),
        "member_since": _since(row.get("evidence", "")),
    }


@transaction.atomic
def countries_load(*, path=DEFAULT_CSV, overwrite=False):
    """Create the countries of the CSV. Existing rows are left as staff corrected
    them unless `overwrite`; rows equal to the CSV are not saved, so loading
    twice changes nothing (no history entry either)."""
    report = LoadReport()
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, values = _row_values(row)
            country = Country.objects.filter(code=code).first()
            if country is None:
                Country.objects.create(code=code, **values)
                report.created.append(code)
                continue
            changed = {k: v for k, v in values.items() if getattr(country, k) != v}
            if not changed or not overwrite:
                report.unchanged.append(code)
                continue
            for name, value in changed.items():
                setattr(country, name, value)
            country.save(update_fields=list(changed))
            report.updated.append(code)
    return report


def country_membership_set(*, country, level, since, by, reason=""):
    """Set the country's JLN membership level and since when. The previous
    level stays in the country's history (simple-history), with who and why."""
    country.membership_level = level
    country.member_since = since
    country.full_clean()
    country._history_user = by
    country._change_reason = reason[:100]
    country.save(update_fields=["membership_level", "member_since"])
    return country


class CoreGroupConflict(Exception):
    """Someone saved the core group after the form was opened; `current` is the group as saved."""

    def __init__(self, current):
        self.current = current
        super().__init__("core group saved by someone else")


def _is_coordinator_last(member):
    return member.is_coordinator


@transaction.atomic
def core_group_update(*, country, established_on, members_to_save, members_to_delete, by, expected_version=None):
    """Save the country's core group: its date of establishment and its members
    (new or changed `CoreGroupMember` instances, and those to delete). Creates
    the group if the country has none. Coordinators are saved last so that
    handing the role from one member to another never meets the database's
    one-coordinator rule half-way. Raises ValidationError (nothing saved), or
    CoreGroupConflict when `expected_version` (the version the form was opened
    with) is older than the saved one."""
    group = CoreGroup.objects.select_for_update().filter(country=country).first()
    if group is None:
        group = CoreGroup(country=country)
    elif expected_version is not None and expected_version != group.version:
        raise CoreGroupConflict(group)
    group.established_on = established_on
    group.version += 1
    group.full_clean()
    group._history_user = by
    group.save()
    for member in members_to_delete:
        member._history_user = by
        member.delete()
    for member in sorted(members_to_save, key=_is_coordinator_last):
        member.core_group = group
        member.full_clean()
        member._history_user = by
        member.save()
    return group
