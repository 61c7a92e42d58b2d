"""The focal point's home, the EOI's page and the staff list: right content, constant queries."""

import re
from html import unescape

import pytest
from django.urls import reverse

from accounts.enums import Role
from countries.tests.factories import CountryFactory
from eoi import services
from eoi.models import TeamMember
from eoi.selectors import eoi_members
from eoi.views import CallEOIListView

from .factories import CallFactory, EOIFactory, fill_complete

pytestmark = pytest.mark.django_db
CODES = ["KE", "ML", "NG", "VN", "ID", "PH", "IN"]


def page(response):
    return unescape(response.content.decode())


def test_home_shows_status_missing_items_and_deadline(client, eoi, focal):
    client.force_login(focal)
    text = page(client.get(reverse("eoi:home"), HTTP_ACCEPT_LANGUAGE="fr"))
    assert "Sénégal" in text and eoi.call.title_fr in text
    assert "Brouillon" in text
    assert "7 éléments manquent encore avant de pouvoir soumettre" in text
    assert "La question 1 n'a pas encore de réponse." in text
    assert "(heure de Nairobi, UTC+3)" in text and "Il reste" in text


def test_home_offers_to_start_an_open_call(client, call, focal, country):
    client.force_login(focal)
    text = page(client.get(reverse("eoi:home")))
    assert reverse("eoi:start", args=[call.pk, country.pk]) in text
    assert "Not started" in text


def test_home_hides_draft_calls_and_old_closed_calls_without_eoi(client, focal):
    CallFactory(state="draft", title_en="Secret draft")
    client.force_login(focal)
    assert "Secret draft" not in page(client.get(reverse("eoi:home")))


def _home_with(make_user, n):
    countries = [CountryFactory(code=code) for code in CODES[:n]]
    person = make_user(Role.FOCAL_POINT, countries=countries)
    for index in range(n):
        call = CallFactory()
        for country in countries:
            fill_complete(EOIFactory(call=call, country=country), members=index % 3 + 2)
    return person


@pytest.mark.parametrize("n", [1, 4])
def test_home_query_count_constant(client, make_user, django_assert_num_queries, n):
    client.force_login(_home_with(make_user, n))
    client.get(reverse("eoi:home"))  # the session renewed (jln_portal/sessions.py): not again for a minute
    # session, user, countries, EOIs, answers, team, calls, questions, profiles, meetings
    with django_assert_num_queries(10):
        response = client.get(reverse("eoi:home"))
    assert response.content.decode().count('class="card mb-3"') == n * n


def _eois_for(call, n, members=4):
    for code in CODES[:n]:
        fill_complete(EOIFactory(call=call, country=CountryFactory(code=code)), members=members)
    return call


@pytest.mark.parametrize(("n", "members", "page_number"), [(1, 1, 1), (6, 5, 1), (6, 5, 2)])
def test_staff_list_query_count_constant(client, manager, django_assert_num_queries, monkeypatch, n, members,
                                         page_number):
    """1 EOI of 1 member on one page, 6 of 5 members on two pages (the first and the second shown)."""
    monkeypatch.setattr(CallEOIListView, "paginate_by", 4)
    call = _eois_for(CallFactory(), n, members)
    client.force_login(manager)
    url = reverse("eoi:manage_eois", args=[call.pk])
    client.get(url)  # warm the session
    # session, user, call, the filtered EOIs' number (paginator), one page of EOIs (with countries,
    # evaluations, member count), counts by status
    with django_assert_num_queries(6):
        response = client.get(url, {"status": "draft", "page": page_number})
    assert response.context["counts"]["total"] == n
    shown = response.context["eois"]
    assert len(shown) == (min(n, 4) if page_number == 1 else n - 4)
    assert [e.member_count for e in shown] == [members] * len(shown)
    assert re.findall(r'href="/eoi/(\d+)/"', page(response)) == [str(e.pk) for e in shown]


def test_staff_list_counts_every_filled_member(client, manager, call, country):
    """A row with only an e-mail address is a member (TeamMember.is_filled), as in the team size."""
    eoi = EOIFactory(call=call, country=country)
    TeamMember.objects.create(eoi=eoi, slot=1, name="Awa Ba")
    TeamMember.objects.create(eoi=eoi, slot=2, email="moussa@example.org")
    TeamMember.objects.create(eoi=eoi, slot=3, commits_to_meetings=True)
    TeamMember.objects.create(eoi=eoi, slot=4)  # nothing typed
    client.force_login(manager)
    shown = client.get(reverse("eoi:manage_eois", args=[call.pk])).context["eois"]
    assert [e.member_count for e in shown] == [3]
    assert len(eoi_members(eoi)) == 3


def counts_shown(response):
    """{name: n} of the counts at the top of the staff list."""
    return {name: int(n) for name, n in re.findall(r'data-count="(\w+)">(\d+)<', response.content.decode())}


