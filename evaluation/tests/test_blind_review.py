"""Blind review on every page, export and document: with the call's "hide other reviewers'
scores until one's own review is submitted" (the default), nothing made from another
reviewer's work reaches a facilitator before their own review of that EOI is submitted.

One matrix: every evaluation URL (evaluation/urls.py, and the reports' pages that expose
evaluation data) × {assigned facilitator with no review, with a draft, with a submitted
review, conflicted, manager} → the expected status, and whether the other reviewer's
scores and comments may appear in the body. `test_every_evaluation_url_is_in_the_matrix`
fails when a URL is added without a row here."""

import io
import zipfile

import pytest
from django.urls import get_resolver

from accounts.enums import Role
from evaluation import rules as evaluation_rules  # noqa: F401  (the rules are registered)
from evaluation import services
from evaluation.models import Assignment, Conflict

from .factories import call_with_criteria, facilitator, review, under_review

pytestmark = pytest.mark.django_db

PERSONAS = ["no_review", "draft", "submitted", "conflicted", "manager"]
# What the other reviewer wrote, and their total ((1 + 2 + 4) / 15 × 100).
SECRETS = ["Their private reading of the team", "Their overall verdict on Senegal", "46.67", "46,67"]
SEES_OTHERS = {"submitted", "manager"}


@pytest.fixture
def panel(make_user, country, other_country):
    manager = make_user(Role.MANAGER)
    call = call_with_criteria()
    evaluations = under_review(call, [country, other_country], by=manager)
    senegal = evaluations["SN"]
    other = facilitator(full_name="Olga Other")
    criteria = list(call.criteria.order_by("order"))
    Assignment.objects.create(evaluation=senegal, reviewer=other)
    services.review_save(
        evaluation=senegal, reviewer=other, submit=True, panel_note="Their overall verdict on Senegal",
        entries={c.pk: (value, "Their private reading of the team") for c, value in zip(criteria, (1, 2, 4))},
    )
    people = {"manager": manager}
    for persona in ("no_review", "draft", "submitted", "conflicted"):
        people[persona] = facilitator(full_name=f"Fay {persona}")
        Assignment.objects.create(evaluation=senegal, reviewer=people[persona])
    review(senegal, people["draft"], [3, 3, None], submit=False, comment="My own draft words")
    review(senegal, people["submitted"], [5, 5, 5], comment="My own submitted words")
    Conflict.objects.create(reviewer=people["conflicted"], country=country, reason="Adviser.", declared_by=manager)
    question = services.clarification_ask(evaluation=senegal, question="Which regions?", by=people["no_review"])
    return {"call": call, "evaluation": senegal, "people": people, "question": question}


