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
        assert "invalid.invalid" not in page and "address has changed" not in page, url
        assert "Institution 1" in page
    assert TeamMember.objects.filter(eoi=eois["KE"], name__startswith="[anonymised").count() == 4


def test_the_selection_report_shows_an_anonymised_team_as_such(settings, tmp_path):
    from evaluation import report_builders, report_data
    from evaluation.tests.reporting import pdf_text

    settings.MEDIA_ROOT = tmp_path / "media"
    call, eois = _personal_world()
    apply_retention()
    text = pdf_text(report_builders.render_selection_report(
        report_data.call_for_report().get(pk=call.pk), language="fr", prepared_by="Ana"))
    assert "(anonymisé)" in text and "[anonymised" not in text
    assert "Member 1" in text  # Senegal, selected, keeps its team
    record = pdf_text(report_builders.render_eoi_record(
        report_data.eoi_for_record().get(pk=eois["KE"].pk), language="en"))
    assert "(anonymised)" in record and "Member 1" not in record and "awa@example.org" not in record


def test_a_removed_address_and_a_placeholder_read_anonymised_in_exports_and_lists():
    from django.utils import translation

    from jln_portal.anonymised import placeholder_name, removed_address, shown

    with translation.override("fr"):
        assert shown(placeholder_name(3)) == "(anonymisé)"
        assert shown(removed_address(7, "confirmation")) == "(anonymisé)"
    assert shown("removed-mail-7@example.org") == "removed-mail-7@example.org"  # a real address stays
    assert shown("Awa Ba") == "Awa Ba"
