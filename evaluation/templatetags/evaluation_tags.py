from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ mapping|get_item:key }}`: a dict's value in a template."""
    return (mapping or {}).get(key)


@register.simple_tag
def country_status(eoi):
    """`{% country_status eoi %}`: the EOI's status as its country sees it —
    "Submitted" while it is reviewed, the decision once the decisions are final."""
    from evaluation.selectors.lists import country_facing_status

    return country_facing_status(eoi)



@register.simple_tag
def decided_at(eoi):
    """`{% decided_at eoi as moment %}`: when the EOI's decision was made final (the
    evaluation's last change, which finalising the call makes), or None before that."""
    evaluation = getattr(eoi, "evaluation", None)
    if evaluation is not None and evaluation.is_final:
        return evaluation.updated_at
    return None
