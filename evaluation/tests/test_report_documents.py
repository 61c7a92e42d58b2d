"""What the selection report and the dossier look like as documents (issue 14, "Documents"):
the cover's labels and values aligned, the team table's profile column readable, French spaces
only in French text, no flag emoji, each EOI's record in its country's language."""

import io
import re
import zipfile

import pypdf
import pytest
from django.utils import translation
from django.utils.text import slugify

from accounts.enums import Role
from accounts.models import User
from eoi.models import Answer
from evaluation import report_builders, report_data
from reports.enums import FileState
from reports.models import GeneratedFile
from reports.tests.helpers import visual_lines

from .reporting import decided_call, pdf_text

pytestmark = pytest.mark.django_db
NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def manager():
    return User.objects.create(email="m@example.org", full_name="M", role=Role.MANAGER)


def fragments(page):
    """[(baseline, x, text)] of a page's text runs, top to bottom, left to right."""
    found = []

    def keep(text, cm, tm, font, size):
        if text.strip():
            x, y = tm[4], tm[5]
            found.append((round(cm[1] * x + cm[3] * y + cm[5]), cm[0] * x + cm[2] * y + cm[4], text.strip()))

    page.extract_text(visitor_text=keep)
    return sorted(found, key=lambda f: (-f[0], f[1]))


def _report(call, language):
    call = report_data.call_for_report().get(pk=call.pk)
    return pypdf.PdfReader(io.BytesIO(report_builders.render_selection_report(call, language=language,
                                                                              prepared_by="Ana Manager")))


def test_cover_labels_and_values_are_aligned_in_both_languages(manager):
    call, _evaluations = decided_call(manager)
    for language in ("en", "fr"):
        with translation.override(language):
            labels = [translation.gettext(label) for label in (
                "Call opened", "Deadline", "Feedback to countries by", "Decisions", "Prepared by", "Generated")]
        cover = fragments(_report(call, language).pages[0])
        value_starts = []
        for label in labels:
            baselines = [y for y, _x, text in cover if text == label]
            assert baselines, (language, label, "not found whole on one line", cover)
            line = [f for f in cover if f[0] == baselines[0]]
            assert line[0][2] == label and len(line) > 1, (language, label, line)  # the label, then its value
            value_starts.append(line[1][1])
        assert max(value_starts) - min(value_starts) < 1, (language, value_starts)


def test_team_table_profile_column_is_not_one_word_per_line(manager):
    call, _evaluations = decided_call(manager)
    call.profiles.update(organisation_en="Ministry of Health or Finance, planning department")
    roster = next(page for page in _report(call, "en").pages if "Selected teams" in page.extract_text()
                  and "Member 1" in page.extract_text())
    lines = visual_lines(roster)
    assert any("Ministry of Health" in line for line in lines), lines


def test_french_spaces_only_in_french_text_and_no_flag_emoji(manager):
    call, evaluations = decided_call(manager)  # Ghana writes in English, Senegal in French
    Answer.objects.filter(eoi=evaluations["GH"].eoi).update(text="\U0001F1EC\U0001F1ED Our budget; the plan: ready?")
    Answer.objects.filter(eoi=evaluations["SN"].eoi).update(text="\U0001F1F8\U0001F1F3 Notre budget; le plan: prêt?")
    french = "\n".join(page.extract_text() for page in _report(call, "fr").pages)
    english = "\n".join(page.extract_text() for page in _report(call, "en").pages)

    assert "Our budget; the plan: ready?" in french  # the English EOI quoted as typed
    assert f"Notre budget{NNBSP}; le plan{NBSP}: prêt{NNBSP}?" in french
    assert re.search(f"Décision{NBSP}:", french)  # the report's own French text
    assert f"Notre budget{NNBSP}; le plan{NBSP}: prêt{NNBSP}?" in english  # French text in an English report
    assert "Our budget; the plan: ready?" in english
    for text in (french, english):
        assert not re.search("[\U0001F1E6-\U0001F1FF]", text)


def test_dossier_holds_each_eoi_in_its_countrys_language(client, manager, django_capture_on_commit_callbacks):
    call, _evaluations = decided_call(manager)  # Senegal works in French, Ghana and Kenya in English
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/new/dossier_zip/", {"language": "en", "call": call.pk})
    generated = GeneratedFile.objects.get(kind="dossier_zip")
    assert generated.state == FileState.DONE, generated.error
    archive = zipfile.ZipFile(generated.file.open())
    records = {name.rsplit("/", 1)[1]: pdf_text(archive.read(name)) for name in archive.namelist()
               if "/" in name.split("/", 1)[1] and name.endswith(".pdf")}
    slug = call.slug
    with translation.override("fr"):
        french_name = slugify(translation.gettext("expression of interest"))
    assert sorted(records) == sorted([
        f"{slug}-sn-{french_name}-fr.pdf", f"{slug}-gh-expression-of-interest-en.pdf",
        f"{slug}-ke-expression-of-interest-en.pdf",
    ])
    senegal = records[f"{slug}-sn-{french_name}-fr.pdf"]
    assert "Sénégal" in senegal and "Retour pour SN" in senegal and "Feedback for SN" not in senegal
    ghana = records[f"{slug}-gh-expression-of-interest-en.pdf"]
    assert "Ghana" in ghana and "Feedback for GH: thank you." in ghana
