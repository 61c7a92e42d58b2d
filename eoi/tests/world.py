"""The eoi app's objects for the tests that cross every page (jln_portal/tests/world.py).

`world.call`: a published call, open now, with the 2023 questionnaire.
`world.eoi_a`: country A's draft in it (its focal point's to edit; country B has none yet).
"""


def extend(world):
    from .factories import CallFactory, EOIFactory

    world.call = CallFactory(slug="open-call")
    world.eoi_a = EOIFactory(call=world.call, country=world.country_a, created_by=world.users["focal_a"])

    # A proposed member of eoi_a asked to confirm (issue 17): `member_token` opens their page.
    from datetime import timedelta

    from django.utils import timezone

    from eoi.confirmation_models import MemberConfirmation
    from eoi.models import TeamMember
    from eoi.services.confirmations import token_hash

    world.member = TeamMember.objects.create(eoi=world.eoi_a, slot=1, name="Asked Member", email="asked@example.org")
    world.member_token = "world-member-token"
    MemberConfirmation.objects.create(
        member=world.member, email=world.member.email, submission_number=1, token_hash=token_hash(world.member_token),
        expires_at=timezone.now() + timedelta(days=30),
    )
