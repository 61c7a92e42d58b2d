import pytest
from django.core.management import call_command

from countries.enums import MembershipLevel, Region
from countries.models import Country
from countries.services import DEFAULT_CSV, countries_load

pytestmark = pytest.mark.django_db


def csv_rows():
    return sum(1 for line in DEFAULT_CSV.read_text(encoding="utf-8").splitlines()[1:] if line.strip())


def test_loader_creates_every_country_of_the_shipped_file():
    report = countries_load()
    assert len(report.created) == csv_rows() == Country.objects.count()
    mali = Country.objects.get(code="ML")
    assert (mali.region, mali.working_language, mali.membership_level) == (Region.AFRICA, "fr", MembershipLevel.FULL)
    lao = Country.objects.get(code="LA")
    assert (lao.membership_level, str(lao.member_since)) == (MembershipLevel.ASSOCIATE, "2018-01-01")
    assert str(Country.objects.get(code="GH").member_since) == "2010-01-01"


def test_loader_twice_changes_nothing(capsys):
    call_command("load_jln_countries")
    rows = list(Country.objects.values().order_by("code"))
    history = Country.history.count()
    call_command("load_jln_countries")
    assert list(Country.objects.values().order_by("code")) == rows
    assert Country.history.count() == history
    assert f"0 created, 0 updated, {csv_rows()} unchanged" in capsys.readouterr().out


def test_loader_keeps_staff_corrections_unless_told_to_overwrite():
    countries_load()
    Country.objects.filter(code="LB").update(membership_level=MembershipLevel.FULL)
    countries_load()
    assert Country.objects.get(code="LB").membership_level == MembershipLevel.FULL
    report = countries_load(overwrite=True)
    assert report.updated == ["LB"]
    assert Country.objects.get(code="LB").membership_level == MembershipLevel.ASSOCIATE


def test_country_names_come_from_iso_data_in_both_languages():
    from django.utils import translation

    countries_load()
    senegal = Country.objects.get(code="SN")
    with translation.override("fr"):
        assert senegal.name == "Sénégal"
    with translation.override("en"):
        assert senegal.name == "Senegal"
