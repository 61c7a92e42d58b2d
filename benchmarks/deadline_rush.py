#!/usr/bin/env python
"""Deadline rush: N focal points (50) of N countries, at the same moment, each
log in, open their country's draft EOI, save it several times through the real
form (every field of the page sent back, with its `version`), then submit it —
against gunicorn with production settings on PostgreSQL, on 127.0.0.1.

    .venv/bin/python benchmarks/deadline_rush.py                 # 3 runs, medians at the end
    .venv/bin/python benchmarks/deadline_rush.py --runs 1 --users 20 --saves 3

Prints p50/p95 latency of each step, requests/s and errors (must be 0), then
checks in the database that every EOI is submitted with exactly the text of its
last save (no update lost) and that each got one confirmation mail. Exits 1 if
anything is wrong.

The driver is threads + http.client (standard library: no locust/httpx): one
thread per focal point, started together at a barrier, no think time (the
worst case: everyone presses Save at once). Each run starts from a fresh copy
of the seeded database (`jln_bench_rush`, copied from `jln_bench_rush_seed`);
both are dropped at the end, with the temporary directory (static files, logs).
Mail is rendered and recorded in the outbox as in production, the SMTP send is
a dummy backend, and Celery runs in-process (no REDIS_URL).
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.support import Client, Gunicorn, create_database, drop_database, production_environment, read_form  # noqa: E402

SEED_DB, RUN_DB = "jln_bench_rush_seed", "jln_bench_rush"
STEPS = ["login page", "log in", "open form", "save", "form after save", "open review", "submit"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50, help="focal points, one country and EOI each")
    parser.add_argument("--saves", type=int, default=5, help="saves of the form before submitting")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers (2 cores: 2 × 2 + 1)")
    parser.add_argument("--threads", type=int, default=1, help="> 1: gthread workers with that many threads")
    parser.add_argument("--timeout", type=float, default=300, help="seconds allowed per run")
    return parser.parse_args()


ARGS = parse_args()
VAR_DIR = Path(tempfile.mkdtemp(prefix="jln-bench-rush-"))
PASSWORD = "deadline-rush-password-1"


def setup_django():
    import os

    os.environ.update(production_environment(RUN_DB, VAR_DIR))
    import django

    django.setup()


def seed():
    """One open call with the 2023 questionnaire; per country a focal point and
    a complete draft (so that it can be submitted)."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django_countries import countries

    from accounts.enums import Role
    from accounts.models import User
    from countries.tests.factories import CountryFactory
    from eoi.tests.factories import CallFactory, EOIFactory, fill_complete

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    call = CallFactory(slug="deadline-rush")
    password = make_password(PASSWORD)  # once: the production hasher is slow on purpose
    codes = [code for code, _ in countries][: ARGS.users]
    users = {}
    for number, code in enumerate(codes):
        country = CountryFactory(code=code, working_language="fr" if number % 2 else "en")
        user = User.objects.create(email=f"focal-{code.lower()}@example.org", full_name=f"Focal point {code}",
                                   role=Role.FOCAL_POINT, language=country.working_language, password=password)
        country.focal_points.add(user)
        eoi = fill_complete(EOIFactory(call=call, country=country))
        users[user.email] = eoi.pk
    return users


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = []

    def timed(self, step, call, expect):
        started = time.perf_counter()
        try:
            response = call()
        except Exception as error:  # noqa: BLE001 — a refused connection, a timeout: counted
            with self.lock:
                self.errors.append(f"{step}: {error!r}")
            raise
        elapsed = time.perf_counter() - started
        with self.lock:
            self.times[step].append(elapsed)
            if response.status != expect:
                self.errors.append(f"{step}: HTTP {response.status} (expected {expect})")
        if response.status != expect:
            raise RuntimeError(step)
        return response


def focal_point(port, email, pk, barrier, recorder, last_texts):
    client = Client(port)
    edit, detail = f"/eoi/{pk}/edit/", f"/eoi/{pk}/"
    try:
        barrier.wait()
        page = recorder.timed("login page", lambda: client.get("/accounts/login/"), 200)
        login = read_form(page.text, containing="password") | {"username": email, "password": PASSWORD}
        recorder.timed("log in", lambda: client.post("/accounts/login/", login), 302)
        page = recorder.timed("open form", lambda: client.get(edit), 200)
        for number in range(1, ARGS.saves + 1):
            data = read_form(page.text, form_id="eoi-form")
            texts = {name: f"{email}: answer {name}, save {number} of {ARGS.saves}. " + "Texte à jour. " * 20
                     for name in data if name.startswith("answer_")}
            data.update(texts, save="")
            response = recorder.timed("save", lambda: client.post(edit, data), 302)
            last_texts[pk] = {name.removeprefix("answer_"): text.strip() for name, text in texts.items()}
            page = recorder.timed("form after save", lambda: client.get(response.location), 200)
        page = recorder.timed("open review", lambda: client.get(detail), 200)
        submit = read_form(page.text, action=f"/eoi/{pk}/submit/")
        recorder.timed("submit", lambda: client.post(f"/eoi/{pk}/submit/", submit), 302)
    except RuntimeError:  # recorded by Recorder.timed; this focal point stops here
        pass
    except Exception as error:  # noqa: BLE001 — e.g. a page without the expected form
        with recorder.lock:
            recorder.errors.append(f"{email}: {error!r}")
    finally:
        client.close()


