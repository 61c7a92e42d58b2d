"""The EOI form and its autosave endpoint, fuzzed: never a 5xx; a refused save
changes nothing; an accepted one saves all of what the form read, in one version
(autosave: all of what was valid; an invalid field keeps its saved value)."""

import pytest
from django.http import QueryDict
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from eoi.forms import EOIForm
from eoi.models import ExpressionOfInterest

from .fuzz import signed_in, FUZZ_SETTINGS, changes_since, form_data, fuzzed_data, post_safely, row_counts, values

pytestmark = pytest.mark.django_db


def snapshot(eoi_pk):
    """Everything the form writes, as stored."""
    eoi = ExpressionOfInterest.objects.get(pk=eoi_pk)
    return {
        "version": eoi.version,
        "contact": (eoi.contact_name, eoi.contact_position, eoi.contact_email),
        "answers": {a.question_id: a.text for a in eoi.answers.all()},
        "members": {
            m.slot: (m.name, m.position, m.organisation, m.email, m.gender, m.level, m.profile_id,
                     m.why_role_matters, m.commits_to_meetings)
            for m in eoi.team_members.all()
        },
    }


def as_received(posted):
    """`posted` as the view reads it: a field posted several times gives its last value."""
    data = QueryDict(mutable=True)
    for name, value in posted.items():
        data.setlist(name, [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)])
    return data


def assert_saved_as_read(eoi_pk, posted, call, before, partial=False):
    """After a successful save: one new version holding exactly what the form read (with
    `partial`, what it read as valid; the rest as it was)."""
    form = EOIForm(as_received(posted), call=call)
    assert form.is_valid() or partial
    expected = form.structured()
    after = snapshot(eoi_pk)
    assert after["version"] == before["version"] + 1
    assert after["contact"] == tuple(expected["contact"].get(f, before["contact"][i])
                                     for i, f in enumerate(("name", "position", "email")))
    for slot in set(form.slots) - set(expected["members"]):
        assert after["members"].get(slot) == before["members"].get(slot)
    for question_id, text in expected["answers"].items():
        assert after["answers"].get(question_id, "") == text
    for slot, member in expected["members"].items():
        stored = after["members"].get(slot)
        if member is None:
            assert stored is None or not any(stored[:4])
        else:
            assert stored is not None and stored[0] == member["name"] and stored[3] == member["email"]


def eoi_posts(world):
    current = str(world.eoi_a.version)
    version = st.one_of(st.just(current), st.sampled_from(["0", "-1", "99999999999999999999", "1.5"]), values())
    return fuzzed_data(EOIForm(call=world.call), version=version)


@FUZZ_SETTINGS
@given(data=st.data())
def test_eoi_edit_fuzzed(world, data):
    world.eoi_a.refresh_from_db()
    posted = data.draw(eoi_posts(world))
    before, counts = snapshot(world.eoi_a.pk), row_counts()
    response = post_safely(signed_in(world.users["focal_a"]), reverse("eoi:edit", args=[world.eoi_a.pk]), posted)
    event(f"HTTP {response.status_code}")
    if response.status_code == 302:
        assert_saved_as_read(world.eoi_a.pk, posted, world.call, before)
    else:
        assert response.status_code in (400, 409)
        assert snapshot(world.eoi_a.pk) == before and changes_since(counts) == {}


@FUZZ_SETTINGS
@given(data=st.data())
def test_eoi_autosave_fuzzed(world, data):
    world.eoi_a.refresh_from_db()
    posted = data.draw(eoi_posts(world))
    before, counts = snapshot(world.eoi_a.pk), row_counts()
    response = post_safely(signed_in(world.users["focal_a"]), reverse("eoi:autosave", args=[world.eoi_a.pk]), posted)
    answer = response.json()  # always JSON, whatever was posted
    event(f"HTTP {response.status_code} {answer['status']}")
    if response.status_code == 200:
        assert answer["status"] == "saved" and answer["version"] == before["version"] + 1
        assert_saved_as_read(world.eoi_a.pk, posted, world.call, before, partial=True)
        assert len(answer["errors"]) == len(EOIForm(as_received(posted), call=world.call).error_summary())
    else:
        assert (response.status_code, answer["status"]) in {(400, "invalid"), (409, "conflict"), (409, "closed")}
        assert answer["message"]
        assert snapshot(world.eoi_a.pk) == before and changes_since(counts) == {}


