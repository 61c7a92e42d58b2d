"""The suggested selection's reasoning in words.

`evaluation/selection.py` gives its reasons as codes with parameters; this
module says them in the active language, naming countries instead of ids.
"""

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from countries.enums import Region, WorkingLanguage

from .selection import Code


def _number(value):
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=2)
    return formats.number_format(value)


def _names(ids, names):
    return ", ".join(str(names.get(pk, pk)) for pk in ids) or "—"


def _region(code):
    return str(dict(Region.choices).get(code, code))


def _language(code):
    return str(dict(WorkingLanguage.choices).get(code, code))


def say(reason, names):
    """One reason as a sentence; `names`: {candidate id: country name}."""
    p = reason.params
    code = reason.code
    if code == Code.INCLUDED_BY_SCORE:
        return _("Among the highest-ranked teams that fit within the call's capacity.")
    if code == Code.INCLUDED_FOR_REGION:
        return _("Included so that at least %(min)s regions take part (%(region)s).") % {
            "min": p["min_regions"], "region": _region(p["region"])}
    if code == Code.INCLUDED_FOR_LANGUAGE:
        return ngettext(
            "Included so that at least %(min)s team working in %(language)s takes part.",
            "Included so that at least %(min)s teams working in %(language)s take part.", p["minimum"],
        ) % {"min": p["minimum"], "language": _language(p["language"])}
    if code == Code.INCLUDED_FOR_DIVERSITY:
        return _("Included in a place left free by the diversity rules.")
    if code == Code.EXCLUDED_TEAM_TOO_LARGE:
        return _("Its team of %(people)s is larger than the call's maximum of %(max)s participants.") % {
            "people": p["participants"], "max": p["max_participants"]}
    if code == Code.EXCLUDED_MAX_TEAMS:
        return _("The suggestion already has the call's %(max)s teams.") % {"max": p["max_teams"]}
    if code == Code.EXCLUDED_MAX_PARTICIPANTS:
        return _("Its %(people)s participants added to the %(selected)s already suggested would exceed %(max)s.") % {
            "people": p["participants"], "selected": p["selected_participants"], "max": p["max_participants"]}
    if code == Code.EXCLUDED_REGION_CAP:
        return _("The suggestion already has %(max)s teams from %(region)s.") % {
            "max": p["max_per_region"], "region": _region(p["region"])}
    if code == Code.EXCLUDED_DISPLACES_HIGHER:
        return _("Including it would mean leaving out %(replaces)s, which the suggestion takes first "
                 "(ranked higher).") % {"replaces": _names(p["replaces"], names)}
    if code == Code.EXCLUDED_MIN_TEAMS:
        return _("Including it would leave fewer than %(min)s teams.") % {"min": p["min_teams"]}
    if code == Code.EXCLUDED_RANKED_BELOW:
        return _("Its score is below that of every team in the suggestion (the last of them is ranked %(rank)s).") % {
            "rank": p["rank"]}
    if code == Code.EXCLUDED_BREAKS_DIVERSITY:
        return _("No selection that includes it meets the diversity rules.")
    if code == Code.MIN_TEAMS_NOT_REACHED:
        return _("Only %(teams)s teams fit within the capacity; the call hopes for at least %(min)s.") % {
            "teams": p["teams"], "min": p["min_teams"]}
    if code == Code.DIVERSITY_COST:
        return _("The diversity rules cost %(cost)s points of total score (%(total)s without them).") % {
            "cost": _number(p["cost"]), "total": _number(p["total_without_rules"])}
    if code == Code.MIN_REGIONS_UNREACHABLE:
        return _("At least %(min)s regions are asked for, but the candidates come from %(regions)s.") % {
            "min": p["min_regions"], "regions": p["regions"]}
    if code == Code.MIN_LANGUAGE_UNREACHABLE:
        return _("At least %(min)s teams working in %(language)s are asked for; %(count)s candidate(s) do.") % {
            "min": p["minimum"], "language": _language(p["language"]), "count": p["candidates"]}
    if code == Code.DIVERSITY_CONFLICT:
        return _("Each diversity rule can be met on its own, but not all of them together within the capacity.")
    return str(code)
