"""A call may require each proposed member's confirmation before the EOI is submitted
(Call.confirmations_required, issue 17): off by default, nothing changes; on, the focal point asks
the team from the draft, and submitting is refused, naming who has not confirmed, until all have."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from eoi import services
from eoi.confirmation_models import ConfirmationState, MemberConfirmation
from eoi.enums import EOIStatus
from eoi.forms import CallForm
from eoi.models import TeamMember
from eoi.services.confirmations import confirmation_answer
from outbox.models import OutboundMail

from .factories import fill_complete

pytestmark = pytest.mark.django_db


def requests_sent():
    return sorted(OutboundMail.objects.filter(dedupe_key__startswith="member-request-").values_list("to_email", flat=True))


def answer(eoi, slot, confirmed=True):
    confirmation = MemberConfirmation.objects.get(member__eoi=eoi, member__slot=slot)
    return confirmation_answer(confirmation=confirmation, confirmed=confirmed, consent=confirmed,
                               needs_interpretation=False)


def page(response):
    return unescape(response.content.decode())


@pytest.fixture
def gated(eoi):
    eoi.call.confirmations_required = True
    eoi.call.save(update_fields=["confirmations_required"])
    return fill_complete(eoi)


def test_setting_is_off_by_default_and_submission_does_not_wait(eoi, focal):
    assert eoi.call.confirmations_required is False
    submitted = services.eoi_submit(eoi=fill_complete(eoi), by=focal)
    assert submitted.status == EOIStatus.SUBMITTED
    assert MemberConfirmation.objects.filter(state=ConfirmationState.WAITING).count() == 4  # asked, not answered


def test_setting_is_on_the_managers_call_form_with_help_in_french():
    form = CallForm()
    assert "confirmations_required" in form.fields
    from django.utils import translation

    with translation.override("fr"):
        assert "Désactivé par défaut" in str(CallForm().fields["confirmations_required"].help_text)


def test_submitting_is_refused_naming_every_member_not_asked(gated, focal):
    with pytest.raises(services.Incomplete) as refused:
        services.eoi_submit(eoi=gated, by=focal)
    problems = refused.value.problems
    assert problems == [f"Team member {n} (Member {n}) has not been asked to confirm yet: press “Ask the team to "
                        f"confirm”." for n in range(1, 5)]
    gated.refresh_from_db()
    assert gated.status == EOIStatus.DRAFT and requests_sent() == []


def test_submit_page_refuses_in_french_with_the_names_and_keeps_the_draft(client, gated, focal):
    client.force_login(focal)
    response = client.post(reverse("eoi:submit", args=[gated.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    text = page(response)
    assert "La manifestation d'intérêt ne peut pas encore être soumise" in text
    assert "Membre de l'équipe 2 (Member 2) n’a pas encore été sollicité pour confirmer" in text
    gated.refresh_from_db()
    assert gated.status == EOIStatus.DRAFT and gated.answers.count() == 3 and gated.team_members.count() == 4


def test_ask_button_asks_each_member_once_then_nobody(client, gated, focal):
    TeamMember.objects.filter(eoi=gated, slot=4).update(email="")  # cannot be asked
    client.force_login(focal)
    url = reverse("eoi:members_request", args=[gated.pk])
    fr = {"HTTP_ACCEPT_LANGUAGE": "fr"}
    assert "Demander à l’équipe de confirmer" in page(client.get(reverse("eoi:detail", args=[gated.pk]), **fr))
    first = client.post(url, follow=True, **fr)
    assert requests_sent() == ["member1@example.org", "member2@example.org", "member3@example.org"]
    assert "Member 1, Member 2, Member 3" in page(first)
    second = client.post(url, follow=True, **fr)
    assert requests_sent() == ["member1@example.org", "member2@example.org", "member3@example.org"]
    assert "Personne n’a été sollicité" in page(second)
    assert MemberConfirmation.objects.filter(member__eoi=gated).count() == 3


def test_ask_button_asks_again_only_a_changed_address(gated, focal):
    services.eoi_request_confirmations(eoi=gated, by=focal)
    TeamMember.objects.filter(eoi=gated, slot=2).update(email="new.two@example.org")
    asked = services.eoi_request_confirmations(eoi=gated, by=focal)
    assert [c.email for c in asked] == ["new.two@example.org"]
    assert requests_sent().count("new.two@example.org") == 1 and len(requests_sent()) == 5


def test_submit_allowed_once_all_confirmed_and_nobody_asked_twice(gated, focal):
    services.eoi_request_confirmations(eoi=gated, by=focal)
    for slot in (1, 2, 3):
        answer(gated, slot)
    with pytest.raises(services.Incomplete) as refused:
        services.eoi_submit(eoi=gated, by=focal)
    assert refused.value.problems == ["Team member 4 (Member 4) has not confirmed yet (asked at member4@example.org)."]
    answer(gated, 4)
    submitted = services.eoi_submit(eoi=gated, by=focal)
    assert submitted.status == EOIStatus.SUBMITTED
    assert len(requests_sent()) == 4  # the submission asked nobody again


def test_a_decline_blocks(gated, focal):
    services.eoi_request_confirmations(eoi=gated, by=focal)
    for slot in (1, 2, 4):
        answer(gated, slot)
    answer(gated, 3, confirmed=False)
    with pytest.raises(services.Incomplete) as refused:
        services.eoi_submit(eoi=gated, by=focal)
    assert refused.value.problems == [
        "Team member 3 (Member 3) declined to be a member of the team: propose someone else, or send them the request "
        "again."]


def test_a_member_without_address_blocks_and_the_message_says_so(gated, focal):
    services.eoi_request_confirmations(eoi=gated, by=focal)
    for slot in (1, 2, 3, 4):
        answer(gated, slot)
    TeamMember.objects.create(eoi=gated, slot=5, name="Member 5", position="Director", organisation="Institution 5",
                              level="national", profile=gated.call.profiles.get(number=5), gender="female",
                              why_role_matters="Leads.", commits_to_meetings=True)
    with pytest.raises(services.Incomplete) as refused:
        services.eoi_submit(eoi=gated, by=focal)
    assert ("Team member 5 (Member 5) has no e-mail address, so they cannot be asked to confirm: add their address, "
            "then ask the team to confirm.") in refused.value.problems


def test_a_confirmation_at_an_old_address_does_not_count(gated, focal):
    services.eoi_request_confirmations(eoi=gated, by=focal)
    for slot in (1, 2, 3, 4):
        answer(gated, slot)
    TeamMember.objects.filter(eoi=gated, slot=1).update(email="someone.else@example.org")
    with pytest.raises(services.Incomplete) as refused:
        services.eoi_submit(eoi=gated, by=focal)
    assert refused.value.problems == [
        "Team member 1 (Member 1) was asked at member1@example.org, but their address is now someone.else@example.org: "
        "press “Ask the team to confirm” to ask them at the new address."]


def test_a_reopened_eoi_is_gated_again_for_a_new_member(eoi, focal):
    submitted = services.eoi_submit(eoi=fill_complete(eoi), by=focal)  # the setting still off
    eoi.call.confirmations_required = True
    eoi.call.save(update_fields=["confirmations_required"])
    reopened = services.eoi_reopen(eoi=submitted, by=focal)
    for slot in (1, 2, 3, 4):
        answer(reopened, slot)
    fill_complete(reopened, members=5)
    asked = services.eoi_request_confirmations(eoi=reopened, by=focal)
    assert [c.email for c in asked] == ["member5@example.org"]
    with pytest.raises(services.Incomplete):
        services.eoi_submit(eoi=reopened, by=focal)
    answer(reopened, 5)
    assert services.eoi_submit(eoi=reopened, by=focal).submission_number == 2


def test_ask_button_refused_when_the_call_does_not_require_it(client, eoi, focal):
    fill_complete(eoi)
    client.force_login(focal)
    assert "Ask the team to confirm" not in page(client.get(reverse("eoi:detail", args=[eoi.pk]),
                                                            HTTP_ACCEPT_LANGUAGE="en"))
    with pytest.raises(services.EOIError):
        services.eoi_request_confirmations(eoi=eoi, by=focal)
    response = client.post(reverse("eoi:members_request", args=[eoi.pk]))
    assert response.status_code == 302 and requests_sent() == []


def test_ask_button_refused_after_the_deadline(gated, focal):
    with pytest.raises(services.NotEditable):
        services.eoi_request_confirmations(eoi=gated, by=focal, now=gated.call.deadline + timedelta(seconds=1))
    assert requests_sent() == []


def test_manager_recording_an_emailed_eoi_is_not_blocked(call, country, manager):
    call.confirmations_required = True
    call.save(update_fields=["confirmations_required"])
    eoi = fill_complete(services.eoi_record_email(call=call, country=country, by=manager))
    assert services.confirmations_apply(eoi, manager) is False
    submitted = services.eoi_submit(eoi=eoi, by=manager, received_at=timezone.now() - timedelta(hours=1))
    assert submitted.status == EOIStatus.SUBMITTED
    assert len(requests_sent()) == 4  # the members are asked once it is recorded


def test_home_counts_the_members_not_confirmed_among_what_is_missing(client, gated, focal):
    client.force_login(focal)
    text = page(client.get(reverse("eoi:home"), HTTP_ACCEPT_LANGUAGE="en"))
    assert "4 things still missing before you can submit" in text
    assert "Team member 3 (Member 3) has not been asked to confirm yet" in text


def test_setting_is_in_the_admin(client, call, manager):
    client.force_login(manager)
    response = client.get(reverse("admin:eoi_call_change", args=[call.pk]))
    assert response.status_code == 200 and 'name="confirmations_required"' in response.content.decode()


def test_manager_turns_the_setting_on_from_the_call_form(client, manager):
    from eoi.models import Call

    from .test_calls import _call_form

    client.force_login(manager)
    response = client.post(reverse("eoi:manage_call_create"), _call_form(confirmations_required="on"))
    assert response.status_code == 302
    assert Call.objects.get(slug="new-call").confirmations_required is True
    edit = client.get(response.url, HTTP_ACCEPT_LANGUAGE="fr")
    assert "les membres doivent confirmer avant que la manifestation d’intérêt puisse être soumise" in page(edit).lower()