def test_staff_list_filters_and_counts(client, manager, focal, country, other_country):
    call = CallFactory()
    submitted = fill_complete(EOIFactory(call=call, country=country))
    services.eoi_submit(eoi=submitted, by=focal)
    incomplete = EOIFactory(call=call, country=other_country, problem_count=3)
    other_country.working_language = "en"
    other_country.region = "africa"
    other_country.save()
    client.force_login(manager)
    url = reverse("eoi:manage_eois", args=[call.pk])

    def shown(**filters):
        return [e.pk for e in client.get(url, filters).context["eois"]]

    assert shown() == [incomplete.pk, submitted.pk]  # by country code: GH, SN
    assert shown(status="submitted") == [submitted.pk]
    assert shown(completeness="incomplete") == [incomplete.pk]
    assert shown(completeness="complete") == [submitted.pk]
    assert shown(language="fr") == [submitted.pk]
    assert shown(region="asia") == []
    assert shown(membership_level="full") != []
    counts = counts_shown(client.get(url))
    assert (counts["total"], counts["submitted"], counts["draft"], counts["complete"]) == (2, 1, 1, 1)


def test_staff_list_paginates_keeping_filters_and_counts(client, manager, monkeypatch):
    monkeypatch.setattr(CallEOIListView, "paginate_by", 2)
    call = CallFactory()
    drafts = [EOIFactory(call=call, country=CountryFactory(code=code)) for code in ("KE", "ML", "NG")]
    EOIFactory(call=call, country=CountryFactory(code="VN"), status="submitted", submitted_at=call.deadline,
               submission_number=1)
    client.force_login(manager)
    url = reverse("eoi:manage_eois", args=[call.pk])

    first = client.get(url, {"status": "draft"})
    assert [e.pk for e in first.context["eois"]] == [drafts[0].pk, drafts[1].pk]
    assert "1–2 of 3 expressions of interest" in page(first)
    assert 'href="?status=draft&page=2"' in page(first)  # the next page keeps the filter
    second = client.get(url, {"status": "draft", "page": 2})
    assert [e.pk for e in second.context["eois"]] == [drafts[2].pk]
    assert "3–3 of 3 expressions of interest" in page(second)
    assert 'href="?status=draft&page=1"' in page(second)  # page= replaced, not added to the current one
    assert (counts_shown(second)["total"], counts_shown(second)["draft"]) == (4, 3)  # the whole call
    assert client.get(url, {"status": "draft", "page": 3}).status_code == 404


def test_staff_list_export_takes_every_filtered_row_not_one_page(client, manager, monkeypatch):
    monkeypatch.setattr(CallEOIListView, "paginate_by", 2)
    call = CallFactory()
    for code in ("KE", "ML", "NG"):
        EOIFactory(call=call, country=CountryFactory(code=code))
    EOIFactory(call=call, country=CountryFactory(code="VN"), status="submitted", submitted_at=call.deadline,
               submission_number=1)
    client.force_login(manager)
    response = client.get(reverse("eoi:manage_eois_export", args=[call.pk, "eois", "csv"]), {"status": "draft", "page": 2})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert len(content.decode("utf-8-sig").strip().splitlines()) == 1 + 3  # header and the 3 drafts


def test_landing_lists_open_calls_only(client):
    open_call = CallFactory(title_en="Open collaborative")
    CallFactory(title_en="Draft collaborative", state="draft")
    from datetime import date, timedelta

    from django.utils import timezone

    CallFactory(title_en="Past collaborative", opening_date=date(2023, 1, 1),
                deadline=timezone.now() - timedelta(days=1), feedback_date=timezone.localdate() + timedelta(days=30))
    text = page(client.get(reverse("landing")))
    assert "Open collaborative" in text and reverse("eoi:call_detail", args=[open_call.slug]) in text
    assert "Draft collaborative" not in text and "Past collaborative" not in text


@pytest.mark.parametrize("members", [1, 5])
def test_detail_page_query_count_constant(client, call, country, focal, django_assert_num_queries, members):
    eoi = fill_complete(EOIFactory(call=call, country=country), members=members)
    for _ in range(members):  # as many saves in the history
        services.eoi_save(eoi=eoi, data={"answers": {}, "members": {}, "contact": {
            "name": "Awa Ba", "position": "Coordinator", "email": "awa@example.org"}}, expected_version=eoi.version, by=focal)
        eoi.refresh_from_db()
    client.force_login(focal)
    url = reverse("eoi:detail", args=[eoi.pk])
    client.get(url)  # warm the session
    # session, user, EOI (call, country, people), answers, team, questions, profiles, the user's countries,
    # the evaluation (the status badge), the history
    with django_assert_num_queries(10):
        response = client.get(url)
    assert page(response).count('<div class="member">') == members
