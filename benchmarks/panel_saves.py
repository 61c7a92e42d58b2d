#!/usr/bin/env python
"""Where the panel's two saves spend their time: a review draft saved from the review page and a
decision saved from the decision page, each beside a GET of the same page, on the demo's 2023 call
(`manage.py load_demo`: 12 EOIs, two facilitators, the seeded criteria), with Django's test Client
in this process and the embedded default settings (jln_portal.settings.local).

    .venv/bin/python benchmarks/panel_saves.py                      # SQLite, the embedded default
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jln_s14tools .venv/bin/python benchmarks/panel_saves.py
    .venv/bin/python benchmarks/panel_saves.py --rounds 7 --requests 15 --profile

Each round times `--requests` GETs of the page and as many POSTs (the save alone, not the redirect
that follows it), alternating; the figure of a round is its median; what is printed is the median
of the rounds' medians, and each save as a ratio to the GET of its page. The draft save changes one
comment each time; the decision save moves the decision between "not selected" and none, with the
feedback in both languages, as the manager does. `--profile` adds a pyinstrument profile of each
save and the SQL of one save by kind and table (history rows included).

A throw-away database: a file in a temporary JLN_VAR_DIR for SQLite, `<name>_bench` beside the
database DATABASE_URL names for PostgreSQL; both removed at the end.
"""

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

VAR_DIR = Path(tempfile.mkdtemp(prefix="jln-bench-panel-"))
os.environ["JLN_VAR_DIR"] = str(VAR_DIR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jln_portal.settings.local")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
os.environ.setdefault("LOG_LEVEL", "WARNING")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=10, help="GETs and POSTs per round")
    parser.add_argument("--profile", action="store_true", help="pyinstrument profile and SQL of each save")
    return parser.parse_args()


def forms_of(html):
    from benchmarks.support import FormReader

    reader = FormReader()
    reader.feed(html)
    return [{name: value or "" for name, value in fields} for _attrs, fields in reader.forms]


def form_holding(html, prefix):
    return next(form for form in forms_of(html) if any(name.startswith(prefix) for name in form))


class Save:
    """One page and the save it posts: `get()` and `post()` each time one request. The fields
    named in `refresh` (a shared text's version) are read again from each GET, as a person's
    browser has them after the redirect that follows their save."""

    refresh = ()

    def __init__(self, client, url, form_prefix):
        self.client, self.url, self.number, self.prefix, self.form = client, url, 0, form_prefix, None
        self.form = form_holding(self.get().content.decode(), form_prefix)

    def get(self):
        response = self.client.get(self.url)
        assert response.status_code == 200, response.status_code
        if self.form is not None and self.refresh:
            fresh = form_holding(response.content.decode(), self.prefix)
            self.form.update({name: fresh[name] for name in self.refresh if name in fresh})
        return response

    def change(self):
        raise NotImplementedError

    def post(self):
        self.number += 1
        self.change()
        response = self.client.post(self.url, self.form)
        assert response.status_code == 302, (response.status_code, response.content[:2000])
        return response


class DraftSave(Save):
    """A facilitator's draft review: one comment for the country edited, saved as a draft."""

    def change(self):
        names = sorted(name for name in self.form if name.startswith("comment_"))
        name = names[self.number % len(names)]
        self.form[name] = f"Relevant, but the status of the reforms is only partly described ({self.number})."
        self.form.pop("submit", None)


class DecisionSave(Save):
    """The manager's decision with the feedback in both languages (and, where the feedback is a
    shared text, the version and draft record the page carries)."""

    refresh = ("feedback_version", "drafted_from")

    def change(self):
        self.form["decision"] = "not_selected" if self.number % 2 else ""
        self.form.pop("regenerate", None)
        self.form.pop("over_capacity", None)


def timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def measure(save, rounds, requests):
    """(median GET, median POST) over the rounds' medians, in seconds."""
    for _ in range(3):
        save.get()
        save.post()
    gets, posts = [], []
    for _ in range(rounds):
        round_gets, round_posts = [], []
        for _ in range(requests):
            round_gets.append(timed(save.get))
            round_posts.append(timed(save.post))
        gets.append(statistics.median(round_gets))
        posts.append(statistics.median(round_posts))
    return statistics.median(gets), statistics.median(posts)


def table_of(sql):
    match = re.search(r'^(?:SELECT .*? FROM|INSERT INTO|UPDATE|DELETE FROM)\s+"(\w+)"', sql, re.S)
    return match.group(1) if match else "-"


def show_queries(label, function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        function()
    kinds = Counter((q["sql"].split()[0], table_of(q["sql"])) for q in queries)
    history = sum(n for (kind, table), n in kinds.items() if kind == "INSERT" and "historical" in table)
    print(f"\nSQL of one {label}: {len(queries)} queries, {history} history rows written")
    for (kind, table), count in sorted(kinds.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {count:3} × {kind:9} {table}")


def profile(label, function, times=20):
    from pyinstrument import Profiler

    with Profiler() as profiler:
        for _ in range(times):
            function()
    print(f"\npyinstrument, {times} × {label}:")
    print(profiler.output_text(unicode=True, color=False, processor_options={"filter_threshold": 0.02}))


def setup_database():
    """A fresh database (see the docstring), migrated, with the demo; returns a function dropping it."""
    from django.conf import settings
    from django.db import connection

    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        database["TEST"]["NAME"] = str(VAR_DIR / "bench.sqlite3")
    else:
        database["TEST"]["NAME"] = f"{database['NAME']}_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    from django.core.management import call_command

    call_command("load_demo", force=True, stdout=open(os.devnull, "w"))
    if connection.vendor == "sqlite":
        return lambda: connection.creation.destroy_test_db(old_name, verbosity=0)
    name = connection.settings_dict["NAME"]

    def drop():
        import psycopg2

        connection.settings_dict["NAME"] = old_name
        admin = psycopg2.connect(**{**connection.get_connection_params(), "dbname": "postgres"})
        admin.autocommit = True
        # FORCE: a connection the process still holds (CONN_MAX_AGE) would otherwise block it.
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return drop


def clients():
    from django.test import Client

    from accounts.models import User
    from evaluation.enums import ReviewState
    from evaluation.models import Evaluation, Review

    draft = Review.objects.filter(state=ReviewState.DRAFT).select_related("reviewer").first()
    facilitator = Client()
    facilitator.force_login(draft.reviewer, backend="accounts.backends.AuthenticationBackend")
    manager = Client()
    manager.force_login(User.objects.get(email="manager@example.org"), backend="accounts.backends.AuthenticationBackend")
    decided = Evaluation.objects.filter(eoi__call=draft.evaluation.eoi.call).exclude(pk=draft.evaluation_id) \
        .order_by("eoi__country__code").first()
    return [
        ("review draft save", DraftSave(facilitator, f"/evaluation/eois/{draft.evaluation_id}/", "score_")),
        ("decision save", DecisionSave(manager, f"/evaluation/eois/{decided.pk}/decision/", "feedback_en")),
    ]


def main():
    args = parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test Client's ALLOWED_HOSTS and the response's context
    drop = setup_database()
    try:
        engine = f"{connection.vendor} {connection.settings_dict['NAME']}"
        print(f"{engine}; {args.rounds} rounds × {args.requests} GETs and POSTs; "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"{'':22} {'GET of the page':>16} {'save (POST)':>12} {'ratio':>6}")
        for label, save in clients():
            get, post = measure(save, args.rounds, args.requests)
            print(f"{label:22} {get * 1000:13.1f} ms {post * 1000:9.1f} ms {post / get:6.2f}")
            if args.profile:
                show_queries(label, save.post)
                profile(label, save.post)
    finally:
        from django.db import connections

        connections.close_all()  # CONN_MAX_AGE keeps the benchmark's connection open
        drop()
        shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
