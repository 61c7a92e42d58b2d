"""A French-speaking focal point drafts her country's EOI in French, leaves,
comes back, finishes it and submits it — in Debian's headless Chromium."""

import os
import re

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

from accounts.enums import Role  # noqa: E402
from accounts.tests.factories import PASSWORD  # noqa: E402
from eoi.enums import EOIStatus  # noqa: E402
from eoi.models import ExpressionOfInterest  # noqa: E402
from eoi.tests.factories import CallFactory  # noqa: E402
from outbox.models import OutboundMail  # noqa: E402


def in_french(text):
    """The page's own French wording, from the catalogue (not retyped here)."""
    from django.utils import translation

    with translation.override("fr"):
        return translation.gettext(text)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
TEAM = [
    ("Aminata Diallo", "Directrice de la planification", "Ministère de la Santé", "national", "1", "female"),
    ("Moussa Ndiaye", "Chef de division", "Agence de la CMU", "national", "2", "male"),
    ("Fatou Sarr", "Responsable logistique", "Pharmacie nationale d'approvisionnement", "national", "3", "female"),
    ("Ibrahima Fall", "Médecin-chef de district", "District sanitaire de Thiès", "subnational", "5", "male"),
]


def test_focal_point_drafts_in_french_leaves_returns_and_submits(live_server, make_user, country):
    call = CallFactory(title_fr="Réformes fondamentales des SSP")
    focal = make_user(Role.FOCAL_POINT, countries=[country], language="fr", email="focal.sn@example.org",
                      full_name="Awa Ba")
    profiles = {str(p.number): str(p.pk) for p in call.profiles.all()}
    # The database is read again only once the browser (and its event loop) is gone.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            journey(browser.new_context(locale="fr-FR").new_page(), live_server.url, focal, profiles)
        finally:
            browser.close()

    eoi = ExpressionOfInterest.objects.get(call=call, country=country)
    assert eoi.status == EOIStatus.SUBMITTED and eoi.submitted_by == focal
    assert eoi.answers.get(question__key="relevance").text == RELEVANCE
    assert eoi.team_members.count() == 4
    confirmations = OutboundMail.objects.filter(kind="eoi_confirmation")
    assert sorted(m.to_email for m in confirmations) == ["awa.ba@example.org", "focal.sn@example.org"]
    assert {m.language for m in confirmations} == {"fr"}


RELEVANCE = "Au Sénégal, les structures de SSP reçoivent leurs crédits avec retard."


def journey(page, url, focal, profiles):
    from playwright.sync_api import expect

    # Log in, start the EOI from the home page.
    page.goto(f"{url}/eoi/")
    page.fill("input[name=username]", focal.email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=in_french("Log in")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Les manifestations d'intérêt de mon pays")
    page.get_by_role("button", name="Commencer la manifestation d'intérêt").click()
    expect(page).to_have_url(re.compile(r"/eoi/\d+/edit/$"))

    # Draft in French; autosave keeps it without pressing anything.
    page.locator("#id_answer_relevance").press_sequentially(RELEVANCE, delay=5)
    expect(page.locator("#id_answer_relevance_helptext")).to_contain_text("mots sur 400")
    expect(page.locator("[data-autosave-status]")).to_contain_text("Brouillon enregistré à", timeout=15000)

    # Leave for another page, then come back through the home page.
    page.goto(f"{url}/")
    page.goto(f"{url}/eoi/")
    expect(page.get_by_text("éléments manquent encore avant de pouvoir soumettre")).to_be_visible()
    page.get_by_role("link", name="Continuer la saisie").click()
    expect(page.locator("#id_answer_relevance")).to_have_value(RELEVANCE)

    # Finish: the other answers, the team of four, the contact person; save without JavaScript's help.
    page.fill("#id_answer_efforts", "Financement direct des structures de santé, en phase pilote depuis 2022.")
    page.fill("#id_answer_action", "Les enseignements nourriront la révision du plan stratégique de la CSU.")
    for slot, (name, position, organisation, level, profile, gender) in enumerate(TEAM, start=1):
        page.fill(f"#id_m{slot}_name", name)
        page.fill(f"#id_m{slot}_position", position)
        page.fill(f"#id_m{slot}_organisation", organisation)
        page.select_option(f"#id_m{slot}_level", level)
        page.select_option(f"#id_m{slot}_profile_id", profiles[profile])
        page.select_option(f"#id_m{slot}_gender", gender)
        page.fill(f"#id_m{slot}_email", f"membre{slot}@example.org")
        page.fill(f"#id_m{slot}_why_role_matters", "Son rôle est au cœur de la réforme.")
        page.check(f"#id_m{slot}_commits_to_meetings")
    page.fill("#id_contact_name", "Awa Ba")
    page.fill("#id_contact_position", "Point focal JLN")
    page.fill("#id_contact_email", "awa.ba@example.org")
    expect(page.locator("#composition-panel")).to_contain_text("4 sur 5", timeout=15000)
    page.get_by_role("button", name="Enregistrer et relire avant de soumettre").click()

    # Review, then submit.
    expect(page.get_by_text("Tout ce qui est demandé est là. Relisez, puis soumettez.")).to_be_visible()
    page.get_by_role("button", name="Soumettre la manifestation d'intérêt").click()
    expect(page.get_by_text("Votre manifestation d'intérêt a été soumise.")).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("Soumise")
