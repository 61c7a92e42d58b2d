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
