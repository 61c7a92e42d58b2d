"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the mail tests and the
benchmark: it keeps every message it accepts, and can be told to answer the
end of DATA with another reply ("451 …" or "550 …") or to be slow."""

import asyncio
import email
import logging
import socket
import threading
from collections import Counter
from dataclasses import dataclass

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    to: tuple
    message_id: str
    subject: str
    message: email.message.Message


class RecordingHandler:
    def __init__(self):
        self.answer = "250 Message accepted for delivery"
        self.delay = 0.0  # seconds before answering the end of DATA
        self.received = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if not self.answer.startswith("250"):
            return self.answer
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with self._lock:
            self.received.append(
                Received(tuple(envelope.rcpt_tos), message.get("Message-ID", ""), message.get("Subject", ""), message)
            )
        return self.answer


class SmtpServer:
    """Start with `with SmtpServer() as server:`; `server.port`, `server.handler`."""

    def __init__(self, port=None):
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command at INFO
        self.handler = RecordingHandler()
        self.port = port or free_port()
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, server_hostname="localhost", ready_timeout=10
        )

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def received(self):
        return list(self.handler.received)

    def per_recipient(self):
        """Counter {recipient address: number of messages received}."""
        return Counter(address for item in self.handler.received for address in item.to)
