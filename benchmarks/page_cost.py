#!/usr/bin/env python
"""Page cost: requests/s of the portal's heaviest pages as a share of a minimal
Django view's, and SQL queries per page with few and with many rows.

    .venv/bin/python benchmarks/page_cost.py                 # 3 rounds, medians
    .venv/bin/python benchmarks/page_cost.py --rounds 5 --seconds 3

Pages: the staff EOI list of a call, the call's ranking (manager), a focal
point's EOI edit form, a facilitator's review form — and /bench/minimal/, a view
returning "ok" through the portal's whole middleware (benchmarks/bench_urls.py,
benchmark-only settings benchmarks/bench_settings.py = production + that URLconf).

How: in one process, Django's test Client (no network, no server: the cost of
Django, the portal and PostgreSQL only), logged in, sequentially — requests/s is
1 / the time of a request. Each round times every page in turn for `--seconds`
(after 2 warm-up requests), so noise from other jobs hits all pages alike; the
ratio page / minimal is taken per round, then the median of the rounds.
Targets: ≥ 20 % of the minimal view, ≤ 10 queries per page, the same count with
10 EOIs as with 1,000. Each page is timed twice: warm (the same request again, as a
page is read far more often than it changes) and cold (each request right after the
shared cache — Redis, as in production; `--cache` — was emptied), and its queries
counted both ways. /bench/base/ (base.html alone, signed in) shows the floor.

Data (PostgreSQL database `jln_bench_pages`, dropped at the end): first 10
submitted EOIs under review in the measured call, 30 reviews, and one focal
point's draft in an open call; query counts are taken; then up to 1,000 EOIs and
3,000 reviews (bulk_create): the measured call grows to 200 EOIs × 3 reviews
(a country answers a call once, and there are 249 countries), 4 more calls hold
200 each. EOIs carry realistic answers (≈ 300 words each) and 4 team members.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.support import create_database, drop_database, production_environment  # noqa: E402

# BENCH_DB_SUFFIX keeps parallel runs (other branches) apart: jln_bench_pages_<suffix>.
DATABASE = "jln_bench_pages" + (f"_{os.environ['BENCH_DB_SUFFIX']}" if os.environ.get("BENCH_DB_SUFFIX") else "")
ANSWER = ("Notre pays a engagé une réforme du financement de la santé qui vise la couverture universelle. "
          "Les équipes du ministère et de l'assurance maladie travaillent ensemble depuis trois ans ; ") * 9


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=2.0, help="time spent on each page in each round")
    parser.add_argument("--eois", type=int, default=1000)
    parser.add_argument("--reviews-per-eoi", type=int, default=3)
    parser.add_argument("--show-queries", action="store_true", help="print each page's SQL (small world) and stop")
    parser.add_argument("--profile", metavar="PAGE", help="pyinstrument profile of PAGE (large world) and stop")
    parser.add_argument("--cache", default="redis://127.0.0.1:6379/15",
                        help="the shared cache, as production's REDIS_URL (its database is emptied); 'locmem' for none")
    return parser.parse_args()


ARGS = parse_args()
VAR_DIR = Path(tempfile.mkdtemp(prefix="jln-bench-pages-"))


def setup_django():
    os.environ.update(production_environment(DATABASE, VAR_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.bench_settings"
    if ARGS.cache != "locmem":
        os.environ["BENCH_CACHE_URL"] = ARGS.cache
    import django

    django.setup()


# --- Data ---

def bulk_submitted_eois(call, countries, facilitators):
    """Submitted EOIs of `countries` in `call`, each with its answers and 4 members (bulk_create)."""
    from eoi.enums import EOIStatus, Level, QuestionKind
    from eoi.models import Answer, ExpressionOfInterest, TeamMember

    moment = call.deadline - timedelta(days=1)
    eois = ExpressionOfInterest.objects.bulk_create([
        ExpressionOfInterest(call=call, country=country, status=EOIStatus.SUBMITTED, version=4, submitted_at=moment,
                             submission_number=1, contact_name="Awa Ba", contact_position="Coordinatrice",
                             contact_email=f"contact-{country.code}@example.org", created_by=facilitators[0])
        for country in countries
    ])
    questions = list(call.questions.filter(kind=QuestionKind.TEXT))
    profiles = list(call.profiles.order_by("number"))
    Answer.objects.bulk_create([Answer(eoi=eoi, question=q, text=ANSWER) for eoi in eois for q in questions])
    TeamMember.objects.bulk_create([
        TeamMember(eoi=eoi, slot=slot, name=f"Membre {slot}", position="Directeur", organisation=f"Institution {slot}",
                   level=Level.NATIONAL, profile=profiles[slot - 1], gender=("female", "male")[slot % 2],
                   email=f"m{slot}-{eoi.pk}@example.org", why_role_matters="Conduit la réforme. " * 10,
                   commits_to_meetings=True)
        for eoi in eois for slot in range(1, 5)
    ])
    return eois


def bulk_reviews(call, facilitators, manager):
    """Evaluations for the call's EOIs that have none, each with `--reviews-per-eoi` submitted reviews."""
    from django.utils import timezone

    from evaluation import services
    from evaluation.enums import ReviewState
    from evaluation.models import Assignment, Evaluation, Review, Score

    evaluations = services.evaluations_start(call=call, by=manager) if call.slug == "measured" else \
        Evaluation.objects.bulk_create([Evaluation(eoi=eoi, team_size=4) for eoi in call.eois.filter(evaluation__isnull=True)])
    criteria = list(call.criteria.all())
    now = timezone.now()
    pairs = [(evaluation, facilitators[(index + k) % len(facilitators)])
             for index, evaluation in enumerate(evaluations) for k in range(ARGS.reviews_per_eoi)]
    Assignment.objects.bulk_create([Assignment(evaluation=e, reviewer=r, assigned_by=manager) for e, r in pairs])
    reviews = Review.objects.bulk_create([
        Review(evaluation=e, reviewer=r, state=ReviewState.SUBMITTED, comment="Équipe solide.", submitted_at=now)
        for e, r in pairs
    ])
    Score.objects.bulk_create([
        Score(review=review, criterion=c, value=(review.pk + c.pk) % 6, comment="Justifié par les réponses.",
              scale_min=c.scale_min, scale_max=c.scale_max)
        for review in reviews for c in criteria
    ])
    return len(reviews)


