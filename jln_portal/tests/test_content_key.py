"""Keys made of the data itself (jln_portal.content_key): one text per set of rows, which
two different sets of rows never share, whatever their values hold."""

import pytest
from django.db.models import OuterRef, Subquery, TextField, Value

from countries.models import Country
from countries.tests.factories import CountryFactory
from jln_portal.content_key import RowsText, RowText, compiled_once

pytestmark = pytest.mark.django_db


def text_of(*rows):
    """The text of Country rows with these (code, notes), read as a page's key would be."""
    Country.objects.all().delete()
    for code, notes in rows:
        CountryFactory(code=code, notes=notes)
    return Country.objects.order_by("code").aggregate(text=RowsText(RowText("code", "notes")))["text"]


def test_rows_text_differs_when_any_value_differs():
    base = text_of(("KE", "a"), ("SN", "b"))
    assert text_of(("KE", "a"), ("SN", "b")) == base
    assert text_of(("KE", "a"), ("SN", "c")) != base
    assert text_of(("KE", "a"), ("ML", "b")) != base
    assert text_of(("KE", "a")) != base
    assert text_of() is None


def test_rows_text_cannot_be_forged_by_separators_in_values():
    assert text_of(("KE", "a,SN,b")) != text_of(("KE", "a"), ("SN", "b"))
    assert text_of(("KE", "a\\"), ("SN", "b")) != text_of(("KE", "a\\,SN,b"))
    assert text_of(("KE", "x\ny")) != text_of(("KE", "x"), ("SN", "y"))


def test_null_and_its_spelling_differ():
    def single(value):
        return Country.objects.aggregate(text=RowsText(RowText(Value(value, output_field=TextField()))))["text"]

    CountryFactory(code="KE")
    assert single(None) != single("\\N")
    assert single(None) != single("")


def test_compiled_once_reads_what_the_subquery_reads():
    """The SQL is compiled once; the values are read on every query."""
    def earlier_codes():
        rows = Country.objects.filter(code__lt=OuterRef("code")).order_by().values("region")
        return Subquery(rows.annotate(text=RowsText(RowText("code"))).values("text"))

    compiled = compiled_once(Country.objects.order_by("code"), earlier=earlier_codes())
    for code in ("KE", "ML", "SN"):
        CountryFactory(code=code, region="africa")
    plain = list(Country.objects.order_by("code").annotate(earlier=earlier_codes()).values_list("code", "earlier"))
    assert list(compiled.values_list("code", "earlier")) == plain
    assert plain[0] == ("KE", None) and plain[2][1] is not None
    CountryFactory(code="GH", region="africa")
    assert dict(compiled.values_list("code", "earlier"))["KE"] is not None  # GH comes before KE now
