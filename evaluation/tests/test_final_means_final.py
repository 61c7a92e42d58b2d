"""Final means final: once a call's decisions are final, no path changes its reviews, scores,
conflicts, eligibility, decisions or feedback — no service called directly, no POST, no admin
change view. A conflict discovered afterwards is a note on the record (figures unchanged);
changing a decision is the manager's explicit "reopen the decisions", with a reason, which
flags every letter already sent."""

from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.enums import AssignmentMode, Decision, EvaluationState, RecordNoteKind
from evaluation.models import (
    Assignment, ClarificationRequest, Conflict, Criterion, EligibilityCheck, Evaluation, RecordNote, Review, Score,
)
from evaluation.selectors.common import call_criteria
from evaluation.selectors.ranking import ranking
from evaluation.services import CallFinalised
from outbox.enums import MailState
from outbox.models import OutboundMail

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(make_user):
    """KE selected, GH not selected, both reviewed by Ada and Ben; Cy reviewed GH and declared a
    conflict with GH before the decisions were final (their review does not count); a question
    to KE is unanswered; the decisions are final."""
    manager = make_user(Role.MANAGER)
    call = call_with_criteria(target_teams=1, min_teams=1)
    ke, gh = CountryFactory(code="KE"), CountryFactory(code="GH")
    evaluations = under_review(call, [ke, gh], by=manager)
    ada, ben, cy = facilitator(full_name="Ada"), facilitator(full_name="Ben"), facilitator(full_name="Cy")
    for person, scores in ((ada, {"KE": (5, 4, 4), "GH": (2, 2, 3)}), (ben, {"KE": (4, 4, 3), "GH": (1, 3, 2)})):
        for code, values in scores.items():
            review(evaluations[code], person, values, comment=f"{person.full_name} on {code}.")
    review(evaluations["GH"], cy, (5, 5, 5))
    early = services.conflict_declare(reviewer=cy, country=gh, reason="Former adviser.", by=manager)
    focal = make_user(Role.FOCAL_POINT, countries=[ke])
    question = services.clarification_ask(evaluation=evaluations["KE"], question="Which regions?", by=ada)
    services.shortlist_set(call=call, shortlisted_ids=[evaluations["KE"].pk], by=manager)
    for code, decision in (("KE", Decision.SELECTED), ("GH", Decision.NOT_SELECTED)):
        evaluation = Evaluation.objects.get(pk=evaluations[code].pk)
        services.decision_set(evaluation=evaluation, decision=decision, by=manager)
        services.evaluation_feedback_prefill(evaluation=evaluation, by=manager)
    services.evaluation_finalise_call(call=call, by=manager)
    call.refresh_from_db()
    return {"call": call, "manager": manager, "ke": ke, "gh": gh, "ada": ada, "ben": ben, "cy": cy,
            "focal": focal, "question": question, "early_conflict": early,
            "evaluations": {code: Evaluation.objects.get(pk=e.pk) for code, e in evaluations.items()}}


def snapshot(call, manager):
    """Everything the record is made of, and its figures as the manager's ranking shows them."""
    call.refresh_from_db()
    manager = type(manager).objects.get(pk=manager.pk)  # no cached permission facts
    data = ranking(call, call.evaluation_settings, manager, {})
    return {
        "figures": [(row.evaluation.pk, row.rank, row.mean, row.result and row.result.spread) for row in data.rows],
        "evaluations": list(Evaluation.objects.order_by("pk").values_list(
            "pk", "state", "decision", "eligible", "feedback_en", "feedback_fr")),
        "reviews": list(Review.objects.order_by("pk").values_list("pk", "state", "panel_note")),
        "scores": list(Score.objects.order_by("pk").values_list("pk", "value", "comment")),
        "conflicts": list(Conflict.objects.order_by("pk").values_list("pk", "reviewer_id", "country_id")),
        "checks": list(EligibilityCheck.objects.order_by("pk").values_list("pk", "override", "passed")),
        "assignments": list(Assignment.objects.order_by("pk").values_list("pk", "reviewer_id")),
        "questions": list(ClarificationRequest.objects.order_by("pk").values_list("pk", "answer")),
        "criteria": list(Criterion.objects.order_by("pk").values_list("pk", "weight")),
        "settings": (call.evaluation_settings.finalised_at, call.evaluation_settings.disagreement_threshold),
    }


