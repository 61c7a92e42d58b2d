"""The selection report, the per-EOI record and the dossier: what their PDFs say, in both languages."""

import io
import re
import zipfile

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts import demo as accounts_demo
from accounts.enums import Role
from accounts.models import User
from countries import demo as countries_demo
from countries.tests.factories import CountryFactory
from eoi import demo as eoi_demo
from eoi.models import Call
from evaluation import demo, report_builders, report_data, services
from evaluation.enums import Decision, EvaluationState
from evaluation.models import Evaluation
from reports.enums import FileState
from reports.models import GeneratedFile

from reports.tests.helpers import visual_lines

from .reporting import decided_call, members_answer, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _demo_call_with_decisions():
    countries_demo.load()
    accounts_demo.load()
    eoi_demo.load()
    demo.load()
    manager = User.objects.get(email="manager@example.org")
    call = Call.objects.get(slug=eoi_demo.SEED_SLUG)
    by_code = {e.eoi.country.code.code: e for e in Evaluation.objects.filter(eoi__call=call).select_related("eoi__country")}
    services.shortlist_set(call=call, shortlisted_ids=[by_code["SN"].pk, by_code["KE"].pk], by=manager)
    services.decision_set(evaluation=by_code["SN"], decision=Decision.SELECTED, by=manager)
    services.decision_set(evaluation=by_code["KE"], decision=Decision.WAITLISTED, by=manager)
    return report_data.call_for_report().get(pk=call.pk)


def _figure(text, label):
    match = re.search(re.escape(label) + r"\s*(\d+)", text)
    return int(match.group(1)) if match else None


def test_selection_report_of_the_demo_call_in_english_and_french():
    call = _demo_call_with_decisions()
    english = pdf_text(report_builders.render_selection_report(call, language="en", prepared_by="Ana Manager"))
    french = pdf_text(report_builders.render_selection_report(call, language="fr", prepared_by="Ana Manager"))

    assert "Selection report" in english and "Ana Manager" in english
    assert _figure(english, "Expressions of interest received") == 12
    assert _figure(english, "Under review") == 12
    assert _figure(english, "Eligible") == 11  # Burkina Faso's team is too small
    assert _figure(english, "Shortlisted") == 2
    assert re.search(r"Participants in the selected teams\s*4 of 40", english)  # Senegal's team of four
    assert "Senegal" in english and "Kenya" in english and "Vietnam" in english
    assert "Conflicts of interest declared" in english and "Claire Martin" in english
    with translation.override("en"):
        assert str(Decision.SELECTED.label) in english and str(Decision.WAITLISTED.label) in english

    assert _figure(french, "Manifestations d’intérêt reçues") == 12 or _figure(french, "Manifestations d'intérêt reçues") == 12
    assert re.search(r"sur\s*40", french)
    assert "Sénégal" in french and "Kenya" in french
    with translation.override("fr"):
        assert str(Decision.SELECTED.label) in french
    # French typography: a non-breaking space before the colon ("Décision : Retenue").
    assert re.search("Décision\u00a0:", french) or "Décision :" in french
    assert "Page 1 sur" in french and "Page 1 of" in english
    assert "Annexe, page A-1 sur" in french and "Annex, page A-1 of" in english


def _link_targets(reader, page):
    """The page indexes that the links of `page` lead to."""
    targets = []
    for annotation in page.get("/Annots", []):
        annotation = annotation.get_object()
        destination = annotation.get("/Dest") or (annotation.get("/A") or {}).get("/D")
        if isinstance(destination, (str, bytes)) or hasattr(destination, "original_bytes"):
            destination = reader.named_destinations[str(destination)]
            targets.append(reader.get_destination_page_number(destination))
        elif destination is not None:
            targets.append(reader.get_page_number(destination[0].get_object()))
    return targets


