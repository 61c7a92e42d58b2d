#!/usr/bin/env python
"""How long the selection report of a call takes to render, against what WeasyPrint needs for
the same words set as plain paragraphs (the "floor"), and how much memory it uses.

    .venv/bin/python benchmarks/selection_report.py                  # 40 EOIs, French, 5 rounds
    .venv/bin/python benchmarks/selection_report.py --sizes 40 200 --rounds 3 --language en
    .venv/bin/python benchmarks/selection_report.py --profile        # pyinstrument, one report

For each size it builds a synthetic closed call in its own SQLite database
(/tmp/jln_report_bench_<n>.sqlite3 or under $BENCH_DB_DIR, recreated each time): n submitted EOIs of distinct countries, each
with three written answers of about 250 words, a team of five, the eligibility checklist (run by
`evaluations_start`), three facilitators' reviews of three criteria with comments, final decisions
(10 selected, 5 waitlisted) and feedback in both languages. Then, in one fresh Python process
(Django set up, WeasyPrint imported), it renders the report once to warm up (fonts, templates)
and records the peak resident memory after it, then `--rounds` times each, interleaved:

- the report: `report_builders.render_selection_report` (queries, charts, template, PDF);
- the floor: the words of the same report (every text of its HTML, SVG labels included) as
  plain paragraphs of 60 words on A4 pages with the same margins, in the same font and size
  ("JLN Sans", 9.5 pt), without tables, headers, counters or links;
- the block floor: the same words, each block of the report (paragraph, table cell, heading,
  list item, line, chart label) a plain paragraph of its own: what the report's text costs cut
  as it is cut, without its styling (tables, bold, charts, running headers, counters).

It prints the medians of wall and CPU time (`time.process_time()`: on a shared machine the
wall time mostly measures the other jobs) and their ratios (the target is ≤ 1.5), the pages of
each and the peak memory (resident, after the first report).
Not a test; results also go to benchmarks/results/.
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


FLOOR_WORDS_PER_PARAGRAPH = 60
FLOOR_STYLE = """
@font-face { font-family: "JLN Sans"; src: url("/static/fonts/dejavu/DejaVuSans.ttf"); }
@page { size: A4; margin: 22mm 18mm 20mm 18mm; }
html { font-family: "JLN Sans"; font-size: 9.5pt; line-height: 1.4; }
p { margin: 0 0 2.5mm; }
"""


BLOCKS = {"p", "td", "th", "li", "h1", "h2", "h3", "h4", "figcaption", "dt", "dd", "div", "section", "header",
          "nav", "article", "table", "tr", "br", "text", "title", "ol", "ul", "figure", "body"}


def report_blocks(html):
    """The words of an HTML document's body in order, as [[words of one block]]: a block is the
    text of one paragraph, cell, heading, list item, line (<br>) or chart label (<style> and
    <title> left out)."""
    from html.parser import HTMLParser

    class Blocks(HTMLParser):
        def __init__(self):
            super().__init__()
            self.blocks, self.current, self.skip = [], [], 0

        def flush(self):
            if self.current:
                self.blocks.append(self.current)
                self.current = []

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("style", "title", "script")
            if tag in BLOCKS:
                self.flush()

        def handle_endtag(self, tag):
            self.skip -= tag in ("style", "title", "script")
            if tag in BLOCKS:
                self.flush()

        def handle_data(self, data):
            if not self.skip:
                self.current.extend(data.split())

    parser = Blocks()
    parser.feed(html)
    parser.flush()
    return parser.blocks


def report_words(html):
    """Every word of an HTML document's body, in order."""
    return [word for block in report_blocks(html) for word in block]


def floor_html(words, language, *, blocks=None):
    """The floor: `words` as paragraphs of 60 words; or, with `blocks`, each block of the
    report as a paragraph of its own (the "block floor": same text pieces, no styling)."""
    from html import escape

    if blocks is not None:
        paragraphs = (" ".join(block) for block in blocks)
    else:
        paragraphs = (" ".join(words[i:i + FLOOR_WORDS_PER_PARAGRAPH])
                      for i in range(0, len(words), FLOOR_WORDS_PER_PARAGRAPH))
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><style>{FLOOR_STYLE}</style></head><body>{body}</body></html>'