class World:
    def __init__(self):
        from django.contrib.auth.hashers import make_password
        from django_countries import countries

        from accounts.enums import Role
        from accounts.models import User
        from countries.enums import MembershipLevel, Region
        from countries.models import Country
        from eoi.tests.factories import CallFactory, EOIFactory, fill_complete
        from evaluation.tests.factories import call_with_criteria

        password = make_password(None)
        people = [User(email=f"facilitator{n}@example.org", full_name=f"Facilitator {n}", role=Role.FACILITATOR,
                       password=password) for n in range(6)]
        people += [User(email="manager@example.org", full_name="Maria Manager", role=Role.MANAGER, password=password),
                   User(email="focal@example.org", full_name="Awa Diop", role=Role.FOCAL_POINT, language="fr",
                        password=password)]
        User.objects.bulk_create(people)
        self.facilitators, self.manager, self.focal = people[:6], people[6], people[7]
        self.countries = Country.objects.bulk_create([
            Country(code=code, region=Region.AFRICA, working_language=("en", "fr")[n % 2],
                    membership_level=MembershipLevel.FULL) for n, (code, _) in enumerate(countries)
        ])
        self.measured = call_with_criteria(slug="measured")
        self.open_call = CallFactory(slug="open-for-the-focal-point")
        home = self.countries[-1]
        home.focal_points.add(self.focal)
        self.draft = fill_complete(EOIFactory(call=self.open_call, country=home))
        self.eois = 0  # submitted ones; the draft comes on top

    def add_to_measured(self, count):
        have = self.measured.eois.count()
        eois = bulk_submitted_eois(self.measured, self.countries[have:have + count], self.facilitators)
        reviews = bulk_reviews(self.measured, self.facilitators, self.manager)
        self.eois += len(eois)
        return reviews

    def add_other_calls(self, eois_wanted):
        from evaluation.tests.factories import call_with_criteria

        reviews = 0
        while self.eois < eois_wanted:
            call = call_with_criteria()
            eois = bulk_submitted_eois(call, self.countries[:min(200, eois_wanted - self.eois)], self.facilitators)
            reviews += bulk_reviews(call, self.facilitators, self.manager)
            self.eois += len(eois)
        return reviews

    def pages(self):
        """[(name, user, url)] — the minimal view first."""
        from evaluation.models import Evaluation

        evaluation = Evaluation.objects.filter(eoi__call=self.measured).order_by("pk").first()
        return [
            ("minimal view", self.manager, "/bench/minimal/"),
            ("base.html only", self.manager, "/bench/base/"),
            ("staff EOI list", self.manager, f"/eoi/manage/{self.measured.pk}/eois/"),
            ("ranking", self.manager, f"/evaluation/calls/{self.measured.pk}/ranking/"),
            ("EOI edit form", self.focal, f"/eoi/{self.draft.pk}/edit/"),
            ("review form", self.facilitators[0], f"/evaluation/eois/{evaluation.pk}/"),
        ]


