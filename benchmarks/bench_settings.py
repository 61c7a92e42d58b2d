"""Benchmark-only settings: production's, plus a URLconf with a minimal view
(benchmarks/bench_urls.py) to compare the portal's pages with. Never used by the
portal itself."""

from jln_portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]  # testserver: Django's test Client, in-process
