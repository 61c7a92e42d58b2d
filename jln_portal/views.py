from django.shortcuts import render
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from accounts.services import user_set_language
from eoi.selectors import open_calls


@require_safe
def landing(request):
    """What the portal is, and the calls open now."""
    return render(request, "landing.html", {"open_calls": open_calls()})


@require_POST
def set_language(request):
    """Django's set_language (cookie), also remembered on the signed-in user."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if language in {"en", "fr"}:
        user_set_language(user=request.user, language=language)
    return response
