"""The outbox's objects for the tests that cross every page (jln_portal/tests/world.py).

`world.draft_mail`: a draft in the batch `world.batch` (editable, approvable, discardable);
`world.sent_mail`: a mail that has left (the one that can be resent).
"""


def extend(world):
    from django.utils import timezone

    from outbox.enums import MailState

    from .factories import OutboundMailFactory

    world.batch = "feedback-call-1"
    world.draft_mail = OutboundMailFactory(batch=world.batch, to_email="country.team@example.org")
    world.sent_mail = OutboundMailFactory(state=MailState.SENT, sent_at=timezone.now(), to_email="sent@example.org")
