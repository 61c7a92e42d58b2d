"""Every date a person types lies between 2000-01-01 and 2100-12-31 (jln_portal/dates.py):
refused beside the field with the input kept, refused by the models and by the database."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import BaseForm
from django.urls import reverse
from django.utils.html import escape

from eoi.enums import Channel
from evaluation.models import EvaluationSettings
from jln_portal.dates import validate_date_in_range

from .fuzz import changes_since, row_counts, signed_in
from .url_matrix_expected import URL_KWARGS

pytestmark = pytest.mark.django_db

SETTINGS = {"disagreement_threshold": "15", "min_regions": "2", "max_per_region": "", "min_french_teams": "0",
            "min_english_teams": "0"}


def out_of_range_message():
    with pytest.raises(ValidationError) as refused:
        validate_date_in_range(date(1, 1, 1))
    return escape(refused.value.messages[0])


@pytest.mark.parametrize(("value", "valid"), [
    (date(1999, 12, 31), False), (date(2000, 1, 1), True), (date(2100, 12, 31), True), (date(2101, 1, 1), False),
    (date(1, 1, 1), False), (date(9999, 12, 31), False),
    (datetime(1, 1, 1, 0, 0, tzinfo=UTC), False), (datetime(2100, 12, 31, 23, 59, tzinfo=UTC), True),
])
def test_validate_date_in_range_bounds(value, valid):
    if valid:
        validate_date_in_range(value)
    else:
        with pytest.raises(ValidationError):
            validate_date_in_range(value)


def _evaluation_pages(world):
    return [reverse(name, kwargs=URL_KWARGS[name](world)) for name in sorted(URL_KWARGS)
            if name.startswith("evaluation:") and "call_pk" in URL_KWARGS[name](world)]


def test_review_deadline_year_one_refused_and_evaluation_pages_work(world):
    """The finding: 0001-01-01 was stored (year 0 in UTC) and every page of the call's
    evaluation answered 500, the settings page included."""
    client = signed_in(world.users["manager"])
    url = reverse("evaluation:call_settings", args=[world.review_call.pk])
    before = EvaluationSettings.objects.get(call=world.review_call).review_deadline
    response = client.post(url, {**SETTINGS, "review_deadline": "0001-01-01T00:00"})
    assert response.status_code == 200
    assert response.context["form"].errors["review_deadline"]
    content = response.content.decode()
    assert out_of_range_message() in content and 'value="0001-01-01T00:00"' in content
    assert EvaluationSettings.objects.get(call=world.review_call).review_deadline == before
    for page in _evaluation_pages(world):
        assert client.get(page).status_code < 500, page


def test_review_deadline_in_range_accepted(world):
    client = signed_in(world.users["manager"])
    url = reverse("evaluation:call_settings", args=[world.review_call.pk])
    response = client.post(url, {**SETTINGS, "review_deadline": "2100-12-31T23:59"})
    assert response.status_code == 302
    assert EvaluationSettings.objects.get(call=world.review_call).review_deadline.year in (2100, 2101)


def test_the_database_refuses_a_stored_date_out_of_range(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationSettings.objects.filter(call=world.review_call).update(
            review_deadline=datetime(1900, 1, 1, tzinfo=UTC))
    with pytest.raises(IntegrityError), transaction.atomic():
        type(world.meeting).objects.filter(pk=world.meeting.pk).update(date=date(2200, 1, 1))


def test_the_models_refuse_a_date_out_of_range(world):
    world.meeting.date = date(1, 1, 1)
    with pytest.raises(ValidationError) as refused:
        world.meeting.full_clean()
    assert "date" in refused.value.message_dict


# url name → (who posts, posted data for a typed date `d`)
DATE_FORMS = {
    "eoi:record_received": ("manager", lambda w, d: {"received_date": d, "received_time": "10:00"}),
    "eoi:manage_extension": ("manager", lambda w, d: {"country": w.country_a.pk, "until_date": d, "until_time": "10:00",
                                                      "reason": "Late"}),
    "membership:country_upgrade": ("manager", lambda w, d: {"on": d}),
    "membership:meeting_create": ("manager", lambda w, d: {"date": d, "place": "Dakar"}),
    "evaluation:feedback_schedule": ("manager", lambda w, d: {"when": "later", "day": d, "time": "09:00"}),
    "outbox:schedule": ("manager", lambda w, d: {"when": "later", "send_after": f"{d}T10:00"}),
    "outbox:batch_schedule": ("manager", lambda w, d: {"when": "later", "send_after": f"{d}T10:00"}),
}


@pytest.mark.parametrize("typed", ["0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31"])
@pytest.mark.parametrize("url_name", DATE_FORMS)
def test_typed_date_out_of_range_refused(world, url_name, typed):
    if url_name == "eoi:record_received":
        type(world.eoi_a).objects.filter(pk=world.eoi_a.pk).update(channel=Channel.EMAIL)
    role, data = DATE_FORMS[url_name]
    kwargs = URL_KWARGS[url_name](world) if url_name in URL_KWARGS else {}
    if url_name == "outbox:batch_schedule":
        kwargs = {"batch": world.batch}
    before = row_counts()
    response = signed_in(world.users[role]).post(reverse(url_name, kwargs=kwargs), data(world, typed), follow=True)
    assert response.status_code in (200, 400)
    forms = [value for context in response.context for value in context.flatten().values() if isinstance(value, BaseForm)]
    assert any(form.has_error(name, code="date_out_of_range") for form in forms for name in form.fields)
    content = response.content.decode()
    if url_name not in ("evaluation:feedback_schedule", "outbox:schedule", "outbox:batch_schedule"):  # approved mail only
        assert out_of_range_message() in content and typed in content  # beside the field, the input kept
    assert changes_since(before) == {}
