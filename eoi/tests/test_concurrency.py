"""Two focal points save the same EOI at the same moment, on PostgreSQL: the
second save waits for the first one's row lock, then is refused."""

import threading
import time

import pytest
from django.db import connection, transaction

from accounts.enums import Role
from eoi import services
from eoi.models import ExpressionOfInterest
from outbox import handover

from .factories import EOIFactory


def draft(text):
    return {"answers": {}, "members": {}, "contact": {"name": text, "position": "", "email": ""}}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_later_one_refused_on_postgres(make_user, country):
    first_person = make_user(Role.FOCAL_POINT, countries=[country])
    second_person = make_user(Role.FOCAL_POINT, countries=[country])
    eoi = EOIFactory(country=country)
    outcome = {}

    def second_save():
        try:
            services.eoi_save(eoi=eoi, data=draft("Second"), expected_version=1, by=second_person)
            outcome["second"] = "saved"
        except services.ConcurrentEdit as refused:
            outcome["second"] = ("refused", refused.current.version, refused.current.contact_name)
        finally:
            outcome["second_done_at"] = time.monotonic()
            connection.close()

    with transaction.atomic():
        services.eoi_save(eoi=eoi, data=draft("First"), expected_version=1, by=first_person)
        other = threading.Thread(target=second_save)
        other.start()
        time.sleep(0.5)  # the second save is now waiting on the row lock
        assert "second" not in outcome
        committed_at = time.monotonic()
    other.join(timeout=10)

    assert outcome["second"] == ("refused", 2, "First")
    assert outcome["second_done_at"] >= committed_at
    stored = ExpressionOfInterest.objects.get(pk=eoi.pk)
    assert (stored.version, stored.contact_name) == (2, "First")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clicks_on_ask_the_team_at_once_ask_each_member_once_on_postgres(make_user, country):
    """The second "Ask the team to confirm" waits for the first one's lock on the EOI, then
    finds every member asked at their address: one mail each (issue 17)."""
    from outbox.models import OutboundMail

    from .factories import fill_complete

    person = make_user(Role.FOCAL_POINT, countries=[country])
    eoi = fill_complete(EOIFactory(country=country))
    eoi.call.confirmations_required = True
    eoi.call.save(update_fields=["confirmations_required"])
    outcome = {}

    def second_click():
        try:
            outcome["second"] = len(services.eoi_request_confirmations(eoi=eoi, by=person))
        finally:
            connection.close()

    with transaction.atomic():
        assert len(services.eoi_request_confirmations(eoi=eoi, by=person)) == 4
        other = threading.Thread(target=second_click)
        other.start()
        time.sleep(0.5)  # the second click is now waiting on the row lock
        assert "second" not in outcome
    other.join(timeout=10)

    assert outcome["second"] == 0
    assert OutboundMail.objects.filter(dedupe_key__startswith="member-request-").count() == 4
    handover.close()  # the outbox's own connection, opened to send the four mails after commit
