"""Sessions end after SESSION_COOKIE_AGE seconds without a request (not a fixed time after
login), renewed at most once every SESSION_RENEW_AFTER seconds.

Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every request (a
savepoint, an UPDATE and its release: three queries on every page and every autosave).
Renewing it once a minute keeps the same promise to within a minute: the session's true end
is `renewed_at + SESSION_COOKIE_AGE`, which `remaining_age()` gives to the session-expiry
warning (templates/includes/session_warning.html)."""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

RENEWED_AT = "_renewed_at"


def session_renew(session):
    """Save `session` with a new expiry, now."""
    session[RENEWED_AT] = int(time.time())


def remaining_age(session):
    """Seconds until `session` ends if no further request renews it."""
    renewed_at = session.get(RENEWED_AT)
    age = session.get_expiry_age()
    if renewed_at is None:
        return age
    return max(0, age - (int(time.time()) - renewed_at))


@receiver(user_logged_in, dispatch_uid="jln_portal.sessions.renew_at_login")
def renew_at_login(sender, request, user, **kwargs):
    """A login writes the session anyway: it starts the count, so the next request renews nothing."""
    if request is not None and hasattr(request, "session"):
        session_renew(request.session)


class SessionRenewalMiddleware:
    """Renews a session that exists when it was last renewed SESSION_RENEW_AFTER seconds ago
    or more (after SessionMiddleware; an anonymous visitor without a session gets none)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.session_key is not None:
            renewed_at = session.get(RENEWED_AT)
            if renewed_at is None or time.time() - renewed_at >= settings.SESSION_RENEW_AFTER:
                session_renew(session)
        return self.get_response(request)
