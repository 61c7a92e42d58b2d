import pytest

from accounts.enums import Role

from .factories import CallFactory, EOIFactory


@pytest.fixture
def call(db):
    return CallFactory()


@pytest.fixture
def focal(make_user, country):
    """A French-speaking focal point of Senegal (the `country` fixture)."""
    return make_user(Role.FOCAL_POINT, countries=[country], language="fr", full_name="Awa Ba")


@pytest.fixture
def other_focal(make_user, other_country):
    return make_user(Role.FOCAL_POINT, countries=[other_country], full_name="Kwame Mensah")


@pytest.fixture
def manager(make_user):
    return make_user(Role.MANAGER, full_name="Grace Wanjiru")


@pytest.fixture
def eoi(call, country, focal):
    return EOIFactory(call=call, country=country, created_by=focal)
