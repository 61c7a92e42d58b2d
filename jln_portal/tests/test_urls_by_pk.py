from django.urls import reverse

from jln_portal.urls_by_pk import url_by_pk


def test_url_by_pk_gives_what_reverse_gives():
    for viewname in ("eoi:detail", "evaluation:evaluation"):
        url = url_by_pk(viewname)
        for pk in (1, 10, 2026, 987654):
            assert url(pk) == reverse(viewname, args=[pk])
