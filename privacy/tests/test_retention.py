"""The retention task (issue 17 §3): with 0 months and the feedback date passed, the teams not
selected lose their names, addresses and positions everywhere (rows, history, confirmations,
outbox), the selected team keeps them, every report figure stays the same, and a second run
changes nothing."""

from dataclasses import asdict
from datetime import date, timedelta

import pytest
from django.utils import timezone

from eoi.confirmation_models import MemberConfirmation
from eoi.models import Call, ExpressionOfInterest, StashedInput, TeamMember
from eoi.services.confirmations import confirmations_request_for_submission
from eoi.team import distinct_count
from evaluation import report_data
from evaluation.tests.factories import manager as make_manager
from evaluation.tests.reporting import decided_call
from outbox.enums import MailKind, MailState
from outbox.models import OutboundMail
from privacy import anonymise, services
from privacy.enums import PrivacyActionKind
from privacy.models import PrivacyAction
from privacy.tasks import apply_retention
from reports.enums import FileState
from reports.models import GeneratedFile

pytestmark = pytest.mark.django_db


def _move_to_the_past(call, days=90):
    """The call's dates `days` earlier (the review happened long ago)."""
    Call.objects.filter(pk=call.pk).update(
        opening_date=call.opening_date - timedelta(days=days), deadline=call.deadline - timedelta(days=days),
        feedback_date=call.feedback_date - timedelta(days=days), retention_months=0,
    )
    call.refresh_from_db()


def _figures(call):
    data = report_data.selection_report_data(report_data.call_for_report().get(pk=call.pk))
    return {
        "figures": asdict(data.figures),
        "entries": [(e.country_name, e.rank, e.evaluation.team_size, e.evaluation.eligible, e.decision_label,
                     len(e.members), distinct_count(e.members), e.composition,
                     sorted((m.organisation, m.level, m.profile_id, m.gender, m.commits_to_meetings) for m in e.members))
                    for e in data.entries],
    }


def _personal_world():
    """The decided call, with confirmations asked, mails sent and an older name in the history."""
    manager = make_manager()
    call, evaluations = decided_call(manager)
    for evaluation in evaluations.values():
        eoi = evaluation.eoi
        confirmations_request_for_submission(eoi=eoi, by=manager)
        member = TeamMember.objects.get(eoi=eoi, slot=2)
        member.name = "Previously Named"
        member.save()
        member.name = "Member 2"
        member.save()
        OutboundMail.objects.create(
            kind=MailKind.EOI_CONFIRMATION, state=MailState.SENT, sent_at=timezone.now(), to_email="awa@example.org",
            to_name="Awa Ba", language="en", subject="Your EOI", body_text="Team: Member 1, Member 2. Awa Ba",
            body_html="<li>Member 1</li>", related=eoi)
        OutboundMail.objects.create(
            kind=MailKind.NOTICE, state=MailState.SCHEDULED, send_after=timezone.now() + timedelta(days=1),
            to_email="member3@example.org", to_name="Member 3", language="en", subject="Still to leave",
            body_text="Hello Member 3", related=eoi)
        StashedInput.objects.create(token=f"t{eoi.pk}", user=manager, path=f"/eoi/{eoi.pk}/edit/", data={})
    GeneratedFile.objects.create(kind="selection_report", language="en", parameters={"call_id": call.pk},
                                 state=FileState.FAILED, error="Interrupted.")
    GeneratedFile.objects.create(kind="other", language="en", parameters={"call_id": call.pk + 1000},
                                 state=FileState.FAILED, error="Interrupted.")
    _move_to_the_past(call)
    return call, {code: e.eoi for code, e in evaluations.items()}


