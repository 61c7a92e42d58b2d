"""A refusal that says why, in the reader's language.

A view that refuses may tell the reader the reason when telling it reveals
nothing they do not know already (a facilitator's own conflict of interest; a
page for the network manager opened by someone who may see its call). The
status stays what the rule says (404 for an object the reader may not see,
403 otherwise); `errors.py` renders the 404 and 403 pages with the reason.
Any other Http404 or PermissionDenied keeps the plain page: its message,
if any, is never shown."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


class NotFoundBecause(Http404):
    def __init__(self, reason=None):
        self.reason = reason
        super().__init__(str(reason or ""))


class DeniedBecause(PermissionDenied):
    def __init__(self, reason=None):
        self.reason = reason
        super().__init__(str(reason or ""))
