"""eoi_tags.bootstrap_widget renders the widgets in Python: the same HTML as Django's own widget templates."""

import re

import pytest

from eoi.forms import EOIForm
from eoi.templatetags.eoi_tags import _WIDGET_CLASS, bootstrap_widget

pytestmark = pytest.mark.django_db


def _tags(html):
    """The HTML without the whitespace between tags (Django's select template puts newlines there)."""
    return re.sub(r">\s+<", "><", str(html))


def _through_django(bound_field):
    css = _WIDGET_CLASS.get(bound_field.widget_type, "form-control")
    return bound_field.as_widget(attrs={"class": css + (" is-invalid" if bound_field.errors else "")})


@pytest.mark.parametrize("bound", [False, True])
def test_bootstrap_widget_same_html_as_django_templates(call, bound):
    profile = call.profiles.order_by("number").first()
    data = {
        "version": "1", "answer_relevance": 'Des "guillemets" & <balises>\nsur deux lignes', "m1_name": "O'Brien & fils",
        "m1_level": "national", "m1_profile_id": str(profile.pk), "m1_gender": "female", "m1_email": "pas@",
        "m1_commits_to_meetings": "on", "m2_name": "Moussa", "contact_email": "contact@example.org",
    }
    form = EOIForm(data, call=call) if bound else EOIForm(initial={**data, "m1_commits_to_meetings": True}, call=call)
    if bound:
        assert not form.is_valid()  # m1_email: errors, aria-invalid, aria-describedby
    fields = [form[name] for name in form.fields if name != "version"]
    assert len(fields) > 40
    for field in fields:
        assert _tags(bootstrap_widget(field)) == _tags(_through_django(field)), field.name
    assert 'selected' in str(bootstrap_widget(form["m1_level"])) and "checked" in str(bootstrap_widget(form["m1_commits_to_meetings"]))