# name: (path, {persona: status}) — "*" for every persona not named.
FACILITATORS_200 = {"no_review": 200, "draft": 200, "submitted": 200, "conflicted": 200}
ON_THE_EOI = {"no_review": 200, "draft": 200, "submitted": 200, "conflicted": 404, "manager": 200}
MANAGER_ONLY_CALL = {"manager": 200, "*": 404}
URLS = {
    "evaluation:home": ("/evaluation/", {**FACILITATORS_200, "manager": 403}),
    "evaluation:conflicts": ("/evaluation/conflicts/", {"*": 200}),
    "evaluation:conflict_remove": ("/evaluation/conflicts/{conflict}/remove/", {"manager": 405, "*": 403}),
    "evaluation:calls": ("/evaluation/calls/", {"manager": 200, "*": 403}),
    "evaluation:call": ("/evaluation/calls/{c}/", MANAGER_ONLY_CALL),
    "evaluation:start": ("/evaluation/calls/{c}/start/", {"manager": 405, "*": 404}),
    "evaluation:call_settings": ("/evaluation/calls/{c}/settings/", MANAGER_ONLY_CALL),
    "evaluation:criteria": ("/evaluation/calls/{c}/criteria/", {"*": 200}),
    "evaluation:assignments": ("/evaluation/calls/{c}/assignments/", MANAGER_ONLY_CALL),
    "evaluation:assignment_remove": ("/evaluation/assignments/{assignment}/remove/", {"manager": 405, "*": 404}),
    "evaluation:ranking": ("/evaluation/calls/{c}/ranking/", {"*": 200}),
    "evaluation:ranking_export.csv": ("/evaluation/calls/{c}/ranking/export.csv", {"*": 200}),
    "evaluation:ranking_export.xlsx": ("/evaluation/calls/{c}/ranking/export.xlsx", {"*": 200}),
    "evaluation:ranking.by_reviews": ("/evaluation/calls/{c}/ranking/?sort=reviews", {"*": 200}),
    "evaluation:shortlist": ("/evaluation/calls/{c}/shortlist/", MANAGER_ONLY_CALL),
    "evaluation:decisions": ("/evaluation/calls/{c}/decisions/", MANAGER_ONLY_CALL),
    "evaluation:decisions_reopen": ("/evaluation/calls/{c}/decisions/reopen/", {"*": 404}),  # not final: nothing to reopen
    "evaluation:finalise": ("/evaluation/calls/{c}/finalise/", MANAGER_ONLY_CALL),
    "evaluation:call_history": ("/evaluation/calls/{c}/history/", MANAGER_ONLY_CALL),
    "evaluation:feedback": ("/evaluation/calls/{c}/feedback/", MANAGER_ONLY_CALL),
    "evaluation:feedback_schedule": ("/evaluation/calls/{c}/feedback/schedule/", {"manager": 405, "*": 404}),
    "evaluation:evaluation": ("/evaluation/eois/{e}/", ON_THE_EOI),
    "evaluation:eligibility": ("/evaluation/eois/{e}/eligibility/team_size/", ON_THE_EOI),
    "evaluation:clarification_ask": ("/evaluation/eois/{e}/questions/new/", ON_THE_EOI),
    # The feedback is drafted from every reviewer's scores and comments: not before one's own review.
    "evaluation:decision": ("/evaluation/eois/{e}/decision/",
                            {"no_review": 403, "draft": 403, "submitted": 200, "conflicted": 404, "manager": 200}),
    "evaluation:history": ("/evaluation/eois/{e}/history/",
                           {"no_review": 403, "draft": 403, "submitted": 403, "conflicted": 404, "manager": 200}),
    # The panel's tools: every score (a facilitator gets only the EOIs whose reviews they may see),
    # the progress (the manager's), the reviews side by side (not before one's own review).
    "evaluation:scores_export.csv": ("/evaluation/calls/{c}/scores/export.csv", {"*": 200}),
    "evaluation:scores_export.xlsx": ("/evaluation/calls/{c}/scores/export.xlsx", {"*": 200}),
    "evaluation:progress": ("/evaluation/calls/{c}/progress/", MANAGER_ONLY_CALL),
    "evaluation:review_matrix": ("/evaluation/eois/{e}/reviews/",
                                 {"no_review": 403, "draft": 403, "submitted": 200, "conflicted": 404, "manager": 200}),
    # Each meeting's participants of the selected teams (personal data): the manager's only.
    "evaluation:participants_export.csv": ("/evaluation/calls/{c}/meetings/{m}/participants.csv", MANAGER_ONLY_CALL),
    "evaluation:participants_export.xlsx": ("/evaluation/calls/{c}/meetings/{m}/participants.xlsx", MANAGER_ONLY_CALL),
    "evaluation:country_reviews": ("/evaluation/country/", {"*": 403}),
    "evaluation:clarification_answer": ("/evaluation/questions/{q}/answer/", {"*": 404}),
    "reports:list": ("/reports/", {"manager": 200, "*": 403}),
    "reports:request.selection_report": ("/reports/new/selection_report/", {"manager": 200, "*": 404}),
    "reports:request.dossier_zip": ("/reports/new/dossier_zip/", {"manager": 200, "*": 404}),
    "reports:request.eoi_pdf": ("/reports/new/eoi_pdf/", {"manager": 200, "*": 404}),
}


