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
        ("focal.bj@example.org", "eoi:home"),
        ("steering@example.org", "membership:agenda"),
    ],
)
def test_each_demo_login_reaches_its_role_home(client, email, home):
    from django.core.management import call_command

    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))
    response = client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(home)
    assert response.status_code == 200


def test_cached_menu_and_session_texts_follow_role_and_language(make_user):
    """The menu, the language choices and the session warning's texts are kept per process
    (the "fragments" cache): one process serving roles and languages in turn shows each its own."""
    from django.test import Client

    manager, focal = make_user(Role.MANAGER, language="en"), make_user(Role.FOCAL_POINT, language="fr")
    pages = {}
    for user, language in [(manager, "en"), (focal, "fr"), (manager, "fr"), (focal, "en"), (manager, "en")]:
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.force_login(user, backend="accounts.backends.AuthenticationBackend")
        client.cookies["django_language"] = language
        pages.setdefault((user.role, language), []).append(client.get(reverse("accounts:home"), follow=True).content.decode())
    outbox, questions = reverse("outbox:list"), reverse("evaluation:country_reviews")
    for (role, language), renderings in pages.items():
        page = renderings[-1]
        assert f'<html lang="{language}">' in page
        assert (f'href="{outbox}"' in page) == (role == Role.MANAGER)
        assert (f'href="{questions}"' in page) == (role == Role.FOCAL_POINT)
        with translation.override(language):
            assert translation.gettext("Stay signed in") in page
            assert f'<option value="{language}" lang="{language}" selected>' in page
            assert f">{translation.gettext('Home')}</a>" in page
    import re

    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    first, again = pages[(Role.MANAGER, "en")]
    assert token.findall(first) and set(token.findall(first)).isdisjoint(token.findall(again))  # never cached
    age = re.compile(r'data-session-age="\d+"')  # seconds left: a second may pass between the two
    assert age.sub("", token.sub("", first)) == age.sub("", token.sub("", again))
    assert french("Stay signed in") != "Stay signed in"
