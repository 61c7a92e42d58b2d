"""The EOI form's cached fields and team panel: the same as fresh ones, never stale — each
thing they show, changed by whatever path, shows on the very next request — and never a
CSRF token, a bound form or its errors. (The page is in English here: the test client
sends no Accept-Language.)"""

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from eoi.models import Answer, ExpressionOfInterest, ParticipantProfile, Question, TeamMember

from .factories import fill_complete
from .test_views_edit import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def edit(client, eoi, focal):
    """The focal point signed in, the EOI filled in, its form in the cache; → get(**headers)."""
    fill_complete(eoi, members=2)
    client.force_login(focal)
    url = reverse("eoi:edit", args=[eoi.pk])
    client.get(url)

    def get(**headers):
        response = client.get(url, **headers)
        assert response.status_code == 200
        return unescape(response.content.decode())

    return get


def main(page):
    """The page's <main>, without what is new on every request: the CSRF token, the time left."""
    main = page[page.index("<main"):page.index("</main>")]
    main = re.sub(r'<dl class="deadline.*?</dl>', "", main, flags=re.DOTALL)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


@pytest.fixture
def stored(monkeypatch):
    """The values put in the cache from now on."""
    values = []
    monkeypatch.setattr(cache, "set", lambda key, value, timeout=None: values.append(value))
    return values


def test_cached_form_equals_a_fresh_one(edit):
    cached = edit()
    cache.clear()
    assert main(cached) == main(edit())


def test_saved_change_shows_at_once(client, edit, eoi):
    client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(eoi, answer_relevance="Nouvelle réponse.",
                                                              contact_name="Awa Ba"))
    page = edit()
    assert "Nouvelle réponse.</textarea>" in page and 'value="Awa Ba"' in page
    assert 'name="version" value="2"' in page


def test_answer_team_and_contact_changed_elsewhere_show_at_once(edit, eoi):
    """As the admin's inlines change them: no version, no updated_at."""
    Answer.objects.filter(eoi=eoi, question__key="efforts").update(text="Corrigé par l'administration.")
    assert "Corrigé par l'administration.</textarea>" in edit()
    TeamMember.objects.filter(eoi=eoi, slot=1).update(name="Binta Diallo", gender="female")  # was a man
    page = edit()
    assert 'value="Binta Diallo"' in page and "Women: 2" in page  # the field, the team panel
    ExpressionOfInterest.objects.filter(pk=eoi.pk).update(contact_position="Directrice")
    assert 'value="Directrice"' in edit()


def test_questionnaire_changes_show_at_once(edit, eoi):
    Question.objects.filter(call=eoi.call, key="action").update(prompt_en="Which action, reworded?", word_limit=250)
    page = edit()
    assert "Which action, reworded?" in page and "At most 250 words." in page
    ParticipantProfile.objects.filter(call=eoi.call, number=1).update(organisation_en="Ministry of Health")
    page = edit()
    assert "Ministry of Health" in page.split('id="composition-panel"')[0]  # the profiles list, the field
    assert "Ministry of Health" in page.split('id="composition-panel"')[1]  # the team panel
    eoi.call.max_team_size = 4
    eoi.call.save()
    assert 'name="m4_name"' in edit() and 'name="m5_name"' not in edit()


def test_language_switch_shows_the_other_language(edit):
    assert "Question relevance ?" in edit(HTTP_ACCEPT_LANGUAGE="fr")  # the focal point speaks French
    assert "Question relevance?" in edit(HTTP_ACCEPT_LANGUAGE="en")


def test_form_with_errors_is_never_stored(client, edit, eoi, stored):
    response = client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(eoi, contact_email="pas une adresse"))
    assert response.status_code == 400 and stored == []
    page = edit()
    assert "pas une adresse" not in page and "is-invalid" not in page


def test_no_csrf_token_in_the_cache(edit, stored):
    cache.clear()
    assert "csrfmiddlewaretoken" in edit()
    assert len(stored) == 1
    fields_html, composition_html = stored[0]
    assert "csrfmiddlewaretoken" not in fields_html + composition_html
    assert 'name="answer_relevance"' in fields_html and 'id="composition-panel"' in composition_html
