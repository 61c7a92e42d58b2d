"""Caching what is read far more often than it changes (docs/architecture.md, "Caching").

A key is built from the versions of the data its value was made from: a row's
`version` or `updated_at`, the count and latest change of a set of rows, the
language. A change to the data makes a new key, so nothing is ever invalidated by
hand, every web process agrees (the cache is Redis when REDIS_URL is set), and a
stale value cannot be served: the old entry is simply never asked for again and
expires. The timeout only bounds the memory the cache holds.

Templates use Django's own `{% cache %}` tag the same way: its arguments are the
versions (and LANGUAGE_CODE) of what the fragment shows.
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

TIMEOUT = 24 * 60 * 60


def versioned_key(name, *versions):
    """The cache key of `name` made from `versions`, in the active language."""
    digest = hashlib.blake2b("|".join(map(repr, versions)).encode(), digest_size=16).hexdigest()
    return f"jln:{name}:{get_language() or '-'}:{digest}"


def get_or_build(name, versions, build):
    """The value of `name` for `versions`: from the cache, or `build()` stored there."""
    key = versioned_key(name, *versions)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