@FUZZ_SETTINGS
@given(body=st.one_of(st.binary(max_size=3000), values()))
def test_eoi_autosave_raw_body_fuzzed(world, body):
    """A body that is not a form (JSON, bytes): refused in JSON, nothing saved."""
    before, counts = snapshot(world.eoi_a.pk), row_counts()
    response = post_safely(signed_in(world.users["focal_a"]), reverse("eoi:autosave", args=[world.eoi_a.pk]), body,
                           content_type="application/json")
    assert response.status_code == 400 and response.json()["status"] == "invalid"
    assert snapshot(world.eoi_a.pk) == before and changes_since(counts) == {}


@FUZZ_SETTINGS
@given(data=st.data())
def test_member_confirm_fuzzed(world, data):
    """The proposed member's answer (no account): a refused post changes nothing; an
    accepted one records the answer (a confirmation only with consent) and, for a decline,
    at most one mail per focal point of the country."""
    from django.test import Client

    from eoi.confirmation_models import ConfirmationState, MemberConfirmation

    waiting = MemberConfirmation.objects.filter(member=world.member)
    waiting.update(state=ConfirmationState.WAITING, consent=False, needs_interpretation=False, answered_at=None)
    choices = st.sampled_from(["confirm", "decline"])
    ticks = st.sampled_from(["on", "1", "", "off"])
    posted = data.draw(st.one_of(
        st.fixed_dictionaries({"answer": choices}, optional={"consent": ticks, "needs_interpretation": ticks}),
        form_data(["answer", "consent", "needs_interpretation"], answer=st.one_of(values(), choices)),
    ))
    url = reverse("eoi:member_confirm", args=[world.member.pk, world.member_token])
    before = row_counts()
    response = post_safely(Client(), url, posted)
    changes = changes_since(before)
    confirmation = waiting.get()
    event(f"HTTP {response.status_code} {confirmation.state}")
    if response.status_code == 200:
        assert confirmation.state != ConfirmationState.WAITING and confirmation.answered_at is not None
        assert confirmation.state != ConfirmationState.CONFIRMED or confirmation.consent
        focal_points = world.country_a.focal_points.filter(is_active=True).count()
        mails = changes.pop("outbox.OutboundMail", 0)
        assert changes == {} and 0 <= mails <= (focal_points if confirmation.state == ConfirmationState.DECLINED else 0)
    else:
        assert response.status_code == 400
        assert confirmation.state == ConfirmationState.WAITING and changes == {}


def _has_nul(params):
    texts = [*params, *(v for value in params.values() for v in (value if isinstance(value, list) else [value]))]
    return any("\x00" in str(text) for text in texts)


@FUZZ_SETTINGS
@given(params=form_data(["state", "country", "page"], state=st.one_of(values(), st.sampled_from(["waiting", "confirmed"])),
                        country=st.one_of(values(), st.just("SN"))))
def test_confirmation_list_filters_fuzzed(world, params):
    """The manager's list of members' requests (issue 17): whatever the filters, a page (an
    invalid filter ignored and said beside it), 404 for a page number that is none, 400 for a
    NUL anywhere; never a 5xx, nothing written."""
    client = signed_in(world.users["manager"])
    client.raise_request_exception = False
    before = row_counts()
    response = client.get(reverse("eoi:manage_confirmations", args=[world.call.pk]), params)
    event(f"HTTP {response.status_code}")
    if _has_nul(params):
        assert response.status_code == 400
    else:
        assert response.status_code == 200 or (response.status_code == 404 and "page" in params)
    assert changes_since(before) == {}
