"""The owner cookie (eoi/services/stash.py): on every signed-in response a signed
copy of the user's id, renewed when older than SESSION_RENEW_AFTER so it counts
from the session's last renewal, and deleted at logout. It is what lets typed input be kept
over an expired session for that person only."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from .services.stash import OWNER_COOKIE, owner_cookie_age, owner_cookie_is_fresh, owner_cookie_value

LOGGED_OUT = "_input_owner_logged_out"


@receiver(user_logged_out)
def _forget_owner(sender, request, **kwargs):
    if request is not None:
        setattr(request, LOGGED_OUT, True)


class InputOwnerCookieMiddleware:
    """After AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, LOGGED_OUT, False):
            response.delete_cookie(OWNER_COOKIE, samesite="Lax")
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            value = request.COOKIES.get(OWNER_COOKIE)
            if not owner_cookie_is_fresh(value=value, user=user, max_age=settings.SESSION_RENEW_AFTER):
                response.set_cookie(
                    OWNER_COOKIE, owner_cookie_value(user=user), max_age=owner_cookie_age(),
                    secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
                )
        return response
