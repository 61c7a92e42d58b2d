import pytest

from accounts.enums import Role
from reports import registry
from reports.registry import BuiltFile


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its generated files in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def manager(make_user):
    return make_user(Role.MANAGER)


@pytest.fixture
def temporary_kind():
    """temporary_kind(kind, build, **hooks): a report kind registered for one test."""
    registered = []

    def add(kind, build=None, **options):
        build = build or (lambda job: BuiltFile(filename=f"{kind}.txt", content=b"hello", content_type="text/plain"))
        registry.register(kind, label=kind, **options)(build)
        registered.append(kind)
        return kind

    yield add
    for kind in registered:
        registry.unregister(kind)

