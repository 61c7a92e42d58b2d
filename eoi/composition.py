"""The composition panel: what the selection factors reward in a proposed team.

Pure functions over plain values, so the same code serves the edit page (from
the form being typed), the saved EOI and the reviewers later on. A member is
anything with `profile_id`, `level`, `gender` and `organisation` attributes.
"""

import re
import unicodedata
from dataclasses import dataclass

from countries.enums import Gender

from .enums import Level


@dataclass(frozen=True)
class Composition:
    members: int
    profile_numbers: tuple  # every profile of the call, in order
    covered: tuple  # the profile numbers at least one member is mapped to
    national: int
    subnational: int
    women: int
    men: int
    other_gender: int
    institutions: int

    @property
    def covered_count(self):
        return len(self.covered)

    @property
    def profile_count(self):
        return len(self.profile_numbers)

    @property
    def missing(self):
        return tuple(n for n in self.profile_numbers if n not in self.covered)

    @property
    def has_both_levels(self):
        return self.national > 0 and self.subnational > 0

    @property
    def gender_balanced(self):
        """Women and men both present, neither outnumbering the other by more than one."""
        return self.women > 0 and self.men > 0 and abs(self.women - self.men) <= 1


def institution_key(name):
    """Names that differ only in case, accents, punctuation or spacing are one institution."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def team_composition(members, profiles):
    """`profiles`: (pk, number) pairs of the call's participant profiles."""
    number_of = dict(profiles)
    members = list(members)
    covered = {number_of[m.profile_id] for m in members if m.profile_id in number_of}
    genders = [m.gender for m in members]
    return Composition(
        members=len(members),
        profile_numbers=tuple(sorted(number_of.values())),
        covered=tuple(sorted(covered)),
        national=sum(1 for m in members if m.level == Level.NATIONAL),
        subnational=sum(1 for m in members if m.level == Level.SUBNATIONAL),
        women=genders.count(Gender.FEMALE),
        men=genders.count(Gender.MALE),
        other_gender=genders.count(Gender.OTHER),
        institutions=len({institution_key(m.organisation) for m in members if institution_key(m.organisation)}),
    )
