from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as accounts_demo
from countries import demo as countries_demo
from membership import demo as membership_demo
from eoi import demo as eoi_demo
from evaluation import demo as evaluation_demo


class Command(BaseCommand):
    help = "Load the demo data (countries, a core group, one login per role). Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow it outside DEBUG mode.")

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for the embedded default (DEBUG). Use --force to load it anyway.")
        with transaction.atomic():
            countries_demo.load()
            logins = accounts_demo.load()
            membership_demo.load()
            eoi_demo.load()
            evaluation_demo.load()
        rule = "=" * 78
        self.stdout.write("\n" + rule)
        self.stdout.write(self.style.SUCCESS("Demo logins (password for all: %s)" % accounts_demo.PASSWORD))
        for email, role, detail in logins:
            self.stdout.write(f"  {email:<27} {role:<24} {detail}")
        self.stdout.write(rule)
