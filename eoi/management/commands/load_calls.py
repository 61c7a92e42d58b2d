from django.core.management.base import BaseCommand

from eoi.services import calls_load


class Command(BaseCommand):
    help = "Load the seeded calls (eoi/data/*.json) or the given call files. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Call files (JSON); default: the seeded calls.")

    def handle(self, *args, paths, **options):
        report = calls_load(paths=paths or None)
        for label, slugs in (("created", report.created), ("updated", report.updated), ("unchanged", report.unchanged)):
            for slug in slugs:
                self.stdout.write(f"{label:<10} {slug}")
