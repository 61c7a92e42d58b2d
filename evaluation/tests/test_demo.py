"""The demo data gives the ranking, shortlist and decision pages something to show."""

import pytest

from accounts import demo as accounts_demo
from accounts.models import User
from countries import demo as countries_demo
from eoi import demo as eoi_demo
from eoi.models import Call
from evaluation import demo
from evaluation.enums import ReviewState
from evaluation.models import Conflict, Criterion, Evaluation, Review

pytestmark = pytest.mark.django_db


def test_demo_loads_reviews_twice_without_duplicates(client):
    countries_demo.load()
    accounts_demo.load()
    eoi_demo.load()
    demo.load()
    demo.load()

    seed = Call.objects.get(slug=eoi_demo.SEED_SLUG)
    assert Criterion.objects.filter(call=seed).count() == 3
    assert Criterion.objects.filter(call__slug=eoi_demo.DEMO_SLUG).count() == 3
    assert Evaluation.objects.filter(eoi__call=seed).count() == len(demo.APPLICANTS)
    assert Evaluation.objects.get(eoi__call=seed, eoi__country__code="BF").eligible is False
    # 12 EOIs × 2 facilitators, less Claire on Mali (conflict) and Mongolia; her Philippines review is a draft.
    assert Review.objects.filter(state=ReviewState.SUBMITTED).count() == 21
    assert Review.objects.filter(state=ReviewState.DRAFT).count() == 1
    assert Conflict.objects.get().country.code == "ML"

    client.force_login(User.objects.get(email="manager@example.org"))
    rows = client.get(f"/evaluation/calls/{seed.pk}/ranking/").context["rows"]
    assert len(rows) == len(demo.APPLICANTS) - 1 and rows[0].rank == 1
    assert any(row.result.disagreement for row in rows)
    suggestion = client.get(f"/evaluation/calls/{seed.pk}/shortlist/").context["suggestion"]
    assert suggestion.feasible and suggestion.participants <= seed.max_participants


def test_demo_suggestion_never_prefers_a_lower_ranked_team_that_a_higher_one_could_have_had(client):
    """Issue 14: Mongolia (40.00) was suggested over Laos (56.67). Now a team left out while a team
    ranked below it is suggested did not fit beside the suggested teams ranked above it (the
    call's teams, participants or region cap), and says so."""
    from evaluation.reasons import say
    from evaluation.selectors.panel import selection_rules, shortlist_data

    countries_demo.load()
    accounts_demo.load()
    eoi_demo.load()
    demo.load()
    seed = Call.objects.get(slug=eoi_demo.SEED_SLUG)
    manager = User.objects.get(email="manager@example.org")
    data = shortlist_data(seed, seed.evaluation_settings, manager)
    rules = selection_rules(seed, seed.evaluation_settings)
    suggestion = data.suggestion
    rows = {row.evaluation.pk: row.evaluation for row in data.rows}
    decisions = {d.candidate_id: d for d in suggestion.decisions}
    last = max(d.rank for d in suggestion.decisions if d.included)

    skipped = [d for d in suggestion.decisions if not d.included and d.rank < last]
    for decision in skipped:
        above = [rows[pk] for pk in suggestion.chosen if decisions[pk].rank < decision.rank]
        team = rows[decision.candidate_id]
        region_count = sum(e.eoi.country.region == team.eoi.country.region for e in above)
        assert (len(above) + 1 > rules.max_teams
                or sum(e.team_size for e in above) + team.team_size > (rules.max_participants or 10 ** 6)
                or (rules.max_per_region is not None and region_count + 1 > rules.max_per_region)
                ), f"{team.eoi.country.name} fits beside the teams ranked above it"
        assert decision.reasons and all(say(r, data.names) for r in decision.reasons)
    names = {data.names[pk]: d for pk, d in decisions.items()}
    assert not (names["Mongolia"].included and not names["Laos"].included)


def test_demo_members_of_two_teams_have_answered_their_requests():
    from eoi.models import ConfirmationState, MemberConfirmation
    from outbox.models import OutboundMail

    countries_demo.load()
    accounts_demo.load()
    eoi_demo.load()
    demo.load()
    states = {code: sorted(MemberConfirmation.objects.filter(member__eoi__country__code=code)
                           .values_list("state", flat=True)) for code in ("GH", "SN", "KE")}
    assert states["GH"] == ["confirmed"] * 3 + ["waiting"]
    assert states["SN"] == ["confirmed"] * 3 + ["declined"]
    assert states["KE"] == []
    assert MemberConfirmation.objects.filter(state=ConfirmationState.CONFIRMED, needs_interpretation=True).count() == 2
    assert OutboundMail.objects.filter(to_email="focal.sn@example.org", subject__contains="C. Nguyen").exists()
