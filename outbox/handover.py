"""The commit point of a send: mark the row `handed_over_at` so that a worker
killed at any instant leaves either no mark and no final dot (the mail is sent
again) or the mark (the mail is presumed sent, never sent again).

The mark must be durable *before* the dot leaves. Done plainly (an UPDATE, wait
for PostgreSQL's answer, then send the dot), a worker killed between the answer
and the dot leaves a mark without a dot: on a busy machine the process may wait
milliseconds for the CPU right there, and the mail would be lost (presumed sent).
On PostgreSQL we shrink that window to two consecutive `send()` calls:

1. begin():   on a second, non-blocking connection: BEGIN; UPDATE … SET
              handed_over_at WHERE the claim still stands (row now locked);
2. release(): COMMIT is written to PostgreSQL's socket *without waiting* for
              the answer. From here, even if this process dies, PostgreSQL
              reads the COMMIT and commits;
3. the SMTP code writes the final dot immediately after;
4. finish():  waits for PostgreSQL's answer (or rolls back if the dot was not
              going to be sent), so the row lock is gone before the worker
              records the outcome through Django's connection.

Inside an atomic block (tests, or a caller's transaction) and on SQLite, the
plain UPDATE is used: another connection could not see the row anyway.
"""

import logging
import os
import select
import threading

import psycopg2
from psycopg2 import extensions
from django.db import connection
from django.utils import timezone

from .enums import MailState
from .models import OutboundMail

logger = logging.getLogger(__name__)

TIMEOUT = 30  # seconds PostgreSQL has to answer each step
_local = threading.local()  # one extra connection per worker process (per thread)


def for_mail(mail):
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        return PostgresHandover(mail)
    return PlainHandover(mail)


class PlainHandover:
    def __init__(self, mail):
        self.mail = mail

    def begin(self):
        """Mark the row; False if the claim no longer stands."""
        return OutboundMail.objects.filter(
            pk=self.mail.pk, state=MailState.SENDING, attempts=self.mail.attempts, handed_over_at__isnull=True
        ).update(handed_over_at=timezone.now()) == 1

    def release(self):
        pass

    def finish(self):
        pass


class PostgresHandover(PlainHandover):
    def __init__(self, mail):
        super().__init__(mail)
        self.state = "idle"
        self.connection = None

    def begin(self):
        self.connection = _async_connection()
        cursor = self.connection.cursor()
        try:
            table, column = OutboundMail._meta.db_table, OutboundMail._meta.get_field("handed_over_at").column
            self.state = "begun"
            _run(  # one round trip: BEGIN and the conditional UPDATE
                self.connection, cursor,
                f'BEGIN; UPDATE "{table}" SET "{column}" = %s WHERE "id" = %s AND "state" = %s '
                f'AND "attempts" = %s AND "{column}" IS NULL',
                [timezone.now(), self.mail.pk, MailState.SENDING.value, self.mail.attempts],
            )
        except Exception:
            _discard()
            self.state = "done"
            raise
        if cursor.rowcount != 1:
            self.finish()  # rolls back
            return False
        self.cursor = cursor
        return True

    def release(self):
        """Put COMMIT on the wire and return without waiting for the answer."""
        try:
            self.cursor.execute("COMMIT")
            while self.connection.poll() == extensions.POLL_WRITE:
                _ready(self.connection, write=True)
        except Exception:
            _discard()  # the transaction dies with the connection: no mark
            self.state = "done"
            raise
        self.state = "released"

    def finish(self):
        """Wait for the COMMIT's answer, or roll back if it was never sent."""
        state, self.state = self.state, "done"
        try:
            if state == "begun":
                _run(self.connection, self.connection.cursor(), "ROLLBACK")
            elif state == "released":
                _wait(self.connection)
        except Exception as error:  # noqa: BLE001 - logged; the worker records the outcome its own way
            logger.error("Mail %s: the hand-over mark's transaction ended badly: %s", self.mail.pk, error)
            _discard()


def _async_connection():
    """This thread's non-blocking connection (made again after a fork)."""
    conn = getattr(_local, "connection", None)
    if getattr(_local, "pid", None) != os.getpid() or conn is None or conn.closed:
        params = connection.get_connection_params()
        for key in ("cursor_factory", "context", "prepare_threshold"):
            params.pop(key, None)
        conn = psycopg2.connect(**params, async_=1)
        _wait(conn)
        _local.pid, _local.connection = os.getpid(), conn
    return conn


def close():
    """Close this thread's extra connection, if any (e.g. when a thread ends)."""
    conn, _local.connection = getattr(_local, "connection", None), None
    if conn is not None and getattr(_local, "pid", None) == os.getpid():
        try:
            conn.close()
        except Exception:  # noqa: BLE001
            pass


_discard = close


def _run(conn, cursor, sql, params=None):
    cursor.execute(sql, params)
    _wait(conn)


def _wait(conn):
    while True:
        state = conn.poll()
        if state == extensions.POLL_OK:
            return
        _ready(conn, write=state == extensions.POLL_WRITE)


def _ready(conn, *, write):
    fd = conn.fileno()
    readable, writable, _ = select.select([] if write else [fd], [fd] if write else [], [], TIMEOUT)
    if not (readable or writable):
        raise psycopg2.OperationalError(f"PostgreSQL did not answer within {TIMEOUT} s")
