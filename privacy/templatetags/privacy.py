"""`{{ member.name|person }}`: a name the retention task or an erasure replaced, or an address
it removed, reads "(anonymised)" in the reader's language; any other value is shown as it is
(jln_portal/anonymised.py)."""

from django import template

from jln_portal.anonymised import shown

register = template.Library()


@register.filter
def person(value):
    return shown(value)
