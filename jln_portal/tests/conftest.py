import pytest

from .world import build_world


@pytest.fixture
def world(db):
    """One object of every kind a URL or a form needs, with a user per role (world.py)."""
    return build_world()
