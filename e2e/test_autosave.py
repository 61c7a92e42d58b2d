"""Autosave in a real browser: a mistyped e-mail does not stop it. The rest is saved,
the field keeps what was typed and is marked, an alert at the top lists it, and leaving
the page with that field unsaved asks first."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_autosave_saves_a_good_answer_beside_a_bad_email_and_warns_on_leaving(page, world, login_as, use_language):
    login_as(page, world.users["focal_a"])
    use_language(page, "en")
    page.goto(f"/eoi/{world.eoi_a.pk}/edit/")
    email = page.locator("#id_m2_email")
    email.click()  # a person's gesture: the browser asks before leaving only after one
    email.fill("awa.diop@")
    page.locator("#id_answer_action").fill("The lessons will feed the revision of the UHC strategic plan.")

    summary = page.locator("#autosave-errors")
    expect(summary).to_be_visible(timeout=15_000)
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("link", name="Team member 2: E-mail address")).to_have_attribute("href", "#id_m2_email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_value("awa.diop@")  # what was typed stays
    expect(page.locator("#id_m2_email_error")).to_contain_text("Enter a valid email address.")
    assert "id_m2_email_error" in email.get_attribute("aria-describedby").split()
    expect(page.locator("[data-autosave-status]")).to_contain_text("except 1 field")

    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    page.reload()
    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_answer_action")).to_have_value(
        "The lessons will feed the revision of the UHC strategic plan.")
    expect(page.locator("#id_m2_email")).to_have_value("")  # the invalid address was not saved


def test_leaving_after_everything_is_saved_does_not_ask(page, world, login_as, use_language):
    login_as(page, world.users["focal_a"])
    use_language(page, "en")
    page.goto(f"/eoi/{world.eoi_a.pk}/edit/")
    page.locator("#id_answer_action").click()
    page.locator("#id_answer_action").fill("Saved text.")
    expect(page.locator("[data-autosave-status]")).to_contain_text("Draft saved at", timeout=15_000)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.reload()
    expect(page.locator("#id_answer_action")).to_have_value("Saved text.")
    assert dialogs == []
