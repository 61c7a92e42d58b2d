"""Every main page, in English and French, as the role that sees it: no serious or
critical axe-core violation of WCAG 2.1 A/AA."""

import pytest

from .axe import assert_no_serious_violations, axe_violations
from .pages import LANGUAGES, MAIN_PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=lambda p: p.id)
def test_main_page_accessible(page, world, login_as, use_language, main_page, language):
    login_as(page, world.users[main_page.role])
    use_language(page, language)
    response = page.goto(main_page.url(world))
    assert response.status == main_page.status
    assert page.locator("html").get_attribute("lang") == language
    assert_no_serious_violations(page)


PHONE = {"width": 360, "height": 740}
PHONE_PAGES = [page for page in MAIN_PAGES if page.id in ("landing-anonymous", "eoi:home-focal_a")]


@pytest.mark.parametrize("main_page", PHONE_PAGES, ids=lambda p: p.id)
def test_main_page_accessible_on_a_phone(page, world, login_as, use_language, main_page):
    """The narrow layout (menu folded in a disclosure) is checked too, in French."""
    page.set_viewport_size(PHONE)
    login_as(page, world.users[main_page.role])
    use_language(page, "fr")
    page.goto(main_page.url(world))
    assert_no_serious_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_login_form_errors_accessible(page, world, use_language, language):
    """Errors of a form (summary at the top, messages beside the fields) are accessible too."""
    use_language(page, language)
    page.goto("/accounts/login/")
    page.locator("form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("#form-errors").is_visible()
    assert_no_serious_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_eoi_form_errors_accessible(page, world, login_as, use_language, language):
    """The EOI form's fields (crispy-forms) with errors: summary, messages beside the fields, input kept."""
    login_as(page, world.users["focal_a"])
    use_language(page, language)
    page.goto(f"/eoi/{world.eoi_a.pk}/edit/")
    page.fill("#id_m1_email", "aminata@")
    page.locator("#eoi-form button[name=save]").click()
    page.wait_for_load_state()
    assert page.locator("#form-errors").is_visible()
    assert page.locator("#id_m1_email_error").is_visible()
    assert page.input_value("#id_m1_email") == "aminata@"
    assert_no_serious_violations(page)


def test_axe_finds_a_missing_label(page, world):
    """The check can fail: a form field without a label is reported."""
    page.goto("/accounts/login/")
    page.evaluate("() => document.querySelectorAll('label').forEach(label => label.remove())")
    assert "label" in {violation["id"] for violation in axe_violations(page)}
