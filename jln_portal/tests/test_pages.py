import pytest
from django.urls import reverse
from django.utils import translation

from accounts.demo import PASSWORD
from accounts.enums import Role

pytestmark = pytest.mark.django_db


def french(text):
    with translation.override("fr"):
        return translation.gettext(text)


def test_landing_page_in_english(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in page
    assert "Open calls" in page


def test_landing_page_in_french(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr">' in page
    assert french("Open calls") != "Open calls", "the French catalogue lacks this phrase"
    assert french("Open calls") in page
    assert french("Skip to main content") in page


def test_language_switcher_remembers_the_choice(client, make_user):
    user = make_user(Role.FOCAL_POINT, language="en")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "fr"
    user.refresh_from_db()
    assert user.language == "fr"
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_pages_use_no_external_assets(client):
    page = client.get("/").content.decode()
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert "/static/css/jln.css" in page


@pytest.mark.parametrize(
    "email,home",
    [
        ("manager@example.org", "accounts:manager_home"),
        ("facilitator@example.org", "evaluation:home"),
        ("focal.sn@example.org", "eoi:home"),
        ("focal.gh@example.org", "eoi:home"),
        ("steering@example.org", "membership:agenda"),
    ],
)
def test_each_demo_login_reaches_its_role_home(client, email, home):
    from django.core.management import call_command

    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))
    response = client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(home)
    assert response.status_code == 200
