"""A finalised call's pages as the Nu validator reads them: the Decisions page as a read-only
record with a note (a late conflict of interest) and the reopen form, and the same page once
reopened, with the outbox's list and page of a letter sent before reopening."""

import os

import pytest
from django.utils import timezone

from evaluation import services
from evaluation.tests.test_final_means_final import final  # noqa: F401  (the fixture)
from outbox.enums import MailState
from outbox.models import OutboundMail

from .html_validator import format_errors, validate, validator_missing

pytestmark = pytest.mark.django_db


@pytest.fixture
def validator():
    reason = validator_missing()
    if reason:
        required = "browser" in os.environ.get("JLN_REQUIRE_SERVICES", "")
        (pytest.fail if required else pytest.skip)(reason)


def test_final_record_pages_valid_html(validator, client, final):  # noqa: F811
    from evaluation.services.feedback_mail import feedback_mails_generate

    call, manager = final["call"], final["manager"]
    services.conflict_declare(reviewer=final["ada"], country=final["ke"], reason="Joined the team.", by=final["ada"])
    final["ke"].focal_points.add(final["focal"])
    feedback_mails_generate(call=call, by=manager)
    sent = OutboundMail.objects.filter(batch=f"feedback-call-{call.pk}").order_by("pk").first()
    OutboundMail.objects.filter(pk=sent.pk).update(state=MailState.SENT, sent_at=timezone.now())
    client.force_login(manager)
    documents = {"decisions (final)": client.get(f"/evaluation/calls/{call.pk}/decisions/").content.decode()}
    services.decisions_reopen(call=call, reason="A decision must change.", by=manager)
    documents["decisions (reopened)"] = client.get(f"/evaluation/calls/{call.pk}/decisions/").content.decode()
    documents["outbox (sent)"] = client.get("/outbox/?state=sent").content.decode()
    documents["outbox (letter)"] = client.get(f"/outbox/{sent.pk}/").content.decode()
    assert "Joined the team." in documents["decisions (final)"]
    errors = validate(documents)
    assert not errors, "The Nu validator finds errors:\n" + format_errors(errors)
