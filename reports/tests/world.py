"""Reports' objects for the tests that cross every page (jln_portal/tests/world.py)."""


def extend(world):
    from .factories import GeneratedFileFactory

    world.generated_file = GeneratedFileFactory(done=True, requested_by=world.users["manager"])
