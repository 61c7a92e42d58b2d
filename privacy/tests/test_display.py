"""An anonymised name reads "(anonymised)" in the reader's language, on the pages and in the PDFs."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from eoi.models import TeamMember
from privacy.tasks import apply_retention
from privacy.tests.test_retention import _personal_world

pytestmark = pytest.mark.django_db


def test_person_filter_translates_only_placeholders():
    template = Template("{% load privacy %}{{ a|person }}|{{ b|person }}|{{ c|person }}")
    context = Context({"a": "[anonymised-3]", "b": "[anonymised]", "c": "Awa Ba"})
    assert template.render(context) == "(anonymised)|(anonymised)|Awa Ba"
    with translation.override("fr"):
        assert template.render(context) == "(anonymisé)|(anonymisé)|Awa Ba"


def test_pages_show_an_anonymised_team_as_such(client):
    call, eois = _personal_world()
    apply_retention()
    manager = eois["KE"].evaluation.decided_by
    client.force_login(manager)
    for url in (reverse("eoi:detail", args=[eois["KE"].pk]), reverse("evaluation:evaluation", args=[eois["KE"].evaluation.pk])):
        page = client.get(url).content.decode()
        assert "(anonymised)" in page and "[anonymised" not in page, url
        assert "Institution 1" in page
    assert TeamMember.objects.filter(eoi=eois["KE"], name__startswith="[anonymised").count() == 4