def _pages(pdf):
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def child(size, language, rounds):
    """Runs in a fresh process: the report and its floor, `rounds` times each, interleaved; one JSON line."""
    _django(size)
    import weasyprint  # noqa: F401 - imported before timing, as in a worker that has rendered before

    from evaluation import report_builders, report_data
    from reports.pdf import html_to_pdf, render_html

    def report():
        call = report_data.call_for_report().get(slug=SLUG)
        return report_builders.render_selection_report(call, language=language, prepared_by="Benchmark")

    started = time.perf_counter()
    pdf = report()
    first = time.perf_counter() - started
    peak_after_report = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    call = report_data.call_for_report().get(slug=SLUG)
    from django.utils.translation import override

    with override(language):
        context = report_builders.selection_report_context(call, prepared_by="Benchmark")
    html = render_html(report_builders.SELECTION_TEMPLATE, context, language=language)
    blocks = report_blocks(html)
    words = [word for block in blocks for word in block]
    floor = floor_html(words, language)
    block_floor = floor_html(words, language, blocks=blocks)
    floor_pdf = html_to_pdf(floor)
    times = {f"{name}_{kind}": [] for name in ("report", "floor", "block_floor") for kind in ("s", "cpu_s")}

    def timed(name, function):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        times[f"{name}_s"].append(round(time.perf_counter() - started, 3))
        times[f"{name}_cpu_s"].append(round(time.process_time() - started_cpu, 3))

    for _ in range(rounds):
        timed("report", report)
        timed("floor", lambda: html_to_pdf(floor))
        timed("block_floor", lambda: html_to_pdf(block_floor))
    print(json.dumps({
        "first_report_s": round(first, 3), **times, "words": len(words), "blocks": len(blocks),
        "peak_rss_report_mib": round(peak_after_report, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "pages": _pages(pdf), "floor_pages": _pages(floor_pdf), "pdf_kib": round(len(pdf) / 1024, 1),
    }))


def profile(size, language):
    """Runs in a fresh process: one warm report under pyinstrument, its call tree printed."""
    _django(size)
    from pyinstrument import Profiler

    from evaluation import report_builders, report_data

    def report():
        call = report_data.call_for_report().get(slug=SLUG)
        return report_builders.render_selection_report(call, language=language, prepared_by="Benchmark")

    report()
    profiler = Profiler(interval=0.002)
    profiler.start()
    report()
    profiler.stop()
    from pyinstrument.renderers import ConsoleRenderer

    print(profiler.output_text(unicode=True, color=False))  # where the time goes, by our code
    # …and inside WeasyPrint: the functions taking the most time themselves (the top 40)
    flat = profiler.output(ConsoleRenderer(flat=True, show_all=True, unicode=True, color=False))
    print("\n".join(flat.splitlines()[:48]))


def run(*extra):
    command = [sys.executable, __file__, *extra]
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--language", choices=["en", "fr"], default="fr")
    parser.add_argument("--profile", action="store_true", help="profile one report (pyinstrument) instead")
    parser.add_argument("--keep-data", action="store_true", help="reuse the databases of an earlier run")
    parser.add_argument("--setup", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--profile-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        return setup(args.setup)
    if args.child:
        return child(args.child, args.language, args.rounds)
    if args.profile_child:
        return profile(args.profile_child, args.language)

    summary = []
    for size in args.sizes:
        if not (args.keep_data and database_path(size).exists()):
            started = time.perf_counter()
            data = run("--setup", str(size)).strip().splitlines()[-1]
            print(f"{size} EOIs: data built in {time.perf_counter() - started:.1f} s ({data})", flush=True)
        if args.profile:
            print(run("--profile-child", str(size), "--language", args.language))
            continue
        result = json.loads(run("--child", str(size), "--language", args.language, "--rounds", str(args.rounds))
                            .strip().splitlines()[-1])
        medians = {f"median_{key}": statistics.median(result[key])
                   for key in ("report_s", "floor_s", "report_cpu_s", "floor_cpu_s", "block_floor_s", "block_floor_cpu_s")}
        summary.append({"eois": size, "language": args.language, **result, **medians,
                        "ratio": round(medians["median_report_s"] / medians["median_floor_s"], 2),
                        "cpu_ratio": round(medians["median_report_cpu_s"] / medians["median_floor_cpu_s"], 2),
                        "block_cpu_ratio": round(medians["median_report_cpu_s"] / medians["median_block_floor_cpu_s"], 2)})
    if not summary:
        return
    print(f"\n{'EOIs':>5} {'pages':>6} {'floor pages':>12} {'words':>7} {'report s':>9} {'floor s':>8} "
          f"{'ratio':>6} {'report CPU s':>13} {'floor CPU s':>12} {'CPU ratio':>10} {'peak RSS MiB':>13} {'PDF KiB':>8}")
    for s in summary:
        print(f"{s['eois']:>5} {s['pages']:>6} {s['floor_pages']:>12} {s['words']:>7} {s['median_report_s']:>9.2f} "
              f"{s['median_floor_s']:>8.2f} {s['ratio']:>6.2f} {s['median_report_cpu_s']:>13.2f} "
              f"{s['median_floor_cpu_s']:>12.2f} {s['cpu_ratio']:>10.2f} {s['peak_rss_report_mib']:>13} {s['pdf_kib']:>8}")
        print(f"      wall s: report {s['report_s']}, floor {s['floor_s']}; CPU s: report {s['report_cpu_s']}, "
              f"floor {s['floor_cpu_s']} (first report, cold: {s['first_report_s']} s wall)")
        print(f"      block floor ({s['blocks']} paragraphs, one per block of the report): CPU "
              f"{s['median_block_floor_cpu_s']:.2f} s, report / block floor × {s['block_cpu_ratio']:.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(dt_timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"selection_report-{stamp}.json"
    path.write_text(json.dumps({"cpu_count": os.cpu_count(), "results": summary}, indent=2))
    print(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