def _entries(evaluation, values):
    return {c.pk: (v, "New view.") for c, v in zip(call_criteria(evaluation.eoi.call), values)}


SERVICES = {
    "review_save": lambda w: services.review_save(
        evaluation=w["evaluations"]["KE"], reviewer=w["ada"], entries=_entries(w["evaluations"]["KE"], (0, 0, 0)),
        submit=True),
    "eligibility_override": lambda w: services.eligibility_override(
        check=w["evaluations"]["KE"].checks.get(item="team_size"), met=False, reason="Too small.", by=w["manager"]),
    "eligibility_refresh": lambda w: services.eligibility_refresh(evaluation=w["evaluations"]["KE"], by=w["manager"]),
    "clarification_ask": lambda w: services.clarification_ask(
        evaluation=w["evaluations"]["KE"], question="Another?", by=w["ada"]),
    "clarification_answer": lambda w: services.clarification_answer(
        clarification=w["question"], answer="Two regions.", by=w["focal"]),
    "decision_set": lambda w: services.decision_set(
        evaluation=w["evaluations"]["GH"], decision=Decision.NOT_SELECTED, by=w["manager"], feedback_en="x",
        feedback_fr="x"),
    "decisions_not_selected_rest": lambda w: services.decisions_not_selected_rest(call=w["call"], by=w["manager"]),
    "evaluation_feedback_save": lambda w: services.evaluation_feedback_save(
        evaluation=w["evaluations"]["KE"], feedback_en="New", feedback_fr="Nouveau", by=w["manager"]),
    "evaluation_feedback_prefill": lambda w: services.evaluation_feedback_prefill(
        evaluation=w["evaluations"]["KE"], by=w["manager"], force=True),
    "evaluations_feedback_prefill": lambda w: services.evaluations_feedback_prefill(call=w["call"], by=w["manager"]),
    "shortlist_set": lambda w: services.shortlist_set(
        call=w["call"], shortlisted_ids=[w["evaluations"]["GH"].pk], by=w["manager"]),
    "shortlist_accept_suggestion": lambda w: services.shortlist_accept_suggestion(call=w["call"], by=w["manager"]),
    "evaluation_transition": lambda w: services.evaluation_transition(
        evaluation=w["evaluations"]["KE"], to=EvaluationState.SHORTLISTED, by=w["manager"]),
    "evaluations_start": lambda w: services.evaluations_start(call=w["call"], by=w["manager"]),
    "evaluation_finalise_call": lambda w: services.evaluation_finalise_call(call=w["call"], by=w["manager"]),
    "evaluation_settings_save": lambda w: services.evaluation_settings_save(
        settings=w["call"].evaluation_settings, by=w["manager"], disagreement_threshold=Decimal("1")),
    "assignments_make": lambda w: services.assignments_make(
        call=w["call"], reviewers=[facilitator()], mode=AssignmentMode.ALL, by=w["manager"]),
    "assignment_remove": lambda w: services.assignment_remove(
        assignment=Assignment.objects.get(evaluation=w["evaluations"]["KE"], reviewer=w["ada"]), by=w["manager"]),
    "criteria_load": lambda w: services.criteria_load(call=w["call"], criteria=[
        {"key": "c1", "name": {"en": "C1", "fr": "C1"}, "weight": 3, "rubric": {str(n): {"en": "", "fr": ""}
                                                                                 for n in range(6)}}]),
    "conflict_remove": lambda w: services.conflict_remove(conflict=w["early_conflict"], by=w["manager"]),
}


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_refuses_a_finalised_call(final, name):
    before = snapshot(final["call"], final["manager"])
    with pytest.raises(CallFinalised) as refused:
        SERVICES[name](final)
    assert str(refused.value.message)  # a sentence, in the active language
    assert snapshot(final["call"], final["manager"]) == before


