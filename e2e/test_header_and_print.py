"""The header's language picker shows its current choice at every width, for every role
(the manager's long name beside it used to squeeze it to an empty box); printing an EOI's
page (Ctrl+P) leaves out the navigation and every control."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The selected option's text width and the room inside the select (without its padding,
# which holds the arrow), in CSS pixels, measured with the select's own font.
MEASURE = """(select) => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  return {text: context.measureText(select.options[select.selectedIndex].text).width,
          room: select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)};
}"""


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("who, language", [("manager", "en"), ("manager", "fr"), ("focal_a", "fr"), (None, "fr")])
def test_language_picker_shows_its_choice(page, world, login_as, use_language, width, who, language):
    page.set_viewport_size({"width": width, "height": 800})
    login_as(page, world.users[who] if who else None)
    use_language(page, language)
    page.goto("/accounts/home/" if who else "/")
    select = page.locator("#language-select")
    expect(select).to_be_visible()
    sizes = select.evaluate(MEASURE)
    assert sizes["text"] > 20  # "English" / "Français"
    assert sizes["room"] >= sizes["text"], sizes
    box = select.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # not pushed off the screen either


def test_printed_eoi_page_has_no_navigation_or_controls(page, world, login_as):
    from django.utils import timezone

    from eoi.enums import EOIStatus
    from eoi.models import ExpressionOfInterest

    ExpressionOfInterest.objects.filter(pk=world.eoi_a.pk).update(
        status=EOIStatus.SUBMITTED, submission_number=1, submitted_at=timezone.now())
    login_as(page, world.users["manager"])
    page.goto(f"/eoi/{world.eoi_a.pk}/")
    expect(page.locator("header nav")).to_be_visible()
    expect(page.get_by_role("button", name="Download as PDF")).to_be_visible()  # on screen, the controls are there
    page.emulate_media(media="print")
    expect(page.locator("h1")).to_be_visible()
    for selector in ("header", "nav", "footer", ".session-warning"):
        expect(page.locator(selector).first).to_be_hidden()
    controls = page.locator("main button, main select, main input:not([type=hidden]), main textarea, main .btn")
    assert controls.count() > 0
    visible = [controls.nth(i).evaluate("e => e.outerHTML.slice(0, 80)") for i in range(controls.count())
               if controls.nth(i).is_visible()]
    assert visible == []
