"""One SMTP transaction with a commit point.

`smtplib.SMTP.sendmail()` sends the whole message and the final "." in one
call, so a worker that dies while waiting for the answer leaves a row nobody
can judge: was it accepted or not? Here the message is sent in two steps:

1. MAIL FROM, RCPT TO, DATA and every byte of the message, *without* the final
   "<CRLF>.<CRLF>". Until that dot arrives, no SMTP server accepts the message:
   if the connection drops, the server throws the partial message away.
2. The hand-over mark is made durable (outbox/handover.py: it checks the row
   is still this worker's), and only then is the dot sent.

So a row found in SENDING *without* the hand-over mark was certainly not
accepted and may be sent again; a row *with* it was almost certainly accepted
(the dot was written or about to be) and is never sent again automatically.
See docs/architecture.md, "Outgoing mail", for the residual risk.

Backends other than SMTP (console, file, in-memory) have no such step: the
mark is made just before they are called.
"""

import re
import smtplib
import socket

from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address

CRLF = b"\r\n"


class ClaimLost(Exception):
    """The row stopped being this worker's before the commit point (a sweeper
    gave it to another worker). Nothing was accepted by the server."""


class NoAnswer(Exception):
    """The commit point was passed but the server's answer to the final dot
    never arrived (time-out, dropped connection). Probably delivered."""


def send(message, *, connection, handover):
    """Send `message` (an EmailMessage) through `connection` (a Django mail
    backend), with `handover` (outbox/handover.py) as the commit point.
    Raises ClaimLost, NoAnswer, or the error that stopped the send before the
    commit point (smtplib / OSError / database: nothing was accepted)."""
    if not isinstance(connection, SmtpBackend):
        _commit(handover)
        connection.send_messages([message])
        return
    _send_smtp(connection, message, handover)


def _commit(handover):
    if not handover.begin():
        raise ClaimLost
    try:
        handover.release()
    finally:
        handover.finish()


def _send_smtp(backend, message, handover):
    encoding = message.encoding or settings.DEFAULT_CHARSET
    from_addr = sanitize_address(message.from_email, encoding)
    recipients = [sanitize_address(address, encoding) for address in message.recipients()]
    data = re.sub(rb"(?m)^\.", b"..", message.message().as_bytes(linesep="\r\n"))
    if not data.endswith(CRLF):
        data += CRLF

    backend.open()
    smtp = backend.connection
    try:
        # The final dot must leave at once, not wait behind the body for an ACK
        # (Nagle): that wait would widen the window between commit and answer.
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        smtp.ehlo_or_helo_if_needed()
        options = [f"size={len(data)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
        code, reply = smtp.mail(from_addr, options)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, from_addr)
        refused = {}
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                refused[recipient] = (code, reply)
        if refused:  # one recipient per outbox row: any refusal is the row's refusal
            raise smtplib.SMTPRecipientsRefused(refused)
        code, reply = smtp.docmd("data")
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        smtp.send(data)
        if not handover.begin():
            raise ClaimLost
        try:
            handover.release()
            smtp.send(b"." + CRLF)  # if this fails the dot did not leave: an ordinary error
        finally:
            handover.finish()
        try:
            code, reply = smtp.getreply()
        except Exception as error:  # noqa: BLE001 - any failure here leaves the outcome unknown
            raise NoAnswer(f"{type(error).__name__}: {error}") from error
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)  # a definite refusal of the whole message
    except BaseException:
        drop(backend)
        raise


def drop(backend):
    """Close the socket without QUIT: a server in the middle of DATA discards
    the partial message. The backend opens a fresh connection next time."""
    connection = getattr(backend, "connection", None)
    if connection is not None:
        try:
            connection.close()
        finally:
            backend.connection = None
