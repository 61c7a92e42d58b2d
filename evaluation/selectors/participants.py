"""The participants of a call's selected teams, for planning its in-person meetings
(issue 17: each meeting's list with the members' answers and language needs).

"Selected" is the final decision (`Evaluation.state == SELECTED`, set when the call's
decisions are finalised), not the panel's proposal in `Evaluation.decision`: a meeting is
planned for the teams the countries have been told about. Before finalising, and after
the decisions are reopened, the list is empty."""

from eoi.enums import EOIStatus
from eoi.models import TeamMember

from ..enums import EvaluationState


def selected_participants(call):
    """The filled members (TeamMember.filled, the one definition) of the call's selected
    teams, each with its country, profile and own answer (`confirmation`, absent for a member
    never asked), by country name (in the active language) then row: one query, whatever the
    number of teams. Declined members are included: the list shows the gap."""
    members = (
        TeamMember.objects.filled()
        .filter(eoi__call=call, eoi__status__in=EOIStatus.RECEIVED, eoi__evaluation__state=EvaluationState.SELECTED)
        .select_related("eoi__country", "profile", "confirmation")
    )
    return sorted(members, key=lambda m: (str(m.eoi.country.name), m.eoi.country_id, m.slot))
