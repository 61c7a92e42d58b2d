"""A save refused because the same person saved from another tab or window says so."""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from .test_views_edit import form_data

pytestmark = pytest.mark.django_db


def test_own_other_tab_save_named_as_such(client, eoi, focal):
    other_tab = Client()
    other_tab.force_login(focal)
    client.force_login(focal)
    url = reverse("eoi:edit", args=[eoi.pk])
    assert other_tab.post(url, form_data(eoi, answer_relevance="Onglet 1")).status_code == 302
    response = client.post(url, form_data(eoi, answer_relevance="Onglet 2"), HTTP_ACCEPT_LANGUAGE="en")
    page = unescape(response.content.decode())
    assert response.status_code == 409
    assert "You saved this expression of interest from your other tab or window" in page
    assert "Someone else saved" not in page
    autosave = client.post(reverse("eoi:autosave", args=[eoi.pk]), form_data(eoi, answer_relevance="Onglet 2"),
                           HTTP_ACCEPT_LANGUAGE="en")
    assert autosave.status_code == 409 and "your other tab or window" in autosave.json()["message"]
