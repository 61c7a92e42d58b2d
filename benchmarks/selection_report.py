#!/usr/bin/env python
"""How long the selection report of a call takes to build and render, and how much memory.

    .venv/bin/python benchmarks/selection_report.py                  # 40 and 200 EOIs, 5 runs each
    .venv/bin/python benchmarks/selection_report.py --sizes 40 --runs 3 --language en --processes 2

For each size it builds a synthetic closed call in its own SQLite database
(/tmp/jln_report_bench_<n>.sqlite3 or under $BENCH_DB_DIR, recreated each time): n submitted EOIs of distinct countries, each
with three written answers of about 250 words, a team of five, the eligibility checklist (run by
`evaluations_start`), three facilitators' reviews of three criteria with comments, final decisions
(10 selected, 5 waitlisted) and feedback in both languages. Then it renders the report `--runs` times,
each time in a fresh Python process that sets Django up, imports WeasyPrint, and times the whole
build (`report_builders.render_selection_report`: queries, charts, template, PDF — the body in that
process, the annex in a forked child: reports/multipart.py), with `PDF_RENDER_PROCESSES` 2 and 1,
runs interleaved. It prints the median wall time, the fastest and slowest, the CPU time of the
process and its child, the peak resident memory of each (`getrusage` SELF and CHILDREN; their sum
bounds the memory used at once), the pages, the ratio of the largest size's median to the
smallest's (linear growth: about n₂/n₁) and of two processes to one. Not a test; results also go
to benchmarks/results/.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SLUG = "bench-call"
WORDS = ("health financing primary care facility budget reform province district insurance payment provider "
         "purchasing autonomy essential medicines supply chain accountability community data workforce").split()


def database_path(size):
    """Set BENCH_DB_DIR to keep parallel benchmarks (other branches) apart; /tmp by default."""
    return Path(os.environ.get("BENCH_DB_DIR", "/tmp")) / f"jln_report_bench_{size}.sqlite3"


def database_url(size):
    return f"sqlite:///{database_path(size)}"


def _django(size):
    os.environ["DJANGO_SETTINGS_MODULE"] = "jln_portal.settings.local"
    os.environ["DATABASE_URL"] = database_url(size)
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _text(seed, words):
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words)).capitalize() + "."


def setup(size):
    """Runs in a child process: a fresh database with one call of `size` reviewed EOIs."""
    path = database_path(size)
    path.unlink(missing_ok=True)
    _django(size)
    from django.core.management import call_command
    from django.utils import timezone
    from django_countries import countries

    call_command("migrate", verbosity=0)
    from accounts.enums import Role
    from accounts.models import User
    from countries.enums import Region
    from countries.models import Country
    from eoi.enums import CallState, EOIStatus, Level, QuestionKind
    from eoi.models import Answer, Call, ExpressionOfInterest, ParticipantProfile, Question, TeamMember
    from evaluation import services
    from evaluation.enums import EvaluationState, ReviewState
    from evaluation.models import Assignment, Criterion, Evaluation, Review, RubricLevel, Score

    now = timezone.now()
    manager = User.objects.create(email="manager@bench.invalid", full_name="Bench Manager", role=Role.MANAGER)
    reviewers = [User.objects.create(email=f"r{i}@bench.invalid", full_name=f"Reviewer {i}", role=Role.FACILITATOR)
                 for i in range(3)]
    regions = list(Region.values)
    codes = [code for code, _name in countries][:size]
    Country.objects.bulk_create([
        Country(code=code, region=regions[i % len(regions)], working_language="fr" if i % 3 == 0 else "en",
                membership_level="full") for i, code in enumerate(codes)
    ])
    call = Call.objects.create(
        slug=SLUG, state=CallState.CLOSED, title_en="Benchmark collaborative", title_fr="Projet collaboratif d'essai",
        opening_date=(now - timedelta(days=60)).date(), deadline=now - timedelta(days=30),
        feedback_date=(now + timedelta(days=10)).date(), time_zone="Africa/Nairobi", eligible_membership_levels=[],
        target_teams=10, max_participants=50, min_teams=1,
    )
    questions = []
    for order, (key, kind) in enumerate([("relevance", QuestionKind.TEXT), ("efforts", QuestionKind.TEXT),
                                         ("action", QuestionKind.TEXT), ("team", QuestionKind.TEAM),
                                         ("contact", QuestionKind.CONTACT)], start=1):
        questions.append(Question.objects.create(call=call, key=key, kind=kind, order=order, word_limit=400,
                                                 prompt_en=f"Question about {key}?", prompt_fr=f"Question sur {key} ?"))
    profiles = [ParticipantProfile.objects.create(call=call, number=n, level="national" if n < 3 else "subnational",
                                                  organisation_en=f"Organisation {n}", organisation_fr=f"Organisme {n}")
                for n in range(1, 6)]
    criteria = []
    for n in range(1, 4):
        criterion = Criterion.objects.create(call=call, key=f"c{n}", order=n, name_en=f"Criterion {n}",
                                             name_fr=f"Critère {n}", scale_min=0, scale_max=5)
        RubricLevel.objects.bulk_create([RubricLevel(criterion=criterion, score=s, description_en=_text(s, 25),
                                                     description_fr=_text(s + 1, 25)) for s in range(6)])
        criteria.append(criterion)
    eois = ExpressionOfInterest.objects.bulk_create([
        ExpressionOfInterest(call=call, country=country, status=EOIStatus.SUBMITTED, submission_number=1,
                             submitted_at=call.deadline - timedelta(hours=i + 1), contact_name=f"Contact {i}",
                             contact_position="Coordinator", contact_email=f"contact{i}@bench.invalid")
        for i, country in enumerate(Country.objects.order_by("code"))
    ])
    Answer.objects.bulk_create([Answer(eoi=eoi, question=q, text=_text(i + q.order, 250))
                                for i, eoi in enumerate(eois) for q in questions if q.kind == QuestionKind.TEXT])
    TeamMember.objects.bulk_create([
        TeamMember(eoi=eoi, slot=slot, name=f"Member {slot} of {i}", position="Director",
                   organisation=f"Institution {slot % 3} of {i}", profile=profiles[slot - 1],
                   level=Level.NATIONAL if slot < 3 else Level.SUBNATIONAL, gender="female" if slot % 2 else "male",
                   email=f"m{slot}.{i}@bench.invalid", why_role_matters=_text(slot, 40), commits_to_meetings=True)
        for i, eoi in enumerate(eois) for slot in range(1, 6)
    ])
    services.evaluations_start(call=call, by=manager)
    evaluations = list(Evaluation.objects.filter(eoi__call=call).order_by("pk"))
    Assignment.objects.bulk_create([Assignment(evaluation=e, reviewer=r) for e in evaluations for r in reviewers])
    reviews = Review.objects.bulk_create([
        Review(evaluation=e, reviewer=r, state=ReviewState.SUBMITTED, submitted_at=now, panel_note=_text(i, 30))
        for i, e in enumerate(evaluations) for r in reviewers
    ])
    Score.objects.bulk_create([
        Score(review=review, criterion=c, value=(i + n) % 6, comment=_text(i + n, 20), scale_min=0, scale_max=5)
        for i, review in enumerate(reviews) for n, c in enumerate(criteria)
    ])
    eligible = [e for e in evaluations if e.eligible]
    for rank, evaluation in enumerate(evaluations):
        decision = (EvaluationState.SELECTED if evaluation in eligible[:10] else
                    EvaluationState.WAITLISTED if evaluation in eligible[10:15] else EvaluationState.NOT_SELECTED)
        Evaluation.objects.filter(pk=evaluation.pk).update(
            state=decision, decision=decision, team_size=5, feedback_en=_text(rank, 80), feedback_fr=_text(rank + 1, 80))
    settings = services.evaluation_settings_for(call)
    settings.finalised_at, settings.finalised_by = now, manager
    settings.save()
    print(json.dumps({"eois": len(eois), "reviews": len(reviews), "eligible": len(eligible)}))


def child(size, language):
    """Runs in a fresh process: one timed rendering; prints one JSON line."""
    _django(size)
    import io

    import pypdf
    import weasyprint  # noqa: F401 - imported before timing, as in a worker that has rendered before

    from evaluation import report_builders, report_data

    started, times_before = time.perf_counter(), os.times()
    call = report_data.call_for_report().get(slug=SLUG)
    pdf = report_builders.render_selection_report(call, language=language, prepared_by="Benchmark")
    elapsed, times = time.perf_counter() - started, os.times()
    cpu = times.user + times.system - times_before.user - times_before.system
    cpu_children = times.children_user + times.children_system - times_before.children_user - times_before.children_system
    print(json.dumps({
        "seconds": round(elapsed, 3), "cpu_seconds": round(cpu + cpu_children, 3),
        "cpu_children_seconds": round(cpu_children, 3),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_child_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "pages": len(pypdf.PdfReader(io.BytesIO(pdf)).pages), "pdf_kib": round(len(pdf) / 1024, 1),
    }))


def run(args, *extra, processes=None):
    command = [sys.executable, __file__, *extra]
    environment = {**os.environ, **({"PDF_RENDER_PROCESSES": str(processes)} if processes else {})}
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT, env=environment).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 200])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--language", choices=["en", "fr"], default="fr")
    parser.add_argument("--processes", type=int, nargs="+", default=[2, 1],
                        help="PDF_RENDER_PROCESSES values to compare, runs interleaved (default: 2 and 1)")
    parser.add_argument("--setup", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        return setup(args.setup)
    if args.child:
        return child(args.child, args.language)

    summary = []
    for size in args.sizes:
        started = time.perf_counter()
        data = run(args, "--setup", str(size))
        print(f"{size} EOIs: data built in {time.perf_counter() - started:.1f} s ({data})", flush=True)
        runs = {processes: [] for processes in args.processes}
        for _ in range(args.runs):  # interleaved, so that load from other jobs weighs on each alike
            for processes in args.processes:
                runs[processes].append(run(args, "--child", str(size), "--language", args.language,
                                           processes=processes))
        for processes, results in runs.items():
            times = [r["seconds"] for r in results]
            summary.append({
                "eois": size, "processes": processes, "language": args.language, "runs": results,
                "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
                "median_cpu_s": statistics.median(r["cpu_seconds"] for r in results),
                "peak_rss_mib": max(r["peak_rss_mib"] for r in results),
                "peak_rss_child_mib": max(r["peak_rss_child_mib"] for r in results),
                "pages": results[0]["pages"], "pdf_kib": results[0]["pdf_kib"],
            })
    print(f"\n{'EOIs':>5} {'proc.':>5} {'pages':>6} {'median s':>9} {'min s':>6} {'max s':>6} {'median CPU s':>13} "
          f"{'peak RSS MiB':>13} {'child MiB':>10} {'PDF KiB':>8}")
    for s in summary:
        print(f"{s['eois']:>5} {s['processes']:>5} {s['pages']:>6} {s['median_s']:>9.2f} {s['min_s']:>6.2f} "
              f"{s['max_s']:>6.2f} {s['median_cpu_s']:>13.2f} {s['peak_rss_mib']:>13} {s['peak_rss_child_mib']:>10} "
              f"{s['pdf_kib']:>8}")
    for processes in args.processes:
        mine = [s for s in summary if s["processes"] == processes]
        if len(mine) > 1:
            first, last = mine[0], mine[-1]
            print(f"{processes} process(es), ratio {last['eois']}/{first['eois']} EOIs: time × "
                  f"{last['median_s'] / first['median_s']:.2f}, CPU × {last['median_cpu_s'] / first['median_cpu_s']:.2f}, "
                  f"pages × {last['pages'] / first['pages']:.2f} (linear: × {last['eois'] / first['eois']:.2f})")
    for size in args.sizes:
        by_processes = {s["processes"]: s for s in summary if s["eois"] == size}
        if 1 in by_processes and len(by_processes) > 1:
            for processes, s in by_processes.items():
                if processes != 1:
                    print(f"{size} EOIs: wall time with {processes} processes / with 1: "
                          f"{s['median_s'] / by_processes[1]['median_s']:.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(dt_timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"selection_report-{stamp}.json"
    path.write_text(json.dumps({"cpu_count": os.cpu_count(), "results": summary}, indent=2))
    print(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
