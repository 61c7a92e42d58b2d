"""Benchmark-only settings: production's, plus a URLconf with a minimal view and a
page that renders only base.html (benchmarks/bench_urls.py) to compare the
portal's pages with. Never used by the portal itself.

BENCH_CACHE_URL (redis://…) gives the benchmark production's shared cache
without making Celery use Redis (tasks stay in-process while it seeds)."""

import os

from jln_portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]  # testserver: Django's test Client, in-process
if os.environ.get("BENCH_CACHE_URL"):
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",  # noqa: F405
                          "LOCATION": os.environ["BENCH_CACHE_URL"]}}
