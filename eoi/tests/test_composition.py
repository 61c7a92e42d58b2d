from types import SimpleNamespace

from eoi.composition import institution_key, team_composition

PROFILES = [(10, 1), (11, 2), (12, 3), (13, 4), (14, 5)]


def member(profile_id=None, level="", gender="", organisation=""):
    return SimpleNamespace(profile_id=profile_id, level=level, gender=gender, organisation=organisation)


def test_composition_counts_profiles_levels_genders_institutions():
    team = [
        member(10, "national", "female", "Ministère de la Santé"),
        member(11, "national", "male", "ministere de la sante"),
        member(13, "subnational", "female", "Région de Thiès"),
        member(13, "subnational", "other", "Hôpital régional"),
    ]
    result = team_composition(team, PROFILES)
    assert result.covered == (1, 2, 4)
    assert result.covered_count == 3 and result.profile_count == 5
    assert result.missing == (3, 5)
    assert (result.national, result.subnational) == (2, 2)
    assert (result.women, result.men, result.other_gender) == (2, 1, 1)
    assert result.institutions == 3  # the two spellings of the ministry are one institution
    assert result.has_both_levels is True
    assert result.gender_balanced is True


def test_composition_empty_team_has_nothing_covered():
    result = team_composition([], PROFILES)
    assert (result.members, result.covered_count, result.institutions) == (0, 0, 0)
    assert result.gender_balanced is False and result.has_both_levels is False


def test_composition_only_women_national_not_balanced():
    result = team_composition([member(10, "national", "female", "A"), member(11, "national", "female", "B")], PROFILES)
    assert result.gender_balanced is False
    assert result.has_both_levels is False


def test_composition_profile_of_another_call_not_counted():
    assert team_composition([member(99, "national", "male", "X")], PROFILES).covered == ()


def test_institution_key_ignores_case_accents_punctuation():
    assert institution_key("  Ministère de la Santé. ") == institution_key("MINISTERE DE LA SANTE")
    assert institution_key("") == ""
