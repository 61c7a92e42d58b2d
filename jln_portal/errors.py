"""The 404 and 403 pages, with the reason a refusal gives (refusals.py)."""

from django.shortcuts import render


def _reason(exception):
    return getattr(exception, "reason", None)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"reason": _reason(exception)}, status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": _reason(exception)}, status=403)
