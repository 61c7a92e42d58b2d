"""Input no page can use is refused at the door, with a page in the reader's language,
instead of reaching the database or Django's own error handling and answering 500.

- A NUL character (U+0000) in the path, the query string or a cookie: PostgreSQL refuses
  it in any text it is sent (`?restore=%00`, `/outbox/batches/%00/`, the admin's list
  filters, a forged session cookie). Forms need nothing here: Django's CharField refuses it
  (ProhibitNullCharactersValidator) and shows the form again with its error.
- A form body declared in another charset than UTF-8: Django refuses to read it, and its
  `bad_request` handler, checking the CSRF token, reads `request.POST` again and fails.

A path answers 404 (no page has such an address); a query string or a body, 400. A cookie
holding a NUL is dropped, as a browser's missing cookie would be.
"""

from urllib.parse import unquote_to_bytes

from django.shortcuts import render
from django.utils import translation

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(text):
    return "\x00" in text


def _query_has_nul(query_string):
    return b"\x00" in unquote_to_bytes(query_string)


def _foreign_charset(request):
    """Whether a form body is declared in a charset Django will not read."""
    if request.method != "POST" or request.content_type not in FORM_TYPES:
        return False
    charset = request.content_params.get("charset")
    return charset is not None and charset.strip().lower().replace("_", "-") not in ("utf-8", "utf8")


def _refuse(request, template, status):
    language = translation.get_language_from_request(request)
    with translation.override(language):
        return render(request, template, status=status)


class BadInputMiddleware:
    """Placed before the session middleware (see settings.MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(_has_nul(name) or _has_nul(value) for name, value in request.COOKIES.items()):
            request.COOKIES = {name: value for name, value in request.COOKIES.items()
                               if not (_has_nul(name) or _has_nul(value))}
        if _has_nul(request.path_info):
            return _refuse(request, "404.html", 404)
        if _query_has_nul(request.META.get("QUERY_STRING", "")) or _foreign_charset(request):
            return _refuse(request, "400.html", 400)
        return self.get_response(request)
