"""Who is knocking: the client's address and the e-mail address typed, for django-axes
(login) and for the password-reset throttle (accounts/views.py)."""

import ipaddress

from django.conf import settings
from django.core.cache import cache

# django-axes stores the username in a 255-character column; an e-mail address may
# have up to 320, and a longer value would be a database error (a 500 on PostgreSQL).
AXES_USERNAME_MAX_LENGTH = 255


def normalised_username(request, credentials):
    """django-axes counts failures per e-mail as typed, case-insensitively."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()[:AXES_USERNAME_MAX_LENGTH]


def client_ip(request):
    """The address of the person's machine (AXES_CLIENT_IP_CALLABLE).

    Without a proxy (PROXY_COUNT = 0) it is the connection's address: a header the
    client sent proves nothing. Behind PROXY_COUNT proxies, each appends the address it
    saw to X-Forwarded-For (nginx: `$proxy_add_x_forwarded_for`), so the client is the
    PROXY_COUNT-th entry from the right. Entries further left were written by the client
    and are ignored: otherwise anyone could pick a new address for each attempt. A header
    with fewer entries than proxies means a request that did not come through them: the
    connection's address counts.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if not count:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:  # a proxy misconfigured: never store what is not an address
        return remote


def allow(*, scope, key, limit, window):
    """Count one request for (scope, key) in the cache; False once `limit` were counted in
    the last `window` seconds (a fixed window starting at the first request)."""
    cache_key = f"throttle:{scope}:{key}"
    try:
        cache.add(cache_key, 0, timeout=window)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, 1, timeout=window)
            count = 1
    except Exception:  # noqa: BLE001 (the cache is down: a throttle never breaks the page)
        return True
    return count <= limit