def analyze():
    """Statistics for the planner after the bulk inserts, as autovacuum would gather them on a
    live database within a minute; without them PostgreSQL plans the score queries blind."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- Measures ---

def client_for(user):
    from django.test import Client

    client = Client(secure=True)
    client.force_login(user, backend="accounts.backends.AuthenticationBackend")
    return client


def query_count(user, url, show=False, cold=False):
    """(queries, page weight) of a request for `url`: a repeated one, or with `cold` one
    made right after the cache was emptied."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(user)
    client.get(url)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if show:
        print(f"\n{url}: {len(queries)} queries{' (cold cache)' if cold else ''}")
        for query in queries:
            print("   ", query["sql"][:300])
    return len(queries), page_weight(response.content)


def page_weight(html):
    """Bytes of HTML + the CSS and JS it links to (as e2e/weight.py counts them)."""
    from django.conf import settings

    from e2e.weight import Assets

    assets = Assets()
    assets.feed(html.decode())
    collected = Path(settings.STATIC_ROOT)  # production: hashed names, as collectstatic wrote them
    return len(html) + sum((collected / url.removeprefix(settings.STATIC_URL)).stat().st_size
                           for url in assets.css | assets.js)


def profile(user, url):
    from pyinstrument import Profiler

    client = client_for(user)
    client.get(url)
    with Profiler() as profiler:
        for _ in range(5):
            client.get(url)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def requests_per_second(user, url, cold=False):
    """Requests/s of `url`, one request after the other: repeated (warm), or with `cold` each
    request made right after the cache was emptied (the emptying is not timed)."""
    from django.core.cache import cache

    client = client_for(user)
    for _ in range(2):
        assert client.get(url).status_code == 200
    count, spent = 0, 0.0
    while spent < ARGS.seconds or count < 5:
        if cold:
            cache.clear()
        started = time.perf_counter()
        client.get(url)
        spent += time.perf_counter() - started
        count += 1
    return count / spent


def main():
    setup_django()
    create_database(DATABASE)
    try:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        started = time.perf_counter()
        world = World()
        reviews = world.add_to_measured(10)
        pages = world.pages()
        few = {name: query_count(user, url, show=ARGS.show_queries) for name, user, url in pages}
        if ARGS.show_queries:
            for name, user, url in pages:
                query_count(user, url, show=True, cold=True)
            return
        print(f"small world: {world.eois} EOIs, {reviews} reviews (measured call: 10 EOIs)")
        reviews += world.add_to_measured(190)
        reviews += world.add_other_calls(ARGS.eois)
        analyze()
        print(f"large world: {world.eois} EOIs, {reviews} reviews (measured call: 200 EOIs × "
              f"{ARGS.reviews_per_eoi} reviews); seeded in {time.perf_counter() - started:.0f} s")
        many = {name: query_count(user, url) for name, user, url in pages}
        cold_counts = {name: query_count(user, url, cold=True)[0] for name, user, url in pages}
        if ARGS.profile:
            name, user, url = next(page for page in pages if page[0] == ARGS.profile)
            return profile(user, url)

        rates = {name: [] for name, _, _ in pages}
        cold_rates = {name: [] for name, _, _ in pages}
        for _ in range(ARGS.rounds):
            for name, user, url in pages:
                rates[name].append(requests_per_second(user, url))
                cold_rates[name].append(requests_per_second(user, url, cold=True))
        minimal = rates["minimal view"]

        def ratio(of):
            return statistics.median(r / m for r, m in zip(of, minimal))

        print(f"\nDjango test Client in-process, PostgreSQL, production settings, cache {ARGS.cache}; "
              f"{ARGS.rounds} rounds × {ARGS.seconds:g} s per page; medians. "
              f"Targets: ≥ 20 % of the minimal view, ≤ 10 queries, constant.")
        print("warm: the same request again; cold: each request right after the cache was emptied.")
        print(f"{'page':16} {'req/s':>7} {'ratio':>7} {'cold':>7} {'queries (10 EOIs)':>18} {'(1,000)':>8} "
              f"{'(cold)':>7} {'KB*':>6}")
        for name, _, _ in pages:
            flags = []
            if name not in ("minimal view", "base.html only") and ratio(rates[name]) < 0.20:
                flags.append("SLOW")
            if many[name][0] > 10 or many[name][0] != few[name][0] or cold_counts[name] > 10:
                flags.append("QUERIES")
            print(f"{name:16} {statistics.median(rates[name]):7.1f} {ratio(rates[name]):7.1%} "
                  f"{ratio(cold_rates[name]):7.1%} {few[name][0]:18} {many[name][0]:8} {cold_counts[name]:7} "
                  f"{many[name][1] / 1024:6.1f}  {' '.join(flags)}")
        print("* page weight with 1,000 EOIs: HTML + CSS + JS, uncompressed (target < 150 KB)")
        print("per round req/s (warm): " + "; ".join(
            f"{name}: " + ", ".join(f"{r:.0f}" for r in rates[name]) for name in rates))
    finally:
        from django.core.cache import cache
        from django.db import connections

        cache.clear()
        connections.close_all()
        drop_database(DATABASE)
        shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
