"""Membership's objects for the tests that cross every page (jln_portal/tests/world.py)."""


def extend(world):
    from .factories import MembershipApplicationFactory, SteeringMeetingFactory

    world.application = MembershipApplicationFactory()
    world.meeting = SteeringMeetingFactory(scheduled_by=world.users["manager"])
    world.confirm_token = _used_confirmation_link(world.application)


def _used_confirmation_link(application):
    from django.utils import timezone

    from membership.models import ApplicationRequest
    from membership.services import application_confirm_token

    request = ApplicationRequest.objects.create(
        email=application.contact_email, data={}, confirmed_at=timezone.now(), application=application)
    return application_confirm_token(request)
