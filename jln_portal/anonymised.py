"""How an anonymised value looks, for every app that shows one (pages, exports, PDFs).

privacy/anonymise.py writes these values (issue 17 §2); eoi, evaluation and the templates only
read them, through `shown(value)` or the `person` template filter: a name the retention task or
an erasure replaced, or an address it removed, reads "(anonymised)" in the reader's language.
Kept here, apart from the privacy app, so that showing a value never makes eoi or evaluation
depend on the app that anonymises."""

import re

from django.utils.translation import gettext_lazy as _

PLACEHOLDER = "[anonymised]"
PLACEHOLDER_RE = re.compile(r"^\[anonymised(?:-\d+)?\]$")
REMOVED_ADDRESS_RE = re.compile(r"^removed-[a-z]+-\d+@invalid\.invalid$")
DISPLAY = _("(anonymised)")


def placeholder_name(number=None):
    return f"[anonymised-{number}]" if number else PLACEHOLDER


def removed_address(pk, what="mail"):
    """A syntactically valid address nobody receives (RFC 2606 `.invalid`) for a required field."""
    return f"removed-{what}-{pk}@invalid.invalid"


def is_placeholder(value):
    return isinstance(value, str) and bool(PLACEHOLDER_RE.match(value) or REMOVED_ADDRESS_RE.match(value))


def shown(value):
    """`value` as a person reads it: "(anonymised)" for a placeholder, anything else as it is."""
    return str(DISPLAY) if is_placeholder(value) else value
