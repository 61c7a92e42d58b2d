#!/usr/bin/env python
"""How long a PDF takes to render, and how much memory it needs.

    .venv/bin/python benchmarks/pdf_render.py                      # sample document, en + fr, 7 runs
    .venv/bin/python benchmarks/pdf_render.py --runs 15 --language fr

Each language is measured in a fresh Python process (so peak memory is that rendering's own):
the child sets Django up, renders the document once (the "cold" run: imports, font loading), then
`--runs` more times and reports the median, the fastest and slowest run, and its peak resident
memory (`resource.getrusage(RUSAGE_SELF).ru_maxrss`) next to the memory it had before the first
rendering. Results go to stdout and to benchmarks/results/ (ignored by git).

Documents are listed in DOCUMENTS; only `sample` (reports/report_builders.py, two pages) exists
yet. The selection report for 40 EOIs × 3 reviews and for 200 EOIs (issue 6) will add its own
entry that creates its data first.
"""

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def sample_document(language):
    from reports.report_builders import SAMPLE_TEMPLATE, sample_context

    return SAMPLE_TEMPLATE, sample_context(language=language, prepared_by="Benchmark")


DOCUMENTS = {"sample": sample_document}


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(document, language, runs):
    """Runs in the measuring process; prints one JSON line."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jln_portal.settings.local")
    import django

    django.setup()
    import pypdf

    from reports.pdf import render_pdf

    before = peak_rss_mib()
    started = time.perf_counter()
    template, context = DOCUMENTS[document](language)
    pdf = render_pdf(template, context, language=language)
    cold = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        template, context = DOCUMENTS[document](language)
        render_pdf(template, context, language=language)
        times.append(time.perf_counter() - started)

    print(json.dumps({
        "document": document,
        "language": language,
        "runs": runs,
        "cold_s": round(cold, 3),
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "rss_before_render_mib": round(before, 1),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "pages": len(pypdf.PdfReader(io.BytesIO(pdf)).pages),
        "pdf_kib": round(len(pdf) / 1024, 1),
    }))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--document", choices=sorted(DOCUMENTS), default="sample")
    parser.add_argument("--language", choices=["en", "fr"], action="append")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    languages = args.language or ["en", "fr"]
    if args.child:
        return child(args.document, languages[0], args.runs)

    results = []
    for language in languages:
        command = [sys.executable, __file__, "--child", "--document", args.document, "--language", language,
                   "--runs", str(args.runs)]
        output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))

    print(f"{'document':10} {'lang':4} {'pages':>5} {'cold s':>7} {'median s':>9} {'min s':>6} {'max s':>6} "
          f"{'RSS before MiB':>14} {'peak RSS MiB':>12}")
    for r in results:
        print(f"{r['document']:10} {r['language']:4} {r['pages']:>5} {r['cold_s']:>7} {r['median_s']:>9} "
              f"{r['min_s']:>6} {r['max_s']:>6} {r['rss_before_render_mib']:>14} {r['peak_rss_mib']:>12}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"pdf_render-{args.document}-{stamp}.json"
    path.write_text(json.dumps({"cpu_count": os.cpu_count(), "results": results}, indent=2))
    print(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
