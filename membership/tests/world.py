"""Membership's objects for the tests that cross every page (jln_portal/tests/world.py)."""


def extend(world):
    from .factories import MembershipApplicationFactory, SteeringMeetingFactory

    world.application = MembershipApplicationFactory()
    world.meeting = SteeringMeetingFactory(scheduled_by=world.users["manager"])
