import json

from django.core.management.base import BaseCommand, CommandError

from eoi.models import Call
from eoi.services.calls import SEEDED_CALLS
from evaluation.services import criteria_load


class Command(BaseCommand):
    help = ("Load the evaluation criteria (with their rubric) and selection factors of the seeded call files, "
            "or of the given ones, into the calls with the same slug (or --call). Safe to run twice.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Call files (JSON); default: the seeded calls.")
        parser.add_argument("--call", help="Slug of the call to load them into (default: the file's slug).")

    def handle(self, *args, paths, call, **options):
        for path in paths or SEEDED_CALLS:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            slug = call or data["slug"]
            target = Call.objects.filter(slug=slug).first()
            if target is None:
                raise CommandError(f"No call {slug!r}: load the call first (manage.py load_calls).")
            criteria = criteria_load(call=target, criteria=data["criteria"],
                                     selection_factors=data.get("selection_factors", ()))
            self.stdout.write(f"{slug}: {len(criteria)} criteria")