def _posts(w):
    ke, c = w["evaluations"]["KE"].pk, w["call"].pk
    return {
        "review": ("ada", f"/evaluation/eois/{ke}/", {"submit": "1"}, 403),
        "override": ("manager", f"/evaluation/eois/{ke}/eligibility/team_size/", {"met": "no", "reason": "x"}, 403),
        "ask": ("ada", f"/evaluation/eois/{ke}/questions/new/", {"question": "Another?"}, 403),
        "decision": ("manager", f"/evaluation/eois/{ke}/decision/", {"decision": "waitlisted", "feedback_en": "x",
                                                                     "feedback_fr": "x"}, 403),
        "regenerate": ("manager", f"/evaluation/eois/{ke}/decision/", {"regenerate": "1"}, 403),
        "prefill_all": ("manager", f"/evaluation/calls/{c}/decisions/", {"prefill": "1"}, 302),
        "not_selected_rest": ("manager", f"/evaluation/calls/{c}/decisions/", {"not_selected_rest": "1"}, 302),
        "shortlist": ("manager", f"/evaluation/calls/{c}/shortlist/", {"shortlisted": [ke]}, 200),
        "accept_suggestion": ("manager", f"/evaluation/calls/{c}/shortlist/", {"accept": "1"}, 302),
        "finalise": ("manager", f"/evaluation/calls/{c}/finalise/", {}, 302),
        "start": ("manager", f"/evaluation/calls/{c}/start/", {}, 302),
        "settings": ("manager", f"/evaluation/calls/{c}/settings/", {"disagreement_threshold": "1", "min_regions": "0",
                                                                     "min_french_teams": "0",
                                                                     "min_english_teams": "0"}, 200),
        "assignments": ("manager", f"/evaluation/calls/{c}/assignments/",
                        {"reviewers": [w["ada"].pk], "mode": "all", "per_eoi": "2"}, 200),
        "assignment_remove": ("manager", f"/evaluation/assignments/{w['assignment'].pk}/remove/", {}, 302),
        "conflict_remove": ("manager", f"/evaluation/conflicts/{w['early_conflict'].pk}/remove/", {}, 302),
        "answer": ("focal", f"/evaluation/questions/{w['question'].pk}/answer/", {"answer": "Two."}, 403),
    }


POSTS = ["review", "override", "ask", "decision", "regenerate", "prefill_all", "not_selected_rest", "shortlist",
         "accept_suggestion", "finalise", "start", "settings", "assignments", "assignment_remove", "conflict_remove",
         "answer"]


@pytest.mark.parametrize("name", POSTS)
def test_every_post_is_refused_after_finalisation(client, final, name):
    final["assignment"] = Assignment.objects.get(evaluation=final["evaluations"]["KE"], reviewer=final["ada"])
    who, url, data, status = _posts(final)[name]
    before = snapshot(final["call"], final["manager"])
    client.force_login(final[who])
    response = client.post(url, data)
    assert response.status_code == status
    assert snapshot(final["call"], final["manager"]) == before
    if status == 302:  # refused with the reason, on the page it returns to
        page = client.get(response.url).content.decode()
        assert "The decisions on this call are final" in page or "part of a final record" in page


ADMIN = {
    "criterion": lambda w: (f"/admin/evaluation/criterion/{Criterion.objects.filter(call=w['call']).first().pk}/change/",
                            {"weight": "9"}),
    "criterion_delete": lambda w: (
        f"/admin/evaluation/criterion/{Criterion.objects.filter(call=w['call']).first().pk}/delete/", {"post": "yes"}),
    "settings": lambda w: (f"/admin/evaluation/evaluationsettings/{w['call'].evaluation_settings.pk}/change/",
                           {"disagreement_threshold": "1"}),
    "settings_delete": lambda w: (f"/admin/evaluation/evaluationsettings/{w['call'].evaluation_settings.pk}/delete/",
                                  {"post": "yes"}),
    "conflict": lambda w: (f"/admin/evaluation/conflict/{w['early_conflict'].pk}/change/",
                           {"reviewer": w["ada"].pk, "country": w["gh"].pk, "reason": "x"}),
    "conflict_delete": lambda w: (f"/admin/evaluation/conflict/{w['early_conflict'].pk}/delete/", {"post": "yes"}),
    "evaluation": lambda w: (f"/admin/evaluation/evaluation/{w['evaluations']['KE'].pk}/change/",
                             {"decision": "waitlisted"}),
}


