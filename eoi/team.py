"""The same person entered twice in a team: same e-mail address (whatever the case) or same
name once normalised (case, accents, spaces and punctuation ignored: "Awa  BA" = "awa ba" =
"Awà Ba."). Pure: read by the EOI form (which says which rows repeat), the completeness check
and the eligibility check (a repeated person counts once towards the team size)."""

import re
import unicodedata
from dataclasses import dataclass


def normalised_name(name):
    decomposed = unicodedata.normalize("NFKD", name or "")
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", letters.casefold()).split())


@dataclass(frozen=True)
class Repeat:
    slot: int  # the later row
    same_as: int  # the first row with this person
    field: str  # "email" or "name"


def repeated_members(members):
    """[Repeat] for each filled member (objects with `slot`, `name`, `email`) who is the same
    person as an earlier row."""
    seen = {"email": {}, "name": {}}
    repeats = []
    for member in sorted(members, key=lambda m: m.slot):
        keys = {"email": (member.email or "").strip().casefold(), "name": normalised_name(member.name)}
        found = next(((field, seen[field][key]) for field, key in keys.items() if key and key in seen[field]), None)
        if found:
            repeats.append(Repeat(slot=member.slot, same_as=found[1], field=found[0]))
        for field, key in keys.items():
            if key:
                seen[field].setdefault(key, member.slot)
    return repeats


def distinct_count(members):
    """How many different people the filled rows `members` name."""
    return len(members) - len(repeated_members(members))
