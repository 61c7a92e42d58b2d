from django.core.management.base import BaseCommand

from countries.services import DEFAULT_CSV, countries_load


class Command(BaseCommand):
    help = "Load the JLN member countries (levels, regions, working languages). Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DEFAULT_CSV), help="CSV file (default: the one shipped)")
        parser.add_argument(
            "--overwrite", action="store_true",
            help="Reset existing countries to the CSV values (by default staff corrections are kept).",
        )

    def handle(self, *args, file, overwrite, **options):
        report = countries_load(path=file, overwrite=overwrite)
        self.stdout.write(
            f"countries: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged"
        )