def test_selection_report_is_one_document_with_its_annex_numbered_a_1():
    call = _demo_call_with_decisions()
    pdf = report_builders.render_selection_report(call, language="en", prepared_by="Ana Manager")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    footer = re.compile(r"Page \d+ of \d+|Annex, page A-\d+ of \d+")
    footers = [[line for line in visual_lines(page) if footer.fullmatch(line)] for page in reader.pages]
    assert all(len(found) == 1 for found in footers)
    footers = [found[0] for found in footers]
    body = footers.index(next(f for f in footers if f.startswith("Annex")))
    annex = len(footers) - body
    # The numbers printed on the pages: the body 1…n of n, the annex A-1…A-m of m.
    assert footers == [f"Page {n} of {body}" for n in range(1, body + 1)] + [
        f"Annex, page A-{n} of {annex}" for n in range(1, annex + 1)]
    # The page labels a PDF viewer shows say the same.
    assert [reader.page_labels[i] for i in range(len(reader.pages))] == [
        str(n) for n in range(1, body + 1)] + [f"A-{n}" for n in range(1, annex + 1)]

    # One document: the contents' annex entry is a link to the annex's first page, with its number.
    contents = visual_lines(reader.pages[0])
    assert "Annex: expressions of interest one by one A-1" in contents
    assert any(re.fullmatch(r"Ranking \d+", line) for line in contents)
    assert body in _link_targets(reader, reader.pages[0])

    # The annex's index: each country with the page its section starts on, which it links to.
    index = [line for line in visual_lines(reader.pages[body]) if re.fullmatch(r".+ A-\d+", line)]
    assert len(index) == 12  # the demo call's EOIs under review
    for line in index:
        country, label = line.rsplit(" ", 1)
        assert country in reader.pages[body + int(label[2:]) - 1].extract_text()


def _context_queries(call):
    call = report_data.call_for_report().get(pk=call.pk)
    with CaptureQueriesContext(connection) as queries, translation.override("en"):
        context = report_builders.selection_report_context(call, prepared_by="M")
    return len(queries), context


def test_selection_report_context_queries_do_not_grow_with_eois():
    manager = User.objects.create(email="m@example.org", full_name="M", role=Role.MANAGER)
    small, _ = decided_call(manager)
    more = [CountryFactory(code=code) for code in ("CI", "BJ", "ML", "NG", "VN", "ID", "PH")]
    big, big_evaluations = decided_call(manager, extra_countries=more, final=False)
    for code in ("SN", "CI", "NG"):  # their members' own answers come with the members
        members_answer(big_evaluations[code], {1: (True, True), 2: (False, False), 3: (None, False)}, by=manager)

    few, small_context = _context_queries(small)
    many, big_context = _context_queries(big)

    assert len(small_context["data"].entries) == 3 and len(big_context["data"].entries) == 10
    assert few == many


def test_selection_report_figures_and_ranking_of_a_final_call():
    manager = User.objects.create(email="m@example.org", full_name="M", role=Role.MANAGER)
    call, evaluations = decided_call(manager)
    _count, context = _context_queries(call)
    data = context["data"]
    assert data.final
    assert (data.figures.received, data.figures.selected, data.figures.waitlisted, data.figures.not_selected) == (3, 1, 1, 1)
    assert data.figures.participants == 4 and data.figures.max_participants == 40
    assert [e.country_name for e in data.entries][0] == "Senegal" and data.entries[0].rank == 1
    assert [r.name for r in data.reviewers] == ["Claire Martin", "Daniel Okafor"]
    assert all((r.assigned, r.submitted) == (3, 3) for r in data.reviewers)


def test_eoi_record_shows_the_decision_only_once_final():
    manager = User.objects.create(email="m@example.org", full_name="M", role=Role.MANAGER)
    call, evaluations = decided_call(manager, final=False)
    eoi = report_data.eoi_for_record().get(pk=evaluations["SN"].eoi_id)
    before = pdf_text(report_builders.render_eoi_record(eoi, language="fr"))
    assert "Sénégal" in before and "Awa Ba" in before and "Member 1" in before
    assert "Retour pour SN" not in before

    services.evaluation_finalise_call(call=call, by=manager)
    eoi = report_data.eoi_for_record().get(pk=evaluations["SN"].eoi_id)
    after_fr = pdf_text(report_builders.render_eoi_record(eoi, language="fr"))
    after_en = pdf_text(report_builders.render_eoi_record(eoi, language="en"))
    with translation.override("fr"):
        assert str(EvaluationState.SELECTED.label) in after_fr
    assert "Retour pour SN" in after_fr and "Feedback for SN: thank you." in after_en