def _personal_traces(eoi):
    """Everything about `eoi` that still names a person (empty when anonymised)."""
    traces, eoi = [], ExpressionOfInterest.objects.get(pk=eoi.pk)
    for member in TeamMember.objects.filter(eoi=eoi):
        traces += [v for v in (member.email, member.position, member.why_role_matters) if v]
        traces += [member.name] if member.name and not anonymise.is_placeholder(member.name) else []
    for row in TeamMember.history.filter(eoi_id=eoi.pk):
        traces += [v for v in (row.email, row.position, row.why_role_matters) if v]
        traces += [row.name] if row.name and not anonymise.is_placeholder(row.name) else []
    for row in [eoi, *ExpressionOfInterest.history.filter(id=eoi.pk)]:
        traces += [v for v in (row.contact_position, row.contact_email) if v]
        traces += [row.contact_name] if row.contact_name and not anonymise.is_placeholder(row.contact_name) else []
    traces += [c.email for c in MemberConfirmation.objects.filter(member__eoi=eoi)
               if not c.email.endswith("@invalid.invalid")]
    for mail in OutboundMail.objects.filter(related_id=eoi.pk, state__in=MailState.FINAL):
        traces += [t for t in ("Member 1", "Member 2", "Awa Ba", "@example.org")
                   if t in mail.to_name + mail.body_text + mail.body_html + mail.to_email]
    for row in OutboundMail.history.filter(related_id=eoi.pk, state__in=MailState.FINAL):
        traces += [t for t in ("Member 1", "Awa Ba", "@example.org") if t in row.to_name + row.body_text + row.to_email]
    return traces


def test_retention_anonymises_the_teams_not_selected_and_keeps_every_figure():
    call, eois = _personal_world()
    before = _figures(call)
    assert all(_personal_traces(eoi) for eoi in eois.values())

    assert apply_retention.delay().get() == 2  # Ghana (waitlisted) and Kenya (not selected)

    assert _personal_traces(eois["GH"]) == [] and _personal_traces(eois["KE"]) == []
    assert "Member 1" in _personal_traces(eois["SN"]) and "awa@example.org" in _personal_traces(eois["SN"])
    assert _figures(call) == before
    kenya = list(TeamMember.objects.filter(eoi=eois["KE"]).order_by("slot"))
    assert [m.name for m in kenya] == ["[anonymised-1]", "[anonymised-2]", "[anonymised-3]", "[anonymised-4]"]
    assert all(m.is_filled for m in kenya) and TeamMember.objects.filled().filter(eoi=eois["KE"]).count() == 4
    assert [m.organisation for m in kenya] == [f"Institution {n}" for n in range(1, 5)]
    assert StashedInput.objects.filter(path__contains=f"/eoi/{eois['KE'].pk}/").count() == 0
    assert StashedInput.objects.filter(path__contains=f"/eoi/{eois['SN'].pk}/").count() == 1
    assert GeneratedFile.objects.filter(parameters__call_id=call.pk).count() == 0
    assert GeneratedFile.objects.filter(parameters__call_id=call.pk + 1000).count() == 1
    unsent = OutboundMail.objects.get(related_id=eois["KE"].pk, subject="Still to leave")
    assert (unsent.to_email, unsent.body_text) == ("member3@example.org", "Hello Member 3")  # left to the outbox
    confirmation = OutboundMail.objects.get(related_id=eois["KE"].pk, kind=MailKind.EOI_CONFIRMATION)
    assert confirmation.to_email == f"removed-mail-{confirmation.pk}@invalid.invalid"

    actions = PrivacyAction.objects.filter(kind=PrivacyActionKind.RETENTION)
    assert sorted(a.eoi_id for a in actions) == sorted([eois["GH"].pk, eois["KE"].pk])
    kenya_action = actions.get(eoi=eois["KE"])
    assert kenya_action.performed_by is None
    assert kenya_action.counts["team members"] == 4 and kenya_action.counts["contact person"] == 1
    assert kenya_action.counts["member confirmations"] == 4


def test_retention_run_twice_changes_nothing_more():
    call, eois = _personal_world()
    apply_retention()
    members = list(TeamMember.objects.order_by("pk").values())
    history = TeamMember.history.count()
    mails = list(OutboundMail.objects.order_by("pk").values())

    assert apply_retention() == 0
    assert services.anonymise_team(eois["KE"], reason_kind=PrivacyActionKind.RETENTION) is None
    assert list(TeamMember.objects.order_by("pk").values()) == members and TeamMember.history.count() == history
    assert list(OutboundMail.objects.order_by("pk").values()) == mails
    assert PrivacyAction.objects.count() == 2


