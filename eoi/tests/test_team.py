"""The same person cannot be entered twice in a team."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from eoi import services
from eoi.models import TeamMember
from eoi.selectors import eoi_problems, eoi_with_parts
from eoi.team import normalised_name
from evaluation.eligibility import check_eoi

from .factories import fill_complete
from .test_views_edit import form_data

pytestmark = pytest.mark.django_db


def _repeat_member_1_in_row_4(eoi, **changes):
    fill_complete(eoi)
    first = TeamMember.objects.get(eoi=eoi, slot=1)
    TeamMember.objects.filter(eoi=eoi, slot=4).update(**{"name": first.name, "email": first.email, **changes})


@pytest.mark.parametrize("changes", [
    {"email": "MEMBER1@Example.org", "name": "Someone else"},  # the same address, another case
    {"name": "  member   1. ", "email": "other@example.org"},  # the same name, normalised
])
def test_team_of_three_with_one_person_twice_cannot_be_submitted(eoi, focal, changes):
    _repeat_member_1_in_row_4(eoi, **changes)
    with translation.override("en"):
        problems = eoi_problems(eoi_with_parts().get(pk=eoi.pk))
        assert "Team members 1 and 4 are the same person: enter each person once." in problems
        assert "Propose at least 4 team members (3 so far)." in problems
        with pytest.raises(services.Incomplete):
            services.eoi_submit(eoi=eoi, by=focal)


def test_eligibility_counts_a_repeated_person_once(eoi):
    _repeat_member_1_in_row_4(eoi)
    team = next(item for item in check_eoi(eoi_with_parts().get(pk=eoi.pk)) if item.item == "team_size")
    assert not team.passed and team.facts["members"] == 3


def test_normalised_name_ignores_case_accents_spaces_and_punctuation():
    assert normalised_name("Awà  BA.") == normalised_name("awa ba") == "awa ba"
    assert normalised_name("Awa Ba") != normalised_name("Awa Bah")


def test_form_says_which_row_repeats(client, eoi, focal):
    client.force_login(focal)
    response = client.post(reverse("eoi:edit", args=[eoi.pk]), form_data(
        eoi, m1_name="Moussa Ndiaye", m1_email="moussa@example.org",
        m2_name="Fatou Sall", m2_email="MOUSSA@example.org",
        m3_name="moussa  ndiaye", m3_email="",
    ), HTTP_ACCEPT_LANGUAGE="en")
    page = unescape(response.content.decode())
    assert response.status_code == 400 or response.status_code == 200
    assert page.count("Team member 1 is already this person: enter each person once.") >= 2  # rows 2 and 3
    assert "Team member 2: E-mail address" in page and "Team member 3: Name" in page  # the summary names the rows
    assert not TeamMember.objects.filter(eoi=eoi).exists()