def test_dossier_contains_both_reports_every_record_and_the_spreadsheets(client, django_capture_on_commit_callbacks):
    manager = User.objects.create(email="m@example.org", full_name="M", role=Role.MANAGER)
    call, evaluations = decided_call(manager)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/new/dossier_zip/", {"language": "en", "call": call.pk})
    generated = GeneratedFile.objects.get(kind="dossier_zip")
    assert response.status_code == 302 and generated.state == FileState.DONE, generated.error
    download = client.get(f"/reports/{generated.pk}/download/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = sorted(name.split("/", 1)[1] for name in archive.namelist())
    slug = call.slug
    assert names == sorted([
        f"{slug}-selection-report-en.pdf", f"{slug}-rapport-de-selection-fr.pdf",
        *[f"expressions-of-interest/{slug}-{code}-expression-of-interest-en.pdf" for code in ("gh", "ke")],
        f"expressions-of-interest/{slug}-sn-manifestation-dinteret-fr.pdf",  # Senegal works in French
        "expressions-of-interest.csv", "team-members.csv", "scores.csv", f"{slug}.xlsx",
    ])
    for name in archive.namelist():
        if name.endswith(".pdf"):
            assert pdf_text(archive.read(name))


def test_the_report_says_how_many_members_confirmed_and_each_selected_members_answer():
    manager = User.objects.create(email="m@example.org", full_name="M", role=Role.MANAGER)
    call, evaluations = decided_call(manager)
    members_answer(evaluations["SN"], {1: (True, True), 2: (True, False), 3: (False, False)}, by=manager)
    members_answer(evaluations["GH"], {1: (True, False), 2: (None, False)}, by=manager)
    _count, context = _context_queries(call)
    entries = {e.country_name: e for e in context["data"].entries}
    assert entries["Senegal"].confirmations == {"confirmed": 2, "declined": 1, "waiting": 0, "total": 4}
    assert entries["Ghana"].confirmations == {"confirmed": 1, "declined": 0, "waiting": 1, "total": 4}
    assert context["data"].selected_confirmations == {"confirmed": 2, "declined": 1, "waiting": 0, "total": 4}

    call = report_data.call_for_report().get(pk=call.pk)
    english = " ".join(pdf_text(report_builders.render_selection_report(call, language="en", prepared_by="M")).split())
    assert "Members of the selected teams who confirmed 2 of 4" in english
    assert "2 of 4 confirmed; 1 declined" in english  # Senegal, in the roster and the annex
    assert "1 of 4 confirmed; 1 not answered yet" in english  # Ghana, in the annex
    roster = english[english.index("Their own answer"):]
    assert re.search(r"Confirmed \(\d+ \w+ \d{4}\) — needs French interpretation", roster)
    assert "Declined (" in roster and "Not asked yet" in roster
    french = " ".join(pdf_text(report_builders.render_selection_report(call, language="fr", prepared_by="M")).split())
    assert "2 sur 4 ont confirmé ; 1 a refusé" in french.replace("\u00a0", " ") and "Sa propre réponse" in french


def test_the_dossiers_spreadsheets_carry_the_members_answers():
    manager = User.objects.create(email="m@example.org", full_name="M", role=Role.MANAGER)
    call, evaluations = decided_call(manager)
    members_answer(evaluations["SN"], {1: (True, True), 2: (False, False)}, by=manager)
    call = report_data.call_for_report().get(pk=call.pk)
    with translation.override("en"):
        tables = report_builders.call_spreadsheets(call, report_data.selection_report_data(call))
    eois, members = tables["expressions-of-interest"], tables["team-members"]
    senegal = next(row for row in eois.rows if row[1] == "SN")
    assert senegal[eois.headers.index("Members who confirmed")] == 1
    assert senegal[eois.headers.index("Members who declined")] == 1
    answers = [row[members.headers.index("Their own answer")] for row in members.rows if row[1] == "SN"]
    assert answers == ["Confirmed", "Declined", "Not asked yet", "Not asked yet"]
