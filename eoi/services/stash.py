"""Input typed while the session had expired, kept over the login page.

The session is gone, so the input cannot live there: it is stored in the
database under a random token that travels in the login redirect's `next`
(`…/edit/?restore=<token>`). After login the edit view gives it back — only to
someone allowed to edit that EOI, and only once; rows older than
STASH_MAX_AGE are refused and purged by the `eoi.purge_stashed_input` task.
"""

import json
import secrets
from datetime import timedelta

from django.http import QueryDict
from django.utils import timezone

from ..models import StashedInput

STASH_MAX_AGE = timedelta(hours=24)
STASH_MAX_BYTES = 512 * 1024
NOT_KEPT = {"csrfmiddlewaretoken"}


def input_stash(*, path, data):
    """Keep a POST's fields (a QueryDict) for `path`; returns the token, or None if too large."""
    fields = {key: values for key, values in data.lists() if key not in NOT_KEPT}
    if len(json.dumps(fields)) > STASH_MAX_BYTES:
        return None
    token = secrets.token_urlsafe(32)
    StashedInput.objects.create(token=token, path=path, data=fields)
    return token


def input_restore(*, token, path, now=None):
    """The kept input for `path` as a QueryDict (then forgotten), or None."""
    now = now or timezone.now()
    stash = StashedInput.objects.filter(token=token, path=path, created_at__gte=now - STASH_MAX_AGE).first()
    if stash is None:
        return None
    StashedInput.objects.filter(pk=stash.pk).delete()
    restored = QueryDict(mutable=True)
    for key, values in stash.data.items():
        restored.setlist(key, values)
    return restored


def input_purge(*, now=None):
    now = now or timezone.now()
    deleted, _ = StashedInput.objects.filter(created_at__lt=now - STASH_MAX_AGE).delete()
    return deleted
