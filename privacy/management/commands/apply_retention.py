"""`manage.py apply_retention`: the daily retention run without beat (the embedded default, or a
single machine with cron). The same function beat calls (privacy.tasks.apply_retention)."""

from django.core.management.base import BaseCommand

from privacy.tasks import apply_retention


class Command(BaseCommand):
    help = "Anonymise the personal data of every team whose retention period has ended."

    def handle(self, *args, **options):
        done = apply_retention()
        self.stdout.write(f"{done} team(s) anonymised.")
