import pytest

from accounts.enums import Role


@pytest.fixture
def steering(make_user):
    return make_user(Role.STEERING)


@pytest.fixture
def manager(make_user):
    return make_user(Role.MANAGER)