@pytest.mark.parametrize("name", ADMIN)
def test_the_admin_is_read_only_for_a_finalised_call(client, final, name):
    url, data = ADMIN[name](final)
    before = snapshot(final["call"], final["manager"])
    client.force_login(final["manager"])
    assert client.get(url).status_code in (200, 403)  # a read-only view, or no delete page
    assert client.post(url, data).status_code == 403
    assert snapshot(final["call"], final["manager"]) == before


@pytest.mark.parametrize("model", ["conflict", "criterion", "evaluationsettings", "selectionfactor"])
def test_the_admin_bulk_delete_respects_it_too(client, final, model):
    """"Delete selected" asks has_delete_permission of each object (admin.utils.get_deleted_objects)."""
    from evaluation.models import EvaluationSettings, SelectionFactor

    objects = {"conflict": Conflict, "criterion": Criterion, "evaluationsettings": EvaluationSettings,
               "selectionfactor": SelectionFactor}[model].objects.all()
    before = snapshot(final["call"], final["manager"])
    client.force_login(final["manager"])
    client.post(f"/admin/evaluation/{model}/", {"action": "delete_selected", "post": "yes",
                                                "_selected_action": [o.pk for o in objects]})
    assert snapshot(final["call"], final["manager"]) == before


def test_a_late_conflict_is_a_note_on_the_record_and_changes_no_figure(client, final):
    before = snapshot(final["call"], final["manager"])
    client.force_login(final["ada"])
    response = client.post("/evaluation/conflicts/", {"country": final["ke"].pk, "reason": "My cousin leads the team."})
    assert response.status_code == 302
    conflict = Conflict.objects.get(reviewer=final["ada"], country=final["ke"])
    after = snapshot(final["call"], final["manager"])
    assert after["figures"] == before["figures"]
    assert {k: v for k, v in after.items() if k != "conflicts"} == {k: v for k, v in before.items() if k != "conflicts"}
    note = RecordNote.objects.get()
    assert (note.kind, note.evaluation, note.person, note.text) == (
        RecordNoteKind.LATE_CONFLICT, final["evaluations"]["KE"], final["ada"], conflict.reason)
    client.force_login(final["manager"])
    page = client.get(f"/evaluation/calls/{final['call'].pk}/decisions/").content.decode()
    assert "My cousin leads the team." in page and "Ada, a reviewer of Kenya" in page


def test_the_selection_report_shows_the_notes(final):
    from django.template.loader import render_to_string

    from evaluation import report_data
    from evaluation.report_builders import SELECTION_TEMPLATE, selection_report_context

    services.conflict_declare(reviewer=final["ben"], country=final["gh"], reason="Joined GH's ministry.",
                              by=final["ben"])
    call = report_data.call_for_report().get(pk=final["call"].pk)
    html = render_to_string(SELECTION_TEMPLATE, selection_report_context(call, prepared_by="M"))
    assert "Notes on the final record" in html and "Joined GH&#x27;s ministry." in html


def test_the_decisions_page_of_a_final_call_is_a_read_only_record(client, final):
    client.force_login(final["manager"])
    page = client.get(f"/evaluation/calls/{final['call'].pk}/decisions/").content.decode()
    assert "/decision/" not in page and "Not allowed" not in page
    assert final["evaluations"]["KE"].feedback_en.splitlines()[0] in page
    assert 'name="prefill"' not in page and "before finalising" not in page
    assert "Reopen the decisions" in page


