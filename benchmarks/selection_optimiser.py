"""Timing sanity check of the suggested-selection optimiser (not a test).

    .venv/bin/python benchmarks/selection_optimiser.py [--candidates 60] [--runs 21]

Builds seeded random calls of N candidates (scores 0–100 with 2 decimals, teams of 3–6 people,
5 regions, 4 languages) and prints the median (and maximum) time of ``suggest_selection`` for the call's
capacity (10 teams, 8 preferred, 40 participants), with and without diversity rules, with and
without the per-team explanations. Target: the optimiser well under 1 s for 60 candidates.
"""

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jln_portal.settings.test")

from evaluation.selection import Candidate, SelectionRules, suggest_selection  # noqa: E402

REGIONS = ["AFR", "EAP", "ECA", "LAC", "MENA"]
LANGUAGES = ["en", "fr", "es", "pt"]
CAPACITY = SelectionRules(max_teams=10, min_teams=8, max_participants=40)
DIVERSE = SelectionRules(max_teams=10, min_teams=8, max_participants=40, min_regions=4,
                         max_per_region=4, min_per_language={"fr": 2, "es": 1})


def candidates(n: int, rng: random.Random) -> list[Candidate]:
    return [
        Candidate(id=i, score=Decimal(rng.randint(2000, 9500)) / 100,
                  participants=rng.randint(3, 6), region=rng.choice(REGIONS),
                  language=rng.choice(LANGUAGES))
        for i in range(n)
    ]


def timings(n: int, runs: int, rules: SelectionRules, explain: bool) -> list[float]:
    rng = random.Random(20240315)
    times = []
    for _ in range(runs):
        pool = candidates(n, rng)
        start = time.perf_counter()
        suggest_selection(pool, rules, explain=explain)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=60)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    print(f"{args.candidates} candidates, median of {args.runs} seeded random calls")
    for label, rules in (("capacity only", CAPACITY), ("with diversity rules", DIVERSE)):
        for explain in (False, True):
            times = timings(args.candidates, args.runs, rules, explain)
            what = "optimum + reasons with counterfactuals" if explain else "optimum + basic reasons"
            print(f"  {label:22} {what:40} median {statistics.median(times) * 1000:7.1f} ms"
                  f"   max {max(times) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
