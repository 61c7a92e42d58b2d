"""Send what is due without beat: recover stuck mails, then queue (or, in the
embedded default, send) every due mail. `--loop N` repeats every N seconds.

    manage.py outbox_dispatch            # once (e.g. from cron)
    manage.py outbox_dispatch --loop 30  # what beat does, in a terminal
    manage.py outbox_dispatch --loop 30 --reminders  # … and the hourly reminders too
"""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from outbox import tasks


class Command(BaseCommand):
    help = "Recover mails stuck in 'sending' and queue every due mail (what beat does)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, help="Repeat every this many seconds.")
        parser.add_argument("--max-runtime", type=float, default=0, help="Stop after this many seconds (with --loop).")
        parser.add_argument(
            "--reminders", action="store_true",
            help="Also run every app's reminders (beat's outbox.send_reminders): at once, then hourly.",
        )

    def handle(self, *args, loop, max_runtime, **options):
        started = time.monotonic()
        reminded_at = None
        while True:
            close_old_connections()
            try:
                if options["reminders"] and (reminded_at is None or time.monotonic() - reminded_at >= 3600):
                    reminded_at = time.monotonic()
                    sent = tasks.send_reminders()
                    if options["verbosity"] > 1 or any(sent.values()):
                        self.stdout.write(f"reminders: {sent}")
                requeued, presumed, failed = tasks.recover_stuck()
                queued = tasks.dispatch_due()
            except DatabaseError:
                if not loop:
                    raise
                logging.getLogger(__name__).exception("Dispatch failed; trying again in %s s", loop)
            else:
                if options["verbosity"] > 1 or queued or requeued or presumed or failed:
                    self.stdout.write(
                        f"queued {queued}; recovered {requeued} to retry, {presumed} presumed sent, {failed} failed"
                    )
            if not loop or (max_runtime and time.monotonic() - started >= max_runtime):
                return
            time.sleep(loop)
