"""The manager's export of one person (issue 17 §2) in a browser: the summary a search answers
(a POST, so not in MAIN_PAGES) is accessible in both languages, and the JSON download arrives."""

import json

import pytest

from privacy.models import PrivacyAction

from .axe import assert_no_serious_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "fr"])
def test_person_summary_accessible_and_downloadable(page, world, login_as, use_language, language):
    person = world.users["focal_a"]
    login_as(page, world.users["manager"])
    use_language(page, language)
    page.goto("/personal-data/person/")
    page.fill("#id_email", person.email.upper())
    page.locator("form[action='/personal-data/person/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.input_value("#id_email") == person.email.upper()
    page.locator("details summary").first.click()
    assert_no_serious_violations(page)
    with page.expect_download() as download:
        page.locator("form[action='/personal-data/person/download/'] button").first.click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["sections"][0]["rows"][0]["full_name"] == person.full_name
    assert PrivacyAction.objects.count() == 1
