from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from accounts.services import user_set_language
from eoi.selectors import eoi_editable_by, open_calls


@require_safe
def landing(request):
    """What the portal is, and the calls open now."""
    return render(request, "landing.html", {"open_calls": open_calls()})


@require_safe
def privacy(request):
    """The privacy notice: what personal data the portal keeps, why, who sees it, for how long."""
    return render(request, "privacy.html", {"default_retention_months": settings.JLN_DEFAULT_RETENTION_MONTHS})


@require_POST
def set_language(request):
    """Django's set_language (cookie), also remembered on the signed-in user."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if language in {"en", "fr"}:
        user_set_language(user=request.user, language=language)
    return response


EOI_FORMS = ("eoi:edit", "eoi:autosave")


def _posted_form(request):
    """The name of the view `request` was sent to (None before its address was resolved)."""
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else None


def bad_request(request, exception=None):
    """handler400: what happened, in the reader's language, and what was kept — instead of
    Django's bare "Bad Request (400)". Mostly a sending over DATA_UPLOAD_MAX_MEMORY_SIZE or
    DATA_UPLOAD_MAX_NUMBER_FIELDS (a very long answer pasted into the EOI form). Never reads
    request.POST: reading it is what failed. Autosave gets JSON, which autosave.js shows."""
    too_large = isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent))
    view_name = _posted_form(request)
    eoi = None
    if view_name in EOI_FORMS and request.user.is_authenticated:
        eoi = eoi_editable_by(pk=request.resolver_match.kwargs["pk"], user=request.user)
    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    if view_name == "eoi:autosave":
        if too_large:
            message = _("Not saved: what you typed is larger than the portal accepts in one sending (%(limit)s). "
                        "Your draft as last saved is kept. Shorten the longest answers, then save.") % {"limit": limit}
        else:
            message = _("Not saved: the portal could not read what was sent. Your draft as last saved is kept.")
        return JsonResponse({"status": "too_large", "message": message}, status=400)
    return render(request, "400.html", {"too_large": too_large, "limit": limit, "eoi": eoi}, status=400)
