"""The live word counter of the EOI form (static/js/autosave.js) counts as the server does
(eoi.completeness.count_words): French spaced punctuation is not a word."""

import pytest

from eoi.completeness import count_words

pytestmark = [pytest.mark.browser]

TEXT = "Nos priorités : financement ; équité ! Pourquoi ? « Soins primaires »"


def test_live_word_count_leaves_out_spaced_punctuation(page, world, login_as, use_language):
    login_as(page, world.users["focal_a"])
    use_language(page, "en")
    page.goto(f"/eoi/{world.eoi_a.pk}/edit/", wait_until="domcontentloaded")
    area = page.locator("textarea[data-word-limit]").first
    area.fill(TEXT)
    counter = page.locator(".word-count").first
    expected = count_words(TEXT)
    assert expected == 7
    counter.filter(has_text=f"{expected} of").wait_for()
    assert counter.inner_text().startswith(f"{expected} of ")
