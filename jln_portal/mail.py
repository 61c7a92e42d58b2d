"""The embedded default's mail backend: every message is kept as a file under var/mail/
that a person can open later (and in the Outbox page), with one line on the console
saying so — not the raw MIME text, which buried the demo logins under pages of mail."""

import sys
from email.header import decode_header, make_header

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class ConsoleAndFileBackend(FileBackend):
    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        for message in email_messages:
            # The outbox hands over encoded names (=?utf-8?q?…?=); the console shows them as typed.
            recipients = ", ".join(str(make_header(decode_header(address))) for address in message.recipients())
            sys.stdout.write(f"[mail] to {recipients}: {message.subject}  (kept in {self._fname})\n")
        sys.stdout.flush()
        return sent
