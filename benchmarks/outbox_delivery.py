"""Benchmark: 1,000 outbox mails through a real Celery worker on Redis and
PostgreSQL to a real SMTP server on 127.0.0.1 (aiosmtpd). Prints figures; it
is not a test. See benchmarks/README.md.

Two scenarios, each run --runs times (medians printed at the end):
- clean: one worker, one dispatcher loop (what beat does), nothing breaks;
- chaos: the same, and during the run the worker is killed with kill -9 three
  times (main process and pool at once, restarted each time) and Redis is
  restarted once without saving, losing every queued task.

For each run: mails/s, mails received twice or more (duplicates), recipients
who received nothing (lost), rows presumed sent (delivery_uncertain) and rows
sent again after an interruption. Loopback only; bounded by --timeout.
It uses its own database (dropped and created) and its own redis-server on
--redis-port (started and stopped here), so it disturbs nothing else.
"""

import argparse
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

TIMINGS = {  # short, so a kill -9 is recovered within the run (production: 120 / 300 / 120 s)
    "OUTBOX_SEND_TIME_LIMIT": 5,
    "OUTBOX_STUCK_AFTER_SECONDS": 25,
    "OUTBOX_REQUEUE_AFTER_SECONDS": 5,
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each scenario (medians are printed)")
    parser.add_argument("--concurrency", type=int, default=4, help="pool processes of the worker")
    parser.add_argument("--scenarios", default="clean,chaos")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/jln_outbox_bench")
    parser.add_argument("--redis-port", type=int, default=6390)
    parser.add_argument("--redis-db", type=int, default=6)
    parser.add_argument("--timeout", type=float, default=240, help="seconds allowed per run")
    return parser.parse_args()


ARGS = parse_args()
VAR_DIR = Path(tempfile.mkdtemp(prefix="jln-outbox-bench-"))
REDIS_URL = f"redis://127.0.0.1:{ARGS.redis_port}/{ARGS.redis_db}"
os.environ.update({
    "DJANGO_SETTINGS_MODULE": "jln_portal.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "DATABASE_URL": ARGS.database_url,
    "REDIS_URL": REDIS_URL,
    "JLN_VAR_DIR": str(VAR_DIR),
    "LOG_LEVEL": "WARNING",
    **{key: str(value) for key, value in TIMINGS.items()},
})


def recreate_database(url):
    import psycopg2
    from psycopg2 import sql

    base, name = url.rsplit("/", 1)
    admin = psycopg2.connect(f"{base}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


class RedisServer:
    """A private redis-server, without persistence, as in CI."""

    def __init__(self, port):
        self.port = port
        self.dir = VAR_DIR / "redis"
        self.dir.mkdir(exist_ok=True)

    def start(self):
        subprocess.run(
            ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", str(self.dir), "--logfile", str(self.dir / "redis.log")],
            check=True,
        )
        for _ in range(100):
            if self.cli("ping").stdout.strip() == "PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.cli("shutdown", "nosave")
        time.sleep(0.2)

    def cli(self, *args):
        return subprocess.run(["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True)


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))  # run the clean-ups below
    if not shutil.which("redis-server"):
        sys.exit("redis-server is needed (apt-get install redis-server)")
    recreate_database(ARGS.database_url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    redis = RedisServer(ARGS.redis_port)
    redis.start()
    results = {name: [] for name in ARGS.scenarios.split(",")}
    try:
        from outbox.tests.smtp_server import SmtpServer

        with SmtpServer() as smtp:
            for number in range(1, ARGS.runs + 1):
                for scenario in results:
                    result = run(scenario, number, smtp, redis)
                    results[scenario].append(result)
                    print_result(scenario, number, result)
    finally:
        redis.stop()
    print_medians(results)
    shutil.rmtree(VAR_DIR, ignore_errors=True)
    failed = [r for rs in results.values() for r in rs if r["duplicates"] or r["lost"]]
    sys.exit(1 if failed else 0)


def run(scenario, number, smtp, redis):
    from django.db import connection
    from django.utils import timezone

    from outbox.enums import MailKind, MailState
    from outbox.models import OutboundMail
    from outbox.tests import worker as w

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE outbox_outboundmail, outbox_historicaloutboundmail RESTART IDENTITY CASCADE")
    redis.cli("-n", str(ARGS.redis_db), "flushdb")
    smtp.handler.received.clear()
    now = timezone.now()
    recipients = [f"r{number}-{scenario}-{i}@bench.example" for i in range(ARGS.messages)]
    OutboundMail.objects.bulk_create(
        OutboundMail(
            kind=MailKind.FEEDBACK, state=MailState.SCHEDULED, batch=f"bench-{scenario}-{number}", to_email=address,
            language="fr" if i % 2 else "en", subject=f"Feedback {i}", body_text="Bonjour,\n\nVotre retour.\n" * 20,
            body_html="<p>Bonjour,</p><p>Votre retour.</p>" * 20, send_after=now,
        )
        for i, address in enumerate(recipients)
    )
    log = open(VAR_DIR / f"{scenario}-{number}.log", "w")
    env = w.worker_env(
        database_url=ARGS.database_url, redis_url=REDIS_URL, smtp_port=smtp.port, queue="bench", var_dir=VAR_DIR,
    )
    worker = w.start_worker(env, concurrency=ARGS.concurrency, name="bench", log=log)
    time.sleep(2.5)  # let the worker boot before the clock starts, as a running deployment would be
    started = time.monotonic()
    dispatcher = w.start_dispatcher(env, every=1.0, log=log)
    # chaos: kill -9 the worker at 15 %, 40 % and 65 % of the mails received; restart Redis at 50 %.
    events = [(0.15, "kill"), (0.40, "kill"), (0.50, "redis"), (0.65, "kill")] if scenario == "chaos" else []
    done_events = []
    try:
        while True:
            received = len(smtp.handler.received)
            if events and received >= events[0][0] * ARGS.messages:
                _fraction, event = events.pop(0)
                if event == "kill":
                    w.kill_worker(worker)
                    worker = w.start_worker(env, concurrency=ARGS.concurrency, name="bench", log=log)
                else:
                    redis.stop()
                    time.sleep(1.0)
                    redis.start()
                done_events.append(f"{event}@{received}")
            pending = OutboundMail.objects.filter(state__in=MailState.PENDING).count()
            if pending == 0 and not events:
                break
            if time.monotonic() - started > ARGS.timeout:
                print(f"  timed out with {pending} mails pending", file=sys.stderr)
                break
            time.sleep(0.05)
        elapsed = time.monotonic() - started
        time.sleep(2)  # anything sent twice would arrive now
    finally:
        w.stop(dispatcher)
        w.stop(worker)
        log.close()
    counts = smtp.per_recipient()
    rows = OutboundMail.objects.all()
    return {
        "elapsed": elapsed,
        "rate": ARGS.messages / elapsed,
        "received": sum(counts.values()),
        "duplicates": sum(n - 1 for n in counts.values() if n > 1),
        "lost": sum(1 for address in recipients if counts[address] == 0),
        "sent_rows": rows.filter(state=MailState.SENT).count(),
        "failed_rows": rows.filter(state=MailState.FAILED).count(),
        "uncertain": rows.filter(delivery_uncertain=True).count(),
        "retried": rows.filter(attempts__gt=1).count(),
        "events": " ".join(done_events),
    }


def print_result(scenario, number, r):
    print(
        f"{scenario:5} run {number}: {r['rate']:7.1f} mails/s ({r['elapsed']:5.1f} s), received {r['received']}, "
        f"duplicates {r['duplicates']}, lost {r['lost']}, rows sent {r['sent_rows']} / failed {r['failed_rows']}, "
        f"presumed sent {r['uncertain']}, sent again after an interruption {r['retried']}"
        + (f"  [{r['events']}]" if r["events"] else ""),
        flush=True,
    )


def print_medians(results):
    print(f"\nMedians over {ARGS.runs} run(s) of {ARGS.messages} mails, 1 worker x {ARGS.concurrency} processes:")
    for scenario, runs in results.items():
        if not runs:
            continue
        def median(key):
            return statistics.median(r[key] for r in runs)
        print(
            f"  {scenario:5}: {median('rate'):7.1f} mails/s, duplicates {median('duplicates'):g}, lost {median('lost'):g} "
            f"(max over runs: duplicates {max(r['duplicates'] for r in runs)}, lost {max(r['lost'] for r in runs)}), "
            f"presumed sent {median('uncertain'):g}, sent again after an interruption {median('retried'):g}"
        )


if __name__ == "__main__":
    main()