def _body(response):
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            return "".join(archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml"))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig", errors="replace")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", URLS)
def test_blind_review_matrix(client, panel, persona, name):
    path, table = URLS[name]
    people, evaluation = panel["people"], panel["evaluation"]
    url = path.format(
        c=panel["call"].pk, e=evaluation.pk, q=panel["question"].pk, m=panel["call"].meetings.get().pk,
        conflict=Conflict.objects.get(reviewer=people["conflicted"]).pk,
        assignment=Assignment.objects.get(evaluation=evaluation, reviewer=people["no_review"]).pk,
    )
    client.force_login(people[persona])
    response = client.get(url)
    body = _body(response)
    leaked = [] if persona in SEES_OTHERS else [secret for secret in SECRETS if secret in body]
    assert (response.status_code, leaked) == (table.get(persona, table.get("*")), []), url


def test_the_matrix_shows_what_it_guards(client, panel):
    """The secrets are on the pages when one may see them: the matrix's check is not vacuous."""
    client.force_login(panel["people"]["submitted"])
    body = client.get(f"/evaluation/eois/{panel['evaluation'].pk}/decision/").content.decode()
    assert "Their private reading of the team" in body
    assert "46.67" in client.get(f"/evaluation/calls/{panel['call'].pk}/ranking/").content.decode()


def test_every_evaluation_url_is_in_the_matrix():
    resolver = get_resolver()
    evaluation_patterns = next(p for p in resolver.url_patterns if getattr(p, "namespace", None) == "evaluation")
    names = {f"evaluation:{p.name}" for p in evaluation_patterns.url_patterns}
    covered = {name.split(".")[0] for name in URLS}
    assert names - covered == set()


def test_a_facilitator_without_a_submitted_review_cannot_draft_feedback_through_the_service(panel):
    from evaluation.services import NotAllowed

    evaluation = panel["evaluation"]
    for persona in ("no_review", "draft"):
        with pytest.raises(NotAllowed):
            services.evaluation_feedback_prefill(evaluation=evaluation, by=panel["people"][persona])
        with pytest.raises(NotAllowed):
            services.evaluation_feedback_save(evaluation=evaluation, feedback_en="x", feedback_fr="x",
                                              by=panel["people"][persona])
    evaluation.refresh_from_db()
    assert evaluation.feedback_en == ""
    services.evaluation_feedback_prefill(evaluation=evaluation, by=panel["people"]["submitted"])
    evaluation.refresh_from_db()
    assert "Their private reading of the team" in evaluation.feedback_en


def test_the_hidden_setting_off_lets_an_assigned_facilitator_see_and_draft(client, panel):
    settings = panel["call"].evaluation_settings
    services.evaluation_settings_save(settings=settings, by=panel["people"]["manager"],
                                      hide_scores_until_submitted=False)
    client.force_login(panel["people"]["no_review"])
    response = client.get(f"/evaluation/eois/{panel['evaluation'].pk}/decision/")
    assert response.status_code == 200
    assert "Their private reading of the team" in response.content.decode()


def test_the_ranking_export_does_not_count_reviews_one_may_not_see_yet(client, panel):
    """How many reviews are in is also the others' work: a hidden row says nothing of it."""
    import csv

    client.force_login(panel["people"]["draft"])
    response = client.get(f"/evaluation/calls/{panel['call'].pk}/ranking/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    senegal = next(row for row in rows if row["ISO code"] == "SN")
    assert (senegal["Reviews"], senegal["Mean"], senegal["Total of each review"]) == ("", "", "")
    client.force_login(panel["people"]["submitted"])
    response = client.get(f"/evaluation/calls/{panel['call'].pk}/ranking/export.csv")
    senegal = next(row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
                   if row["ISO code"] == "SN")
    assert senegal["Reviews"] == "2"
