from django.conf import settings

from .sessions import remaining_age


def portal(request):
    """What every page needs: the role of the person reading it, and when their
    session ends (for the session-expiry warning, includes/session_warning.html)."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"portal_role": None}
    age = remaining_age(request.session)
    return {
        "portal_role": getattr(user, "role", None),
        "session_age": age,
        "session_warn_before": min(settings.SESSION_WARNING_BEFORE, age // 2),
    }
