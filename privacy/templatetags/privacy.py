"""`{{ member.name|person }}`: a name the retention task or an erasure replaced reads
"(anonymised)" in the reader's language; any other value is shown as it is."""

from django import template

from privacy.anonymise import DISPLAY, is_placeholder

register = template.Library()


@register.filter
def person(value):
    return DISPLAY if is_placeholder(value) else value