def test_retention_waits_for_the_months_after_the_feedback_date():
    call, eois = _personal_world()
    Call.objects.filter(pk=call.pk).update(retention_months=6)
    now = timezone.now()
    assert list(services.teams_due_for_anonymisation(now)) == []
    later = services.add_months(call.feedback_date, 6) + timedelta(days=1)
    due = services.teams_due_for_anonymisation(timezone.make_aware(timezone.datetime.combine(later, timezone.datetime.min.time())))
    assert sorted(e.pk for e in due) == sorted([eois["GH"].pk, eois["KE"].pk])


def test_selected_teams_are_kept_until_the_collaborative_ended_retention_months_ago():
    call, eois = _personal_world()
    apply_retention()
    assert "Member 1" in _personal_traces(eois["SN"])

    Call.objects.filter(pk=call.pk).update(collaborative_ends=timezone.localdate() - timedelta(days=20),
                                           retention_months=1)
    assert apply_retention() == 0  # ended 20 days ago: one month not yet passed
    Call.objects.filter(pk=call.pk).update(collaborative_ends=timezone.localdate() - timedelta(days=40))
    before = _figures(call)
    assert apply_retention() == 1
    assert _personal_traces(eois["SN"]) == []
    assert _figures(call) == before


def test_drafts_and_withdrawn_eois_count_as_not_selected():
    call, eois = _personal_world()
    from countries.tests.factories import CountryFactory
    from eoi.tests.factories import EOIFactory, fill_complete

    draft = fill_complete(EOIFactory(call=call, country=CountryFactory(code="TG")))
    withdrawn = fill_complete(EOIFactory(call=call, country=CountryFactory(code="BJ")))
    ExpressionOfInterest.objects.filter(pk=withdrawn.pk).update(
        status="withdrawn", submitted_at=call.deadline - timedelta(days=1), submission_number=1,
        withdrawn_at=call.deadline)
    due = {e.pk for e in services.teams_due_for_anonymisation()}
    assert {draft.pk, withdrawn.pk, eois["KE"].pk, eois["GH"].pk} == due
    assert eois["SN"].pk not in {e.pk for e in services.teams_due_for_anonymisation()}


def test_the_same_person_twice_keeps_counting_once():
    members = [TeamMember(slot=1, name="Awa Ba", email="a@x.org"), TeamMember(slot=2, name="Ben", email="b@x.org"),
               TeamMember(slot=3, name="awa  BA", email=""), TeamMember(slot=4, name="Other", email="B@x.org")]
    placeholders = anonymise.member_placeholders(members)
    assert placeholders == {1: "[anonymised-1]", 2: "[anonymised-2]", 3: "[anonymised-1]", 4: "[anonymised-2]"}
    renamed = [TeamMember(slot=m.slot, name=placeholders[m.slot]) for m in members]
    assert distinct_count(renamed) == distinct_count(members) == 2


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 11, 30), 3, date(2025, 2, 28)),
    (date(2024, 12, 15), 1, date(2025, 1, 15)),
    (date(2024, 5, 5), 0, date(2024, 5, 5)),
    (date(2024, 1, 31), 24, date(2026, 1, 31)),
    (date(2024, 8, 31), 120, date(2034, 8, 31)),
])
def test_add_months_is_calendar_safe(day, months, expected):
    assert services.add_months(day, months) == expected


def test_a_review_still_open_is_kept_until_it_is_final():
    from evaluation.models import Evaluation

    call, eois = _personal_world()
    Evaluation.objects.filter(eoi=eois["KE"]).update(state="under_review", decision="")
    assert {e.pk for e in services.teams_due_for_anonymisation()} == {eois["GH"].pk}


def test_the_command_runs_the_same_retention_as_beat_and_twice_changes_nothing():
    from io import StringIO

    from django.core.management import call_command

    _personal_world()
    out = StringIO()
    call_command("apply_retention", stdout=out)
    first = int(out.getvalue().split()[0])
    assert first >= 1 and PrivacyAction.objects.count() == first
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert out.getvalue().startswith("0 team(s)") and PrivacyAction.objects.count() == first
