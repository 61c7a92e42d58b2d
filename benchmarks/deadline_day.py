#!/usr/bin/env python
"""Deadline day: 50 focal points of 50 countries, signed in, finishing their
drafts on the last afternoon, as autosave.js and a browser drive the portal —
against gunicorn (4 sync workers) with production settings on PostgreSQL, on
127.0.0.1. The realistic counterpart of deadline_rush.py (the worst case).

    .venv/bin/python benchmarks/deadline_day.py                   # 2 + 1 minutes, then the headroom (≈ 6 min)
    .venv/bin/python benchmarks/deadline_day.py --minutes 1 --users 20 --headroom-threads 8

Each focal point's draft has realistic content: three answers of 230–330 words
in the country's working language (French or English), 4 or 5 team members.

- Phase 1 (`--minutes`, 2): each person autosaves every 5 s — a POST of the whole
  form urlencoded (URLSearchParams of its FormData), as autosave.js sends it, with the version the last
  save returned and one answer changed a little each time — and every 20 s opens
  a page, in turn their EOI's overview, their home and the edit form. Start times
  are spread at random over the first period, so people do not fire together.
- Phase 2 (`--submit-window`, 60 s): the same, and each person, at a moment drawn
  at random in that minute, presses "Save and review before submitting" (a plain
  form POST with a last change), lands on the overview and submits.
- Check: every EOI submitted, its answers exactly those of the person's last
  successful save, its version the start version + that person's saves (none lost,
  none applied twice), every edit form opened showing the text last saved, and one
  confirmation mail to each recipient (the contact person and the focal point).
- Phase 3, the headroom: the save rate the server sustains — N threads (8, then
  16; `--headroom-threads`) each autosaving its own (reopened) EOI as fast as it
  can, closed loop, for `--headroom-seconds` (30) — divided by the rate the
  people produce (50 / 5 s = 10 saves/s). Target ≥ 10×.

Printed: p50/p95 per kind of request, errors (must be 0: a refused connection, a
status other than the one expected — 2xx/3xx —, an autosave answering anything but
"saved"), lost writes (must be 0), how late the driver fired (its schedule), and
the CPU seconds of the driver, of gunicorn and of the whole machine in each phase:
the driver runs on the same 2 cores as the server (threads + http.client, one
thread per person) and what it uses is taken from the server, so the headroom is
a lower bound; an estimate without the driver's share is printed beside it.
Exits 1 on any error or lost write.

Celery runs in-process (no REDIS_URL: the confirmation mails are rendered and
recorded in the outbox during the submission, sent through Django's dummy
backend), the cache is each worker's local memory. Database `jln_bench_day`
(`--database`, or BENCH_DB_SUFFIX), dropped at the end with the temporary
directory (static files, gunicorn's log).
"""

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.drafts import MARKER, seed_drafts  # noqa: E402
from benchmarks.support import (  # noqa: E402
    BackendCPU, Client, Gunicorn, add_database_option, machine_cpu_seconds, migrated_database,
    production_environment, read_form, setup_django,
)

