#!/usr/bin/env python
"""Page weight of each main page (e2e/pages.py), in English and French, as the
role that sees it: bytes of HTML + CSS + JS, uncompressed, as a first visit
downloads them (and gzipped, what travels). Target: < 150 KB per page.
Figures printed, nothing timed (e2e/test_page_weight.py holds the target).

    .venv/bin/python benchmarks/page_weight.py

Runs on a throw-away test database (SQLite in memory, or DATABASE_URL's
server) holding the world of jln_portal/tests/world.py.
"""

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jln_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

from e2e.pages import LANGUAGES, MAIN_PAGES  # noqa: E402
from e2e.weight import TARGET, weigh  # noqa: E402
from jln_portal.tests.world import build_world  # noqa: E402


def main():
    logging.disable(logging.WARNING)  # the 403 and 404 pages are expected
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        world = build_world()
        print(f"Bytes per page, uncompressed (target: total < {TARGET // 1024} KB = {TARGET} bytes); gzip: what travels.")
        print(f"{'page':42} {'lang':4} {'HTML':>8} {'CSS':>8} {'JS':>7} {'total':>8} {'gzip':>7}")
        heaviest = 0
        for page in MAIN_PAGES:
            for language in LANGUAGES:
                html, css, js, gzipped = weigh(world, page, language)
                total = html + css + js
                heaviest = max(heaviest, total)
                flag = "" if total < TARGET else "  OVER TARGET"
                print(f"{page.id:42} {language:4} {html:8} {css:8} {js:7} {total:8} {gzipped:7}{flag}")
        verdict = "within" if heaviest < TARGET else "OVER"
        print(f"heaviest page: {heaviest} bytes = {heaviest / 1024:.1f} KB ({verdict} the target of {TARGET // 1024} KB)")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
