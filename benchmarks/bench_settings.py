"""Benchmark-only settings: production's, plus a URLconf with a minimal view and a
page that renders only base.html (benchmarks/bench_urls.py) to compare the
portal's pages with. Never used by the portal itself.

The default cache is Django's DummyCache: every page is measured as it costs
without a cache (nothing is ever found in it). The per-process "fragments" cache
of base.html (the menu, the language choices, the session warning's texts: the
same for every user of a role and language) stays a local-memory cache, as in
every setting of the portal."""

from jln_portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]  # testserver: Django's test Client, in-process
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405
