#!/usr/bin/env python
"""Where one autosave's time goes, server side: the request deadline_day.py repeats,
made with Django's test Client in this process (production settings, no cache,
PostgreSQL, a draft of realistic size from benchmarks/drafts.py).

    .venv/bin/python benchmarks/profile_autosave.py                # 60 timed saves, then the details
    .venv/bin/python benchmarks/profile_autosave.py --saves 100 --no-pyinstrument

Prints: wall and CPU time per save (median; the difference is mostly waiting for
PostgreSQL), the SQL of one save by kind and table (history rows written by
django-simple-history included) with PostgreSQL's time, inclusive time of the
parts of the view and of the save service (the functions are wrapped by this
script, not changed), and a pyinstrument profile of 20 saves.

Database `jln_bench_profile` (`--database`, or BENCH_DB_SUFFIX), dropped at the end.
"""

import argparse
import functools
import importlib
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from urllib.parse import urlencode
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.drafts import MARKER, seed_drafts  # noqa: E402
from benchmarks.support import (  # noqa: E402
    add_database_option, migrated_database, read_form, setup_django,
)

# (module, attribute) of what is timed inclusively; a class attribute as "Class.method".
PARTS = [
    ("eoi.views.eois", "get_object_for_user", "view: load the EOI with its parts + the rule"),
    ("eoi.forms", "EOIForm.__init__", "view: build the form (call's questions, profiles)"),
    ("eoi.forms", "EOIForm.is_valid", "view: validate the form"),
    ("eoi.services", "eoi_save", "view: services.eoi_save (all of it)"),
    ("eoi.services.eois", "_locked", "  save: lock the row (SELECT … FOR UPDATE)"),
    ("eoi.services.eois", "_write_answers", "  save: answers (+ their history rows)"),
    ("eoi.services.eois", "_write_members", "  save: team members (+ history)"),
    ("eoi.services.eois", "eoi_problems", "  save: completeness check"),
    ("eoi.services.eois", "_save", "  save: the EOI row (+ history)"),
    ("eoi.views.eois", "eoi_composition", "view: team composition"),
    ("eoi.views.eois", "render_to_string", "view: render the composition panel"),
    ("eoi.views.eois", "JsonResponse", "view: the JSON answer"),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=60)
    parser.add_argument("--no-pyinstrument", action="store_true")
    add_database_option(parser, "jln_bench_profile")
    return parser.parse_args()


ARGS = parse_args()
VAR_DIR = Path(tempfile.mkdtemp(prefix="jln-bench-profile-"))


class Autosaver:
    """One focal point's browser on their draft's edit page, autosaving."""

    def __init__(self, email, pk, language):
        from django.test import Client

        from accounts.models import User

        self.client = Client(secure=True)
        self.client.force_login(User.objects.get(email=email), backend="accounts.backends.AuthenticationBackend")
        self.url, self.language, self.number = f"/eoi/{pk}/autosave/", language, 0
        self.form = read_form(self.client.get(f"/eoi/{pk}/edit/").content.decode(), form_id="eoi-form")
        self.bases = {name: text for name, text in self.form.items() if name.startswith("answer_")}

    def save(self):
        self.number += 1
        names = sorted(self.bases)
        name = names[self.number % len(names)]
        self.form[name] = self.bases[name] + " " + MARKER[self.language].format(n=self.number)
        body = urlencode(self.form)  # as autosave.js sends it (URLSearchParams)
        response = self.client.post(self.url, body, content_type="application/x-www-form-urlencoded",
                                    headers={"x-requested-with": "XMLHttpRequest"})
        data = response.json()
        assert data["status"] == "saved", data
        self.form["version"] = str(data["version"])


def timed_parts():
    """Wrap PARTS; {label: [seconds]} filled as they run."""
    spent = defaultdict(list)
    for module_name, attribute, label in PARTS:
        owner = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for step in path:
            owner = getattr(owner, step)
        original = getattr(owner, name)

        def wrapper(*args, _original=original, _label=label, **kwargs):
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_label].append(time.perf_counter() - started)

        setattr(owner, name, functools.wraps(original)(wrapper))
    return spent


def table_of(sql):
    match = re.search(r'^(?:SELECT .*? FROM|INSERT INTO|UPDATE|DELETE FROM)\s+"(\w+)"', sql, re.S)
    return match.group(1) if match else "-"


def show_queries(saver):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        saver.save()
    kinds = Counter((q["sql"].split()[0], table_of(q["sql"])) for q in queries)
    seconds = defaultdict(float)
    for q in queries:
        seconds[(q["sql"].split()[0], table_of(q["sql"]))] += float(q["time"])
    print(f"\nSQL of one autosave: {len(queries)} queries, {sum(seconds.values()) * 1000:.1f} ms as the driver "
          f"sees them (PostgreSQL + network + psycopg)")
    history = sum(n for (kind, table), n in kinds.items() if kind == "INSERT" and "historical" in table)
    for (kind, table), count in sorted(kinds.items(), key=lambda item: -seconds[item[0]]):
        print(f"  {count:3} × {kind:9} {table:40} {seconds[(kind, table)] * 1000:6.1f} ms")
    print(f"  history rows written (django-simple-history): {history}")


def main():
    setup_django(ARGS.database, VAR_DIR, "benchmarks.bench_settings")
    with migrated_database(ARGS.database, VAR_DIR):
        (email, (pk, language)), *_ = seed_drafts(2, password="profile-autosave-1").items()
        saver = Autosaver(email, pk, language)
        for _ in range(5):
            saver.save()
        walls, cpus = [], []
        for _ in range(ARGS.saves):
            wall, cpu = time.perf_counter(), time.process_time()
            saver.save()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        print(f"{ARGS.saves} autosaves of a draft of realistic size (answers of 230–330 words, "
              f"{language}), in-process: median {statistics.median(walls) * 1000:.1f} ms wall, "
              f"{statistics.median(cpus) * 1000:.1f} ms CPU of this process (the rest: waiting for PostgreSQL); "
              f"load average {os.getloadavg()[0]:.1f}")
        show_queries(saver)
        spent = timed_parts()
        total = []
        for _ in range(ARGS.saves):
            started = time.perf_counter()
            saver.save()
            total.append(time.perf_counter() - started)
        whole = statistics.median(total)
        print(f"\nInclusive time of the parts (median over {ARGS.saves} saves; whole request {whole * 1000:.1f} ms):")
        rest = whole
        for _, _, label in PARTS:
            values = spent[label]
            per_save = sum(values) / ARGS.saves
            rest -= per_save if label.startswith("view:") else 0
            print(f"  {label:52} {per_save * 1000:6.1f} ms  {per_save / whole:5.0%}  ({len(values) / ARGS.saves:g} calls)")
        print(f"  {'the rest: middleware (session, user, CSRF, reading the':52} {rest * 1000:6.1f} ms  {rest / whole:5.0%}\n"
              f"  {'  form body)':52}")
        if not ARGS.no_pyinstrument:
            from pyinstrument import Profiler

            with Profiler() as profiler:
                for _ in range(20):
                    saver.save()
            print(profiler.output_text(unicode=True, color=False, processor_options={"filter_threshold": 0.02}))


if __name__ == "__main__":
    main()
