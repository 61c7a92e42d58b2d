from django.core.cache import cache
from django.utils import translation

from jln_portal.cache import get_or_build, versioned_key


def test_versioned_key_differs_with_versions_and_language():
    with translation.override("en"):
        english = versioned_key("ranking", 1, "2026-12-01")
        assert versioned_key("ranking", 1, "2026-12-01") == english
        assert versioned_key("ranking", 2, "2026-12-01") != english
        assert versioned_key("ranking", "1", "2026-12-01") != english  # 1 and "1" are different versions
    with translation.override("fr"):
        assert versioned_key("ranking", 1, "2026-12-01") != english


def test_get_or_build_builds_once_per_version():
    built = []

    def build():
        built.append(len(built) + 1)
        return built[-1]

    assert get_or_build("thing", (7, 1), build) == 1
    assert get_or_build("thing", (7, 1), build) == 1
    assert get_or_build("thing", (7, 2), build) == 2
    assert built == [1, 2]
    cache.clear()
    assert get_or_build("thing", (7, 1), build) == 3
