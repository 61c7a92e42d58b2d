"""Two workers racing for the same mails on PostgreSQL: each is sent once."""

import threading

import pytest
from django.db import connection

from outbox import handover, sending
from outbox.enums import MailState
from outbox.models import OutboundMail

from .factories import OutboundMailFactory

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_each_mail_once(smtp_server):
    mails = [OutboundMailFactory(due=True, to_email=f"team{i}@example.org") for i in range(30)]
    ids = [mail.pk for mail in mails]
    start = threading.Barrier(2)
    results = {}

    def worker(name, order):
        try:
            start.wait()
            results[name] = [sending.mail_deliver(mail_id=mail_id) for mail_id in order]
        finally:
            handover.close()
            connection.close()

    threads = [threading.Thread(target=worker, args=("a", ids)), threading.Thread(target=worker, args=("b", ids[::-1]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert smtp_server.per_recipient() == {mail.to_email: 1 for mail in mails}
    assert sum(state == MailState.SENT for states in results.values() for state in states) == len(mails)
    assert set(OutboundMail.objects.values_list("state", "attempts")) == {(MailState.SENT, 1)}