def test_reopening_needs_the_manager_and_a_reason(client, final):
    call = final["call"]
    client.force_login(final["ada"])
    assert client.post(f"/evaluation/calls/{call.pk}/decisions/reopen/", {"reason": "x"}).status_code == 404
    with pytest.raises(services.NotAllowed):
        services.decisions_reopen(call=call, reason="x", by=final["ada"])
    client.force_login(final["manager"])
    response = client.post(f"/evaluation/calls/{call.pk}/decisions/reopen/", {"reason": "  "})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    call.evaluation_settings.refresh_from_db()
    assert call.evaluation_settings.is_final


def test_reopening_flags_every_letter_sent_and_keeps_the_reason(client, final):
    from evaluation.services.feedback_mail import feedback_mails_generate

    call, manager = final["call"], final["manager"]
    final["ke"].focal_points.add(final["focal"])
    feedback_mails_generate(call=call, by=manager)
    sent, *drafts = OutboundMail.objects.filter(batch=f"feedback-call-{call.pk}").order_by("pk")
    OutboundMail.objects.filter(pk=sent.pk).update(state=MailState.SENT, sent_at=timezone.now())
    client.force_login(manager)
    response = client.post(f"/evaluation/calls/{call.pk}/decisions/reopen/",
                           {"reason": "Kenya's team lead withdrew."})
    assert response.status_code == 302
    call.evaluation_settings.refresh_from_db()
    assert not call.evaluation_settings.is_final
    assert call.evaluation_settings.history.first().history_change_reason == "Kenya's team lead withdrew."
    states = dict(Evaluation.objects.values_list("eoi__country__code", "state"))
    assert states == {"KE": EvaluationState.SHORTLISTED, "GH": EvaluationState.UNDER_REVIEW}
    assert Evaluation.objects.get(pk=final["evaluations"]["KE"].pk).decision == Decision.SELECTED  # kept
    note = RecordNote.objects.get(kind=RecordNoteKind.REOPENED)
    assert (note.text, note.letters_flagged, note.created_by) == ("Kenya's team lead withdrew.", 1, manager)
    sent.refresh_from_db()
    assert sent.superseded_at is not None and sent.state == MailState.SENT
    assert drafts and {m.state for m in OutboundMail.objects.filter(pk__in=[d.pk for d in drafts])} == {
        MailState.DISCARDED}
    assert "sent before reopening" in client.get("/outbox/?state=sent").content.decode()
    assert "Sent before the decisions were reopened" in client.get(f"/outbox/{sent.pk}/").content.decode()
    history = client.get(f"/evaluation/eois/{final['evaluations']['KE'].pk}/history/").content.decode()
    assert "Shortlisted" in history and "Reason: Kenya&#x27;s team lead withdrew." in history
    # Open again: the decision can change, and be finalised again.
    services.decision_set(evaluation=Evaluation.objects.get(pk=final["evaluations"]["KE"].pk),
                          decision=Decision.WAITLISTED, by=manager)


def test_a_conflict_added_in_the_admin_after_finalisation_is_a_note_too(client, final):
    before = snapshot(final["call"], final["manager"])
    client.force_login(final["manager"])
    response = client.post("/admin/evaluation/conflict/add/", {
        "reviewer": final["ben"].pk, "country": final["ke"].pk, "reason": "Told us after the selection."})
    assert response.status_code == 302
    assert Conflict.objects.filter(reviewer=final["ben"], country=final["ke"]).count() == 1
    note = RecordNote.objects.get()
    assert (note.kind, note.person, note.evaluation) == (
        RecordNoteKind.LATE_CONFLICT, final["ben"], final["evaluations"]["KE"])
    assert snapshot(final["call"], final["manager"])["figures"] == before["figures"]


def test_the_final_record_speaks_french(client, final):
    from django.conf import settings as django_settings

    services.conflict_declare(reviewer=final["ada"], country=final["ke"], reason="Conflit tardif.", by=final["ada"])
    client.force_login(final["manager"])
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(f"/evaluation/calls/{final['call'].pk}/decisions/").content.decode()
    for words in ("Notes au dossier définitif", "Rouvrir les décisions", "a déclaré un conflit d'intérêts",
                  "Pourquoi les décisions sont-elles rouvertes\u00a0?"):
        assert words in page
    assert "Reopen the decisions" not in page and "Notes on the final record" not in page