def verify(users, last_texts):
    """[problem] — every EOI submitted, its answers exactly the last save, one confirmation each."""
    from eoi.enums import EOIStatus
    from eoi.models import ExpressionOfInterest
    from outbox.models import OutboundMail

    problems = []
    eois = ExpressionOfInterest.objects.filter(pk__in=users.values()).prefetch_related("answers__question")
    for eoi in eois:
        if eoi.status != EOIStatus.SUBMITTED:
            problems.append(f"EOI {eoi.pk}: {eoi.status}, not submitted")
        if eoi.version != 1 + ARGS.saves:
            problems.append(f"EOI {eoi.pk}: version {eoi.version}, expected {1 + ARGS.saves}")
        saved = {a.question.key: a.text for a in eoi.answers.all()}
        expected = last_texts.get(eoi.pk)
        if expected is None or any(saved.get(key) != text for key, text in expected.items()):
            problems.append(f"EOI {eoi.pk}: the answers are not those of the last save")
    from collections import Counter

    from outbox.enums import MailKind

    mails = Counter(OutboundMail.objects.filter(kind=MailKind.EOI_CONFIRMATION, related_id__in=users.values())
                    .values_list("related_id", flat=True))
    for pk in users.values():  # the contact person and the focal point
        if mails[pk] != 2:
            problems.append(f"EOI {pk}: {mails[pk]} confirmation mails, expected 2")
    mails = sum(mails.values())
    return problems, mails


def run(number, users):
    from django.db import connections

    connections.close_all()
    create_database(RUN_DB, template=SEED_DB)
    recorder, last_texts = Recorder(), {}
    barrier = threading.Barrier(len(users))
    with Gunicorn(production_environment(RUN_DB, VAR_DIR), workers=ARGS.workers, threads=ARGS.threads,
                  log_path=VAR_DIR / "gunicorn.log") as server:
        threads = [threading.Thread(target=focal_point, args=(server.port, email, pk, barrier, recorder, last_texts),
                                    daemon=True) for email, pk in users.items()]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, ARGS.timeout - (time.perf_counter() - started)))
        elapsed = time.perf_counter() - started
        if any(thread.is_alive() for thread in threads):
            recorder.errors.append(f"run not finished in {ARGS.timeout} s")
    problems, mails = verify(users, last_texts)
    requests = sum(len(t) for t in recorder.times.values())
    result = {
        "elapsed": elapsed, "requests": requests, "rps": requests / elapsed, "errors": len(recorder.errors),
        "error_rate": len(recorder.errors) / max(1, requests + len(recorder.errors)), "problems": problems,
        "mails": mails, "steps": {step: (percentile(t, 50), percentile(t, 95), len(t)) for step, t in recorder.times.items()},
        "error_samples": recorder.errors[:5],
    }
    print_run(number, result)
    return result


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000  # ms


def print_run(number, result):
    print(f"\nrun {number}: {result['requests']} requests in {result['elapsed']:.1f} s = {result['rps']:.1f} req/s, "
          f"errors {result['errors']} ({result['error_rate']:.1%})")
    print(f"  {'step':18} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}")
    for step in STEPS:
        if step in result["steps"]:
            p50, p95, n = result["steps"][step]
            print(f"  {step:18} {n:5} {p50:8.0f} {p95:8.0f}")
    for sample in result["error_samples"]:
        print(f"  error: {sample}")
    verdict = "every EOI submitted with its last saved text" if not result["problems"] else "; ".join(result["problems"][:5])
    print(f"  database: {verdict}" + (f"; confirmation mails: {result['mails']}" if result["mails"] is not None else ""))


def print_medians(results):
    print(f"\nmedians of {len(results)} runs ({ARGS.users} focal points × {ARGS.saves} saves, "
          f"{ARGS.workers} gunicorn workers{f' × {ARGS.threads} threads' if ARGS.threads > 1 else ''}):")
    print(f"  requests/s {statistics.median(r['rps'] for r in results):.1f}, "
          f"errors {statistics.median(r['errors'] for r in results):g}, "
          f"runs with a lost update or an unsubmitted EOI: {sum(bool(r['problems']) for r in results)}")
    print(f"  {'step':18} {'p50 ms':>8} {'p95 ms':>8}")
    for step in STEPS:
        values = [r["steps"][step] for r in results if step in r["steps"]]
        if values:
            print(f"  {step:18} {statistics.median(v[0] for v in values):8.0f} {statistics.median(v[1] for v in values):8.0f}")


def main():
    setup_django()
    create_database(RUN_DB)
    results = []
    try:
        started = time.perf_counter()
        users = seed()
        print(f"seeded {len(users)} countries, focal points and complete drafts in {time.perf_counter() - started:.1f} s")
        from django.db import connections

        connections.close_all()
        create_database(SEED_DB, template=RUN_DB)
        for number in range(1, ARGS.runs + 1):
            results.append(run(number, users))
        print_medians(results)
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(RUN_DB)
        drop_database(SEED_DB)
        shutil.rmtree(VAR_DIR, ignore_errors=True)
    sys.exit(1 if any(r["errors"] or r["problems"] for r in results) else 0)


if __name__ == "__main__":
    main()
