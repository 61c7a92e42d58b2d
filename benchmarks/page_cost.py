#!/usr/bin/env python
"""Page cost: requests/s of the portal's main pages, uncached, as a share of a
minimal Django view's, beside the same share of their pretalx equivalents, and SQL
queries per page with few and with many rows.

    .venv/bin/python benchmarks/page_cost.py                 # 3 rounds, medians
    .venv/bin/python benchmarks/page_cost.py --rounds 5 --seconds 3

Pages: a focal point's home, EOI detail and EOI edit form; the staff EOI list of a
call, its ranking, shortlist and decisions (manager); a facilitator's review form —
and /bench/minimal/, a view returning "ok" through the portal's whole middleware,
and /bench/base/, a signed-in page with nothing but base.html (benchmarks/bench_urls.py,
benchmark-only settings benchmarks/bench_settings.py = production + that URLconf +
the dummy cache).

Uncached: the default cache is Django's DummyCache, so every request builds its page
from the database, as the portal does without caches; only base.html's per-process
"fragments" (menu, language choices, session texts) stay in local memory.

How: in one process, Django's test Client (no network, no server: the cost of
Django, the portal and PostgreSQL only), logged in, sequentially — requests/s is
1 / the time of a request. Each round times the minimal view, every page in turn for
`--seconds` (after 2 warm-up requests), and the minimal view again, so noise from
other jobs hits all pages alike; a page's ratio is its requests/s over the mean of
that round's two minimal-view figures, then the median over the rounds. Printed
beside it: the ratio of the page's pretalx equivalent measured the same way (its
requests/s over pretalx's own minimal view) on a machine of this kind, from the
peer figures of 2 December 2026 (PEERS below), and a verdict: ahead, level, behind.

Targets: ≤ 10 queries per page (≤ 12 on the review form), the same count with 10
EOIs as with 1,000.

Data (PostgreSQL database `jln_bench_pages`, `--database`; dropped at the end):
first 10 submitted EOIs under review in the measured call, 30 reviews, a third of
them shortlisted with decisions, and one focal point's draft in an open call; query
counts are taken; then up to 1,000 EOIs and 3,000 reviews (bulk_create): the
measured call grows to 200 EOIs × 3 reviews (a country answers a call once, and
there are 249 countries), 4 more calls hold 200 each. EOIs carry realistic answers
(≈ 300 words each) and 4 team members.
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.support import add_database_option, migrated_database, setup_django  # noqa: E402

PEER_SOURCE = ("peer figures of 2 December 2026 (shared/reference/peer-figures.md): pretalx 2025.2.2, "
               "200 submissions × 3 reviewers, gunicorn 1 sync worker, wrk, a 2-core machine of this kind")
# page: (its pretalx equivalent, lowest and highest ratio to pretalx's minimal view measured)
PEERS = {
    "staff EOI list": ("submission list, 25 a page", 0.006, 0.009),
    "ranking": ("review dashboard, 25 a page", 0.005, 0.005),
    "review form": ("a submission's review page", 0.013, 0.014),
    "EOI edit form": ("CfP form, \"info\" step", 0.041, 0.050),
}
QUERY_TARGETS = {"review form": 12}  # every other page: 10
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
    add_database_option(parser, "jln_bench_pages")
    return parser.parse_args()


ARGS = parse_args()
VAR_DIR = Path(tempfile.mkdtemp(prefix="jln-bench-pages-"))


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
        Review(evaluation=e, reviewer=r, state=ReviewState.SUBMITTED, panel_note="Équipe solide.", submitted_at=now)
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
        self.shortlist_and_decide()
        return reviews

    def shortlist_and_decide(self):
        """A third of the measured call's evaluations shortlisted, two thirds of those to be
        selected and the rest waitlisted: what the shortlist and decisions pages show."""
        from evaluation.enums import Decision, EvaluationState
        from evaluation.models import Evaluation

        pks = list(Evaluation.objects.filter(eoi__call=self.measured).order_by("pk").values_list("pk", flat=True))
        shortlisted = pks[: len(pks) // 3]
        selected = shortlisted[: len(shortlisted) * 2 // 3]
        Evaluation.objects.filter(pk__in=shortlisted).update(state=EvaluationState.SHORTLISTED,
                                                             decision=Decision.WAITLISTED)
        Evaluation.objects.filter(pk__in=selected).update(decision=Decision.SELECTED)

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
        call = self.measured.pk
        return [
            ("minimal view", self.manager, "/bench/minimal/"),
            ("base.html only", self.manager, "/bench/base/"),
            ("focal point home", self.focal, "/eoi/"),
            ("EOI detail", self.focal, f"/eoi/{self.draft.pk}/"),
            ("EOI edit form", self.focal, f"/eoi/{self.draft.pk}/edit/"),
            ("staff EOI list", self.manager, f"/eoi/manage/{call}/eois/"),
            ("ranking", self.manager, f"/evaluation/calls/{call}/ranking/"),
            ("review form", self.facilitators[0], f"/evaluation/eois/{evaluation.pk}/"),
            ("shortlist", self.manager, f"/evaluation/calls/{call}/shortlist/"),
            ("decisions", self.manager, f"/evaluation/calls/{call}/decisions/"),
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


def query_count(user, url, show=False):
    """(queries, page weight) of a request for `url` (after one request, which
    creates the session's CSRF token and the like)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(user)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if show:
        print(f"\n{url}: {len(queries)} queries")
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


def requests_per_second(user, url):
    """Requests/s of `url`, one request after the other (each one uncached: DummyCache)."""
    client = client_for(user)
    for _ in range(2):
        assert client.get(url).status_code == 200
    count, spent = 0, 0.0
    while spent < ARGS.seconds or count < 5:
        started = time.perf_counter()
        client.get(url)
        spent += time.perf_counter() - started
        count += 1
    return count / spent


def measure(pages):
    """{page: [its requests/s over the round's minimal view, per round]}, {page: [req/s]}.
    A round: the minimal view, every page, the minimal view again."""
    minimal_user, minimal_url = pages[0][1], pages[0][2]
    ratios, rates = {name: [] for name, _, _ in pages}, {name: [] for name, _, _ in pages}
    for _ in range(ARGS.rounds):
        before = requests_per_second(minimal_user, minimal_url)
        round_rates = {name: requests_per_second(user, url) for name, user, url in pages[1:]}
        after = requests_per_second(minimal_user, minimal_url)
        round_rates["minimal view"] = (before + after) / 2
        for name, rate in round_rates.items():
            rates[name].append(rate)
            ratios[name].append(rate / round_rates["minimal view"])
    return ratios, rates


def verdict(name, ratio):
    if name not in PEERS:
        return ""
    peer, low, high = PEERS[name]
    word = "ahead" if ratio > high else "behind" if ratio < low else "level"
    span = f"{low:.1%}" if low == high else f"{low:.1%}–{high:.1%}"
    return f"{span:>10}  {word:6} ({peer})"


def report(pages, few, many, ratios, rates):
    print(f"\nDjango test Client in-process, PostgreSQL, production settings, no cache (DummyCache); "
          f"{ARGS.rounds} rounds × {ARGS.seconds:g} s per page; medians of the rounds.")
    print(f"Targets: ≤ 10 queries (review form ≤ 12), the same with 10 and 1,000 EOIs. "
          f"pretalx: {PEER_SOURCE}.")
    print(f"{'page':17} {'req/s':>7} {'ms':>6} {'ratio':>6} {'queries (10 EOIs)':>18} {f'({ARGS.eois:,})':>8} {'KB*':>6}  "
          f"{'pretalx':>10}  verdict")
    for name, _, _ in pages:
        rate, ratio = statistics.median(rates[name]), statistics.median(ratios[name])
        target, flags = QUERY_TARGETS.get(name, 10), []
        if name != "minimal view" and many[name][0] > target:
            flags.append(f"QUERIES > {target}")
        if many[name][0] != few[name][0]:
            flags.append("QUERIES GROW WITH THE DATA")
        print(f"{name:17} {rate:7.1f} {1000 / rate:6.1f} {ratio:6.1%} {few[name][0]:18} {many[name][0]:8} "
              f"{many[name][1] / 1024:6.1f}  {verdict(name, ratio) or '—':>10}  {' '.join(flags)}")
    print(f"* page weight with {ARGS.eois:,} EOIs: HTML + CSS + JS, uncompressed (target < 150 KB)")
    print("per round, req/s: " + "; ".join(f"{name}: " + ", ".join(f"{r:.0f}" for r in rates[name]) for name in rates))


def main():
    setup_django(ARGS.database, VAR_DIR, "benchmarks.bench_settings")
    with migrated_database(ARGS.database, VAR_DIR):
        started = time.perf_counter()
        world = World()
        reviews = world.add_to_measured(10)
        pages = world.pages()
        few = {name: query_count(user, url, show=ARGS.show_queries) for name, user, url in pages}
        if ARGS.show_queries:
            return
        print(f"small world: {world.eois} EOIs, {reviews} reviews (measured call: 10 EOIs)")
        reviews += world.add_to_measured(190)
        reviews += world.add_other_calls(ARGS.eois)
        analyze()
        print(f"large world: {world.eois} EOIs, {reviews} reviews (measured call: 200 EOIs × "
              f"{ARGS.reviews_per_eoi} reviews); seeded in {time.perf_counter() - started:.0f} s")
        many = {name: query_count(user, url) for name, user, url in pages}
        if ARGS.profile:
            name, user, url = next(page for page in pages if page[0] == ARGS.profile)
            return profile(user, url)
        ratios, rates = measure(pages)
        report(pages, few, many, ratios, rates)


if __name__ == "__main__":
    main()
