"""The eoi app's objects for the tests that cross every page (jln_portal/tests/world.py).

`world.call`: a published call, open now, with the 2023 questionnaire.
`world.eoi_a`: country A's draft in it (its focal point's to edit; country B has none yet).
"""


def extend(world):
    from .factories import CallFactory, EOIFactory

    world.call = CallFactory(slug="open-call")
    world.eoi_a = EOIFactory(call=world.call, country=world.country_a, created_by=world.users["focal_a"])
