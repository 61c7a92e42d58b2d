"""Links for many rows at once: Django's `reverse()` costs ≈ 20 µs, a table of 25 rows
would pay it 25 times for the same pattern with another primary key."""

from django.urls import reverse

_STAND_IN = 2_147_000_001  # a primary key no row has, replaced in the reversed URL


def url_by_pk(viewname):
    """A function pk → reverse(viewname, args=[pk]), reversing the pattern once."""
    prefix, suffix = reverse(viewname, args=[_STAND_IN]).split(str(_STAND_IN))
    return lambda pk: f"{prefix}{pk}{suffix}"