KINDS = ["autosave", "EOI overview", "home", "edit form", "save and review", "submit"]
PAGES = [("EOI overview", "/eoi/{pk}/"), ("home", "/eoi/"), ("edit form", "/eoi/{pk}/edit/")]
PASSWORD = "deadline-day-password-1"
AUTOSAVE_HEADERS = {"X-Requested-With": "XMLHttpRequest", "Accept": "application/json"}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50, help="focal points, one country and EOI each")
    parser.add_argument("--minutes", type=float, default=2.0, help="phase 1: autosaves and pages")
    parser.add_argument("--submit-window", type=float, default=60.0, help="phase 2: seconds over which all submit")
    parser.add_argument("--autosave-every", type=float, default=5.0, help="seconds between a person's autosaves")
    parser.add_argument("--page-every", type=float, default=20.0, help="seconds between a person's page views")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--headroom-threads", default="8,16", help="phase 3: closed-loop autosave threads, in turn")
    parser.add_argument("--headroom-seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=13, help="of the random start times and texts")
    add_database_option(parser, "jln_bench_day")
    arguments = parser.parse_args()
    arguments.headroom_threads = [int(n) for n in arguments.headroom_threads.split(",") if n.strip()]
    assert max(arguments.headroom_threads, default=0) <= arguments.users, "a headroom thread needs its own EOI"
    return arguments


ARGS = parse_args()
VAR_DIR = Path(tempfile.mkdtemp(prefix="jln-bench-day-"))


# --- The driver ---

class Recorder:
    """Times and errors of every request, from every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.starts = defaultdict(list)  # time.monotonic() when each request began
        self.lateness = []
        self.errors = []

    def error(self, text):
        with self.lock:
            self.errors.append(text)

    def timed(self, kind, call, expect):
        """`call()`'s response, timed under `kind`; None (and an error) if it failed."""
        started, moment = time.perf_counter(), time.monotonic()
        try:
            response = call()
        except Exception as error:  # noqa: BLE001 — a refused connection, a timeout: counted
            self.error(f"{kind}: {error!r}")
            return None
        with self.lock:
            self.times[kind].append(time.perf_counter() - started)
            self.starts[kind].append(moment)
        if response.status != expect:
            self.error(f"{kind}: HTTP {response.status} (expected {expect})")
            return None
        return response


class Person:
    """A focal point in a browser: their session, their form as the page holds it, and what
    their last successful save sent."""

    def __init__(self, port, email, pk, language):
        self.client, self.email, self.pk, self.language = Client(port), email, pk, language
        self.edit, self.autosave_url = f"/eoi/{pk}/edit/", f"/eoi/{pk}/autosave/"
        self.form = None
        self.start_version = None
        self.saves = 0  # successful ones
        self.last_saved = None  # {answer field: text} of the last successful save
        self.uncertain = False  # a save whose outcome is unknown (no answer) came after it
        self.stale_reads = 0

    def log_in(self):
        page = self.client.get("/accounts/login/")
        login = read_form(page.text, containing="password") | {"username": self.email, "password": PASSWORD}
        response = self.client.post("/accounts/login/", login)
        assert response.status == 302, (self.email, response.status)
        self.load_form()
        self.start_version = int(self.form["version"])

    def load_form(self):
        page = self.client.get(self.edit)
        assert page.status == 200, (self.email, page.status)
        self.form = read_form(page.text, form_id="eoi-form")
        self.bases = {name: text for name, text in self.form.items() if name.startswith("answer_")}

    def change(self, number):
        """One answer (in turn) gets a new last sentence: a small change, the same length."""
        names = sorted(self.bases)
        name = names[number % len(names)]
        self.form[name] = self.bases[name] + " " + MARKER[self.language].format(n=number)

    def answers(self):
        return {name: text for name, text in self.form.items() if name.startswith("answer_")}

    def autosave(self, recorder, number, kind="autosave"):
        self.change(number)
        sent = self.answers()
        response = recorder.timed(kind, lambda: self.client.post(self.autosave_url, self.form,
                                                                 headers=AUTOSAVE_HEADERS), 200)
        if response is None:
            self.uncertain = True
            return False
        status = json.loads(response.body).get("status")
        if status != "saved":
            recorder.error(f"{kind} {self.email}: status {status!r}")
            return False
        self.form["version"] = str(json.loads(response.body)["version"])
        self.saves, self.last_saved, self.uncertain = self.saves + 1, sent, False
        return True

    def open_page(self, recorder, kind, path):
        response = recorder.timed(kind, lambda: self.client.get(path.format(pk=self.pk)), 200)
        if response is not None and kind == "edit form" and self.last_saved is not None:
            from django.utils.html import escape

            body = response.text
            if f'name="version" value="{self.form["version"]}"' not in body or any(
                    escape(text) not in body for text in self.last_saved.values()):
                self.stale_reads += 1
                recorder.error(f"edit form {self.email}: not the text and version last saved")

    def save_review_submit(self, recorder, number):
        """"Save and review before submitting", the overview it leads to, Submit."""
        self.change(number)
        sent = self.answers()
        response = recorder.timed("save and review", lambda: self.client.post(self.edit, {**self.form, "review": ""}), 302)
        if response is None:
            self.uncertain = True
            return
        self.saves, self.last_saved, self.uncertain = self.saves + 1, sent, False
        page = recorder.timed("EOI overview", lambda: self.client.get(response.location), 200)
        if page is None:
            return
        submit_path = f"/eoi/{self.pk}/submit/"
        submit = read_form(page.text, action=submit_path)
        if recorder.timed("submit", lambda: self.client.post(submit_path, submit), 302) is not None:
            recorder.timed("EOI overview", lambda: self.client.get(f"/eoi/{self.pk}/"), 200)


def person_day(person, recorder, started, submit_at, rng):
    """Phases 1 and 2 for one person: autosaves and pages on their schedule, then submit."""
    next_save = started + rng.uniform(0, ARGS.autosave_every)
    next_page = started + rng.uniform(0, ARGS.page_every)
    page_turn = rng.randrange(len(PAGES))
    number = 0
    try:
        while True:
            moment = min(next_save, next_page, submit_at)
            wait = moment - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            with recorder.lock:
                recorder.lateness.append(time.monotonic() - moment)
            number += 1
            if moment == submit_at:
                person.save_review_submit(recorder, number)
                return
            if moment == next_save:
                person.autosave(recorder, number)
                next_save += ARGS.autosave_every
            else:
                kind, path = PAGES[page_turn % len(PAGES)]
                person.open_page(recorder, kind, path)
                page_turn += 1
                next_page += ARGS.page_every
    except Exception as error:  # noqa: BLE001 — e.g. a page without the expected form
        recorder.error(f"{person.email}: {error!r}")


class CPU:
    """CPU seconds used during a phase by the driver (this process), gunicorn, the machine."""

    def __init__(self, server):
        self.server = server

    def __enter__(self):
        self.backends = BackendCPU(ARGS.database).__enter__()
        self.wall, self.driver = time.monotonic(), self._driver()
        self.gunicorn, (self.busy, self.all) = self.server.cpu_seconds(), machine_cpu_seconds()
        self.load = os.getloadavg()[0]
        return self

    def __exit__(self, *exc):
        busy, everything = machine_cpu_seconds()
        self.wall = time.monotonic() - self.wall
        self.driver = self._driver() - self.driver
        self.gunicorn = self.server.cpu_seconds() - self.gunicorn
        self.busy, self.all = busy - self.busy, everything - self.all
        self.load = max(self.load, os.getloadavg()[0])
        self.backends.__exit__()
        self.postgres = self.backends.seconds()

    @staticmethod
    def _driver():
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def line(self):
        cores = self.all / self.wall
        return (f"CPU over {self.wall:.0f} s: driver {self.driver:.1f} s ({self.driver / self.wall:.0%} of a core), "
                f"gunicorn {self.gunicorn:.1f} s ({self.gunicorn / self.wall:.0%}), PostgreSQL {self.postgres:.1f} s "
                f"({self.postgres / self.wall:.0%}); whole machine busy {self.busy:.0f} s of {self.all:.0f} "
                f"({self.busy / self.all:.0%} of {cores:.0f} cores, other jobs included); "
                f"load average up to {self.load:.1f}")


def headroom(people, server, recorder):
    """{threads: (saves/s, p50 ms, p95 ms, CPU)}: closed-loop autosaves, each thread its own EOI
    (reopened first: they were submitted in phase 2)."""
    reopened = people[: max(ARGS.headroom_threads)]
    for person in reopened:
        page = person.client.get(f"/eoi/{person.pk}/")
        reopen = read_form(page.text, action=f"/eoi/{person.pk}/reopen/")
        assert person.client.post(f"/eoi/{person.pk}/reopen/", reopen).status == 302, person.email
        person.load_form()
    results = {}
    for threads in ARGS.headroom_threads:
        local = Recorder()
        deadline = time.monotonic() + ARGS.headroom_seconds

        def loop(person):
            saves, number = 0, 1000
            while time.monotonic() < deadline:
                number += 1
                saves += person.autosave(local, number, kind="headroom autosave")
            return saves

        with CPU(server) as cpu, ThreadPoolExecutor(threads) as pool:
            saves = sum(pool.map(loop, reopened[:threads]))
        times = local.times["headroom autosave"]
        recorder.errors += local.errors
        results[threads] = (saves / cpu.wall, percentile(times, 50), percentile(times, 95), cpu)
    return results


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000  # ms


# --- Checks ---

def normalised(text):
    return text.replace("\r\n", "\n").strip()


def lost_writes(people):
    """[problem]: every EOI submitted with exactly the answers of its last successful save,
    at its start version + its saves, and one confirmation mail to each recipient."""
    from eoi.enums import EOIStatus
    from eoi.models import ExpressionOfInterest
    from outbox.enums import MailKind
    from outbox.models import OutboundMail

    problems = []
    eois = {e.pk: e for e in ExpressionOfInterest.objects.filter(pk__in=[p.pk for p in people])
            .prefetch_related("answers__question")}
    for person in people:
        eoi = eois[person.pk]
        if eoi.status != EOIStatus.SUBMITTED:
            problems.append(f"EOI {eoi.pk}: {eoi.status}, not submitted")
        if person.uncertain:
            problems.append(f"EOI {eoi.pk}: its last save had no answer (outcome unknown)")
            continue
        if eoi.version != person.start_version + person.saves:
            problems.append(f"EOI {eoi.pk}: version {eoi.version}, expected {person.start_version} + {person.saves} saves")
        stored = {f"answer_{a.question.key}": normalised(a.text) for a in eoi.answers.all()}
        if person.last_saved is None or any(stored.get(name) != normalised(text) for name, text in person.last_saved.items()):
            problems.append(f"EOI {eoi.pk}: the answers are not those of the last save")
    mails = Counter(OutboundMail.objects.filter(kind=MailKind.EOI_CONFIRMATION, related_id__in=eois)
                    .values_list("related_id", "to_email"))
    for person in people:
        recipients = {email: count for (pk, email), count in mails.items() if pk == person.pk}
        expected = {eois[person.pk].contact_email.lower(), person.email}
        if set(recipients) != expected or set(recipients.values()) != {1}:
            problems.append(f"EOI {person.pk}: confirmation mails {recipients}, expected one to each of {sorted(expected)}")
    return problems, sum(mails.values())


# --- The run ---

def report_day(recorder, cpu, people, problems, mails, begin, window):
    requests = sum(len(t) for t in recorder.times.values())
    phase_1 = sum(1 for moment in recorder.starts["autosave"] if begin <= moment < window)
    print(f"\nphases 1 + 2: {len(people)} focal points, {ARGS.minutes:g} min + {ARGS.submit_window:g} s; "
          f"{requests} requests ({requests / cpu.wall:.1f}/s); autosaves in phase 1: {phase_1 / (window - begin):.1f}/s "
          f"(planned {len(people) / ARGS.autosave_every:.1f}/s)")
    print(f"  {'request':18} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind in KINDS:
        values = recorder.times.get(kind, [])
        if values:
            print(f"  {kind:18} {len(values):6} {percentile(values, 50):8.0f} {percentile(values, 95):8.0f} "
                  f"{max(values) * 1000:8.0f}")
    late = recorder.lateness
    print(f"  driver's schedule: {len(late)} events, fired late by p50 {percentile(late, 50):.0f} ms, "
          f"p95 {percentile(late, 95):.0f} ms, {sum(1 for v in late if v > 1)} by more than 1 s "
          f"(a person waits for their previous request: lateness is mostly the server's latency)")
    print(f"  {cpu.line()}")
    print(f"  errors: {len(recorder.errors)}" + "".join(f"\n    {e}" for e in recorder.errors[:10]))
    print(f"  lost writes: {len(problems)}; stale edit forms: {sum(p.stale_reads for p in people)}; "
          f"confirmation mails: {mails} ({len(people)} EOIs × 2 recipients)"
          + "".join(f"\n    {p}" for p in problems[:10]))


def report_headroom(results, users):
    produced = users / ARGS.autosave_every
    print(f"\nphase 3, headroom: closed-loop autosaves, {ARGS.headroom_seconds:g} s each, one EOI per thread")
    print(f"  {'threads':>7} {'saves/s':>8} {'p50 ms':>8} {'p95 ms':>8}  CPU")
    for threads, (rate, p50, p95, cpu) in results.items():
        print(f"  {threads:7} {rate:8.1f} {p50:8.0f} {p95:8.0f}  {cpu.line()}")
    best_threads, (best, _, _, cpu) = max(results.items(), key=lambda item: item[1][0])
    per_save = (cpu.gunicorn + cpu.postgres) / (best * cpu.wall)
    without_driver = os.cpu_count() / per_save
    print(f"  headroom: {best:.1f} saves/s ({best_threads} threads) / {produced:.1f} saves/s produced by {users} people = "
          f"{best / produced:.1f}× (target ≥ 10×: {'met' if best / produced >= 10 else 'MISSED'})")
    print(f"  server CPU per save (gunicorn + PostgreSQL): {per_save * 1000:.0f} ms; with the {os.cpu_count()} cores to "
          f"itself (no driver, no other job) ≈ {without_driver:.0f} saves/s = {without_driver / produced:.1f}×")


def main():
    setup_django(ARGS.database, VAR_DIR)
    failed = True
    with migrated_database(ARGS.database, VAR_DIR):
        started = time.perf_counter()
        accounts = seed_drafts(ARGS.users, password=PASSWORD, seed=ARGS.seed)
        print(f"seeded {len(accounts)} countries, focal points and complete drafts in {time.perf_counter() - started:.1f} s")
        from django.db import connections

        connections.close_all()
        recorder = Recorder()
        with Gunicorn(production_environment(ARGS.database, VAR_DIR), workers=ARGS.workers,
                      log_path=VAR_DIR / "gunicorn.log") as server:
            people = [Person(server.port, email, pk, language) for email, (pk, language) in accounts.items()]
            with ThreadPoolExecutor(ARGS.workers) as pool:  # signed in before the day starts
                list(pool.map(Person.log_in, people))
            print(f"{len(people)} focal points signed in, their edit forms open; gunicorn: {ARGS.workers} sync workers")
            rng = random.Random(ARGS.seed)
            begin = time.monotonic() + 1
            window = begin + ARGS.minutes * 60
            threads = [threading.Thread(target=person_day, daemon=True, args=(
                person, recorder, begin, window + rng.uniform(0, ARGS.submit_window), random.Random(rng.random())))
                for person in people]
            with CPU(server) as cpu:
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=max(0.0, window + ARGS.submit_window + 120 - time.monotonic()))
            if any(thread.is_alive() for thread in threads):
                recorder.error("phases 1 and 2 not finished 2 minutes after the submission window")
            problems, mails = lost_writes(people)
            report_day(recorder, cpu, people, problems, mails, begin, window)
            day_errors = len(recorder.errors)
            if ARGS.headroom_threads:
                report_headroom(headroom(people, server, recorder), len(people))
                if len(recorder.errors) > day_errors:
                    print(f"  errors in phase 3: {len(recorder.errors) - day_errors}: {recorder.errors[day_errors:][:5]}")
            for person in people:
                person.client.close()
        failed = bool(recorder.errors or problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
