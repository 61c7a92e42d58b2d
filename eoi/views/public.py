from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from jln_portal.permissions import get_object_for_user

from ..selectors import call_with_parts

LANGUAGES = {"en", "fr"}


@require_safe
def call_detail(request, slug):
    """The call as published, in the reader's language, with its deadline in the
    call's time zone, in UTC and (with JavaScript) in the reader's own."""
    call = get_object_for_user(request.user, "eoi.view_call", call_with_parts(), slug=slug)
    return render(request, "eoi/call_detail.html", {"call": call})


@require_safe
def call_questionnaire(request, slug):
    """The blank questionnaire to print, in English or French (?lang=fr)."""
    call = get_object_for_user(request.user, "eoi.view_call", call_with_parts(), slug=slug)
    language = request.GET.get("lang")
    if language not in LANGUAGES:
        language = translation.get_language()
    with translation.override(language):
        return render(request, "eoi/questionnaire.html", {
            "call": call, "slots": range(1, call.max_team_size + 1),
            "questions": list(call.questions.all()), "print_language": language,
        })
