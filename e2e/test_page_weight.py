"""Every main page stays under the page-weight target (HTML + CSS + JS, uncompressed).
The figures themselves: benchmarks/page_weight.py."""

import pytest

from jln_portal.tests.world import build_world

from .pages import LANGUAGES, MAIN_PAGES
from .weight import TARGET, weigh


@pytest.mark.django_db
def test_main_pages_under_weight_target():
    world = build_world()
    weights = {
        f"{page.id} ({language})": sum(weigh(world, page, language)[:3]) for page in MAIN_PAGES for language in LANGUAGES
    }
    over = {name: total for name, total in weights.items() if total >= TARGET}
    assert not over, f"pages over {TARGET} bytes: {over}"
    assert min(weights.values()) > 1000  # the CSS and HTML were really counted
