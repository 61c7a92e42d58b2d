import factory
from django.utils import timezone

from outbox.enums import MailKind, MailState
from outbox.models import OutboundMail


class OutboundMailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboundMail

    kind = MailKind.NOTICE
    state = MailState.DRAFT
    to_email = factory.Sequence(lambda n: f"recipient{n}@example.org")
    to_name = factory.Faker("name")
    language = "en"
    subject = factory.Sequence(lambda n: f"Message {n}")
    body_text = "Hello,\n\nThis is a message.\n"
    body_html = "<p>Hello,</p><p>This is a message.</p>"

    class Params:
        due = factory.Trait(state=MailState.SCHEDULED, send_after=factory.LazyFunction(timezone.now))
