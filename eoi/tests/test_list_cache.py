"""The staff list's cached content: the same as a fresh one, and never stale — each thing
the list shows, changed by whatever path, shows on the very next request."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse

from countries.tests.factories import CountryFactory
from eoi import services
from eoi.models import ExpressionOfInterest, TeamMember
from evaluation.enums import EvaluationState
from evaluation.models import Evaluation

from .factories import CallFactory, EOIFactory, fill_complete
from .test_lists import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(client, manager, focal, country, other_country):
    """A call with a submitted EOI (`country`) and a draft (`other_country`); the manager signed in."""
    call = CallFactory()
    submitted = fill_complete(EOIFactory(call=call, country=country))
    services.eoi_submit(eoi=submitted, by=focal)
    draft = EOIFactory(call=call, country=other_country, problem_count=3)
    client.force_login(manager)
    url = reverse("eoi:manage_eois", args=[call.pk])
    client.get(url)  # now in the cache
    return call, submitted, draft, url


def row(response, eoi):
    """The text of `eoi`'s row in the list."""
    html = main(response)
    start = html.index(f'href="{reverse("eoi:detail", args=[eoi.pk])}"')
    return html[start:html.index("</tr>", start)]


def test_cached_list_equals_a_fresh_one(client, listed):
    call, submitted, draft, url = listed
    cached = client.get(url)
    cache.clear()
    fresh = client.get(url)
    assert main(cached) == main(fresh)
    assert "Soumise" not in main(fresh) and ">Submitted<" in row(fresh, submitted)


def test_status_change_shows_at_once(client, listed, manager):
    call, submitted, draft, url = listed
    services.eoi_withdraw(eoi=submitted, by=manager)
    assert "Withdrawn" in row(client.get(url), submitted)
    ExpressionOfInterest.objects.filter(pk=submitted.pk).update(status="reopened")  # no version, no updated_at
    response = client.get(url)
    assert "Reopened for changes" in row(response, submitted)
    assert 'data-count="reopened">1<' in main(response)


def test_decision_shows_at_once(client, listed):
    call, submitted, draft, url = listed
    evaluation = Evaluation.objects.create(eoi=submitted, team_size=4)
    assert ">Submitted<" in row(client.get(url), submitted)
    Evaluation.objects.filter(pk=evaluation.pk).update(state=EvaluationState.SELECTED, decision=EvaluationState.SELECTED)
    assert ">Selected<" in row(client.get(url), submitted)


@pytest.mark.parametrize("field, value, shown", [
    ("region", "asia", "Asia"),
    ("working_language", "en", "English"),
    ("membership_level", "associate", "Associate member"),
])
def test_country_change_shows_at_once(client, listed, country, field, value, shown):
    call, submitted, draft, url = listed
    assert shown not in row(client.get(url), submitted)
    setattr(country, field, value)
    country.save()
    assert shown in row(client.get(url), submitted)


def test_team_member_change_shows_at_once(client, listed):
    call, submitted, draft, url = listed
    assert "<td>0</td><td>3</td>" in row(client.get(url), draft)  # members, problems
    TeamMember.objects.create(eoi=draft, slot=1, name="Ada Obi")  # as the admin's inline would
    assert "<td>1</td><td>3</td>" in row(client.get(url), draft)
    ExpressionOfInterest.objects.filter(pk=draft.pk).update(problem_count=2)
    assert "<td>1</td><td>2</td>" in row(client.get(url), draft)


def test_extension_and_new_eoi_show_at_once(client, listed, manager):
    call, submitted, draft, url = listed
    services.eoi_grant_extension(call=call, country=draft.country, until=call.deadline + timedelta(days=3),
                                 reason="Floods", by=manager)
    response = client.get(url)
    assert "—</td></tr>" not in row(response, draft) and 'data-count="total">2<' in main(response)
    newcomer = EOIFactory(call=call, country=CountryFactory(code="KE"))
    response = client.get(url)
    assert "Kenya" in row(response, newcomer) and 'data-count="total">3<' in main(response)


def test_call_title_and_time_zone_show_at_once(client, listed):
    call, submitted, draft, url = listed
    before = row(client.get(url), submitted)
    call.title_en = "Renamed collaborative"
    call.time_zone = "UTC"
    call.save()
    response = client.get(url)
    assert "Renamed collaborative" in main(response)
    assert row(response, submitted) != before  # the submission time, in the call's new time zone


def test_language_filters_and_page_each_have_their_content(client, listed):
    call, submitted, draft, url = listed
    assert "Soumise" in row(client.get(url, HTTP_ACCEPT_LANGUAGE="fr"), submitted)
    assert ">Submitted<" in row(client.get(url), submitted)
    drafts = main(client.get(url, {"status": "draft"}))
    assert reverse("eoi:detail", args=[draft.pk]) in drafts
    assert reverse("eoi:detail", args=[submitted.pk]) not in drafts


def test_filter_form_with_errors_is_not_stored(client, listed, monkeypatch):
    call, submitted, draft, url = listed
    stored = []
    monkeypatch.setattr(cache, "set", lambda key, value, timeout=None: stored.append(key))
    response = client.get(url, {"status": "nonsense"})
    assert "is-invalid" in main(response)
    assert stored == []
    client.get(url, {"status": "draft"})
    assert len(stored) == 1
