"""French pages as a French reader expects them: a no-break space before the colon of a
label, "Éligible" for one EOI, "1er" for the first day of a month, a neutral invitation."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from .factories import CallFactory, aware

pytestmark = pytest.mark.django_db


def test_status_label_has_its_no_break_space(client, eoi, focal):
    client.force_login(focal, backend="accounts.backends.AuthenticationBackend")
    page = client.get(reverse("eoi:detail", args=[eoi.pk]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Statut\u00a0:" in page and "Statut:" not in page


def test_call_page_gives_the_first_of_the_month_as_1er(client):
    call = CallFactory(opening_date=date(2026, 11, 1), deadline=aware("2026-12-01 23:59:00", "Africa/Nairobi"),
                       feedback_date=date(2027, 1, 12))
    page = client.get(reverse("eoi:call_detail", args=[call.slug]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "1er novembre 2026" in page  # the opening date
    assert "mardi 1er décembre 2026, 23:59 (heure de Nairobi, UTC+3)" in page  # the deadline


def test_agreement_one_eoi_eligible_and_a_neutral_invitation():
    with translation.override("fr"):
        assert gettext("Eligible") == "Éligible"  # the badge of one EOI
        assert pgettext("a number of expressions of interest", "Eligible") == "Éligibles"  # the report's figure
        assert "invité" not in gettext("%(name)s, you are invited as: %(role)s.")
