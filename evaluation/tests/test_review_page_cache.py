"""The review page shows the EOI's content and the call's criteria from the cache only while
they have not changed (selectors.content_versions, criteria_versions; jln_portal/cache.py):
each change shows on the next request. What depends on the user (their review and form,
others' scores, permissions) and the checklist and questions are read on every request."""

import re

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.test import RequestFactory

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from eoi.models import Call, Question, TeamMember
from eoi.services import calls as call_services
from evaluation import services
from evaluation.models import Assignment, RubricLevel, SelectionFactor

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluation = under_review(call, [CountryFactory(code="KE")], by=manager)["KE"]
    me = facilitator()
    Assignment.objects.create(evaluation=evaluation, reviewer=me)
    other = facilitator(full_name="Bo Reviewer")
    review(evaluation, other, (4, 4, 4))
    return {"manager": manager, "call": call, "evaluation": evaluation, "eoi": evaluation.eoi, "me": me,
            "other": other}


def _page(client, world, user=None):
    client.force_login(user or world["me"])
    response = client.get(f"/evaluation/eois/{world['evaluation'].pk}/")
    assert response.status_code == 200
    return response


def _html(client, world, user=None):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", _page(client, world, user).content.decode())


def test_cached_page_equals_the_freshly_built_one(client, world):
    fresh = _html(client, world)
    cached = _html(client, world)
    cache.clear()
    assert cached == fresh == _html(client, world)
    assert "A short and relevant answer." in fresh and "Member 4" in fresh


def test_review_page_queries_with_its_parts_cached_and_read(client, world, django_assert_num_queries):
    client.force_login(world["me"])
    url = f"/evaluation/eois/{world['evaluation'].pk}/"
    client.get(url)
    with django_assert_num_queries(10):
        client.get(url)
    cache.clear()
    # + the criteria, their rubric and the selection factors (3); the questions with the EOI's
    # answers, its team and the call's profiles (3).
    with django_assert_num_queries(16):
        client.get(url)


def test_an_answer_or_a_team_member_changed_shows_at_once(client, world):
    _page(client, world)
    answer = world["eoi"].answers.first()
    answer.text = "A repaired answer."  # as the EOI admin's inline saves it
    answer.save()
    assert "A repaired answer." in _html(client, world)
    member = TeamMember.objects.get(eoi=world["eoi"], slot=2)
    member.name = "Mariam Traoré"
    member.save()
    member.delete()
    html = _html(client, world)
    assert "Mariam Traoré" not in html and "Member 2" not in html and "Member 3" in html


def test_the_contact_changed_shows_at_once(client, world):
    _page(client, world)
    eoi = world["eoi"]
    eoi.contact_name = "Fatou Sow"
    eoi.save()
    assert "Fatou Sow" in _html(client, world)


def test_a_question_changed_in_the_admin_or_by_load_calls_shows_at_once(client, world):
    _page(client, world)
    question = Question.objects.filter(call=world["call"], kind="text").order_by("order").first()
    question.prompt_en = "What has your country reformed?"
    question.save()
    call = Call.objects.get(pk=world["call"].pk)
    request = RequestFactory().post("/")
    request.user = world["manager"]
    admin.site._registry[Call].save_model(request, call, None, True)  # the admin saves the call with its inlines
    assert "What has your country reformed?" in _html(client, world)


def test_load_calls_touches_a_call_whose_questions_change():
    """`load_calls` changes a call's questions and profiles from its file: it moves the call's
    `updated_at`, under which the review page caches the answers to them."""
    data = call_services.read_call_file(call_services.SEEDED_CALLS[0])
    call, created, _changed = call_services.call_load(data=data)
    before = call.updated_at
    assert call_services.call_load(data=data)[2] is False and Call.objects.get(pk=call.pk).updated_at == before
    data["questions"][0]["prompt"]["en"] = "A question rewritten in the call's file."
    assert call_services.call_load(data=data)[2] is True
    assert Call.objects.get(pk=call.pk).updated_at > before


def test_criteria_rubric_and_factors_changed_show_at_once(client, world):
    _page(client, world)
    criterion = world["call"].criteria.order_by("order").first()
    criterion.name_en = "Commitment of the country's leaders"  # as the criterion's admin page saves it
    criterion.save()
    assert "Commitment of the country&#x27;s leaders" in _html(client, world)
    level = RubricLevel.objects.filter(criterion=criterion).order_by("score").last()
    level.description_en = "Outstanding, with evidence"
    level.save()
    assert "Outstanding, with evidence" in _html(client, world)
    level.delete()
    assert "Outstanding, with evidence" not in _html(client, world)
    factor = SelectionFactor.objects.create(call=world["call"], key="regions", name_en="Regional balance")
    assert "Regional balance" in _html(client, world)
    factor.name_en = "Balance between regions"
    factor.save()
    html = _html(client, world)
    assert "Balance between regions" in html and "Regional balance" not in html


def test_a_language_switch_shows_the_cached_part_in_french(client, world):
    english = _html(client, world)
    assert "Proposed team" in english and "Participant profiles covered" in english
    client.cookies["django_language"] = "fr"
    french = _html(client, world)
    assert "Équipe proposée" in french and "Profils de participants couverts" in french
    assert "Participant profiles covered" not in french


def test_what_depends_on_the_reviews_and_the_user_shows_at_once(client, world):
    first = _html(client, world)
    assert "Bo Reviewer" not in first  # hidden until my own review is submitted
    review(world["evaluation"], world["me"], (1, 2, 3))
    assert "Bo Reviewer" in _html(client, world)
    review(world["evaluation"], world["other"], (0, 0, 0))
    assert "total 0.00 / 100" in _html(client, world)
    world["other"].full_name = "Bo Renamed"
    world["other"].save()
    assert "Bo Renamed" in _html(client, world)


def test_an_override_and_a_clarification_show_at_once(client, world):
    _page(client, world)
    check = world["evaluation"].checks.get(item="country_eligible")
    services.eligibility_override(check=check, met=False, reason="Not a member of the network.", by=world["me"])
    assert "Not a member of the network." in _html(client, world)
    services.clarification_ask(evaluation=world["evaluation"], question="Which regions take part?", by=world["me"])
    assert "Which regions take part?" in _html(client, world)


def test_a_form_with_errors_is_never_cached(client, world):
    client.force_login(world["me"])
    url = f"/evaluation/eois/{world['evaluation'].pk}/"
    client.get(url)
    response = client.post(url, {"submit": "1"})
    assert response.status_code == 200 and response.context["form"].errors
    assert "Score this criterion before submitting." in response.content.decode()
    assert "Score this criterion before submitting." not in client.get(url).content.decode()
