"""The privacy notice: one public page in English and French, linked from every form that
collects personal data and from the footer of every page."""

import pytest
from django.urls import reverse
from django.utils import translation

from e2e.pages import Page

pytestmark = pytest.mark.django_db

LINK = f'href="{reverse("privacy")}"'


def french(text):
    with translation.override("fr"):
        return translation.gettext(text)


def test_privacy_notice_in_english_says_what_why_who_and_how_long(client):
    page = client.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in page
    for heading in ("What is kept", "Why", "Who sees it", "For how long"):
        assert f">{heading}</h2>" in page
    assert "gender" in page and "e-mail address" in page
    assert "R4D facilitators assigned" in page
    assert "by default 24 months" in page
    assert "Every download of a file that contains personal data" in page


def test_privacy_notice_in_french(client):
    page = client.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr">' in page
    for heading in ("Privacy notice", "What is kept", "Who sees it", "For how long"):
        assert french(heading) != heading, f"the French catalogue lacks {heading!r}"
        assert french(heading) in page
    assert "24 mois" in page


@pytest.mark.parametrize(
    "form_page",
    [Page("eoi:edit", "focal_a"), Page("membership:apply", "anonymous"), Page("accounts:invite", "manager"),
     Page("countries:core_group", "focal_a")],
    ids=lambda p: p.url_name,
)
def test_each_form_collecting_personal_data_links_the_notice_in_its_body(client, world, form_page):
    if form_page.role != "anonymous":
        client.force_login(world.users[form_page.role], backend="accounts.backends.AuthenticationBackend")
    page = client.get(form_page.url(world)).content.decode()
    body = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert LINK in body


def test_footer_links_the_notice(client):
    page = client.get(reverse("landing")).content.decode()
    assert LINK in page.split("<footer", 1)[1]


def test_the_eoi_form_links_the_notice_at_the_team_and_at_the_contact_person(client, world):
    client.force_login(world.users["focal_a"], backend="accounts.backends.AuthenticationBackend")
    page = client.get(Page("eoi:edit", "focal_a").url(world)).content.decode()
    body = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert body.count(LINK) == 2

