"""Input typed while the session had expired, kept over the login page — for the
person whose session it was, and for no one else.

The session is gone, so the input cannot live there: it is stored in the
database under a random token that travels in the login redirect's `next`
(`…/edit/?restore=<token>`). What proves whose session it was is the *owner
cookie*: a signed (HMAC, salted) copy of the user's id that the portal sets on
every signed-in response and renews with the session (`eoi.middleware`), deleted
at logout. It stays valid STASH_MAX_AGE after the session could have ended
(owner_cookie_age()): the tab left open over lunch or overnight is the case it is for. An anonymous POST stores
something only when it carries a valid owner cookie of a person who may edit
that EOI, at most STASH_MAX_BYTES, one stash per person and EOI, and at most
STASH_PER_ADDRESS stashes per client address an hour. After login the edit view
gives the input back only to that same person, and only once; rows older than
STASH_MAX_AGE are refused and purged by the `eoi.purge_stashed_input` task. So
a crafted login link (`?next=…?restore=<someone's token>`) pre-fills nothing.
"""

import json
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import QueryDict
from django.utils import timezone

from accounts.throttling import allow as throttle_allows

from ..models import ExpressionOfInterest, StashedInput

logger = logging.getLogger(__name__)

STASH_MAX_AGE = timedelta(hours=24)
STASH_MAX_BYTES = 512 * 1024
STASH_PER_ADDRESS = 10  # stashes an hour from one client address
NOT_KEPT = {"csrfmiddlewaretoken"}
OWNER_COOKIE = "jln_input_owner"
OWNER_SALT = "eoi.stash.owner"


def owner_cookie_age():
    """Seconds an owner cookie proves its user's session: the session's own age, then the
    day their typed input may be kept after it ended."""
    return settings.SESSION_COOKIE_AGE + int(STASH_MAX_AGE.total_seconds())


def _signer():
    return signing.TimestampSigner(salt=OWNER_SALT)


def owner_cookie_value(*, user):
    """The owner cookie's value for `user`: their id, signed now."""
    return _signer().sign(str(user.pk))


def owner_cookie_is_fresh(*, value, user, max_age):
    """True if `value` is `user`'s owner cookie signed less than `max_age` seconds ago."""
    try:
        return _signer().unsign(value or "", max_age=max_age) == str(user.pk)
    except signing.BadSignature:
        return False


def input_owner(*, cookie):
    """The active user whose session the owner cookie `cookie` proves, or None."""
    try:
        user_id = _signer().unsign(cookie or "", max_age=owner_cookie_age())
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def _address_allows(address):
    """Counts a stash for `address`; False once it made STASH_PER_ADDRESS this hour."""
    return throttle_allows(scope="eoi-stash", key=address, limit=STASH_PER_ADDRESS, window=3600)


def input_stash(*, owner, eoi_id, path, data, address):
    """Keep a POST's fields (a QueryDict) for `path`, for `owner` only. Returns the
    token, or None (nothing stored) when there is no owner, the owner may not edit
    EOI `eoi_id`, the input is too large or `address` made too many stashes this hour."""
    if owner is None:
        return None
    eoi = ExpressionOfInterest.objects.filter(pk=eoi_id).first()
    if eoi is None or not owner.has_perm("eoi.change_eoi", eoi):
        return None
    fields = {key: values for key, values in data.lists() if key not in NOT_KEPT}
    if len(json.dumps(fields)) > STASH_MAX_BYTES:
        return None
    if not _address_allows(address):
        logger.warning("Input not kept over a login: %s made more than %s stashes this hour.", address, STASH_PER_ADDRESS)
        return None
    token = secrets.token_urlsafe(32)
    StashedInput.objects.filter(user=owner, path=path).delete()  # one stash per person and form
    StashedInput.objects.create(token=token, user=owner, path=path, data=fields)
    return token


def input_restore(*, token, path, user, now=None):
    """`user`'s kept input for `path` as a QueryDict (then forgotten), or None."""
    now = now or timezone.now()
    stash = StashedInput.objects.filter(
        token=token, path=path, user=user, created_at__gte=now - STASH_MAX_AGE).first()
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
