"""Demo data for the evaluation: the criteria of the seeded 2023 call and of the
demo call, and, on the (closed) 2023 call, a dozen submitted EOIs under review
with assignments, a conflict of interest, reviews, clarification requests —
so that the ranking, shortlist and decision pages have something to show.
Runs after eoi.demo.load(); safe to run twice."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from accounts.models import User
from countries.models import Country
from eoi.demo import DEMO_SLUG, SEED_SLUG
from eoi.enums import EOIStatus, Level, ProfileLevel, QuestionKind
from eoi.models import Answer, Call, ExpressionOfInterest, TeamMember
from eoi.services.confirmations import confirmation_answer, confirmation_request

from . import services
from .enums import AssignmentMode
from .models import Evaluation

# (country, team size, quality 0–5 the reviewers roughly agree on, a reviewer who disagrees)
APPLICANTS = [
    ("KE", 5, 4, False), ("GH", 4, 4, False), ("NG", 5, 3, True), ("SN", 4, 5, False), ("ML", 4, 3, False),
    ("VN", 5, 4, False), ("ID", 4, 2, False), ("PH", 5, 3, False), ("ET", 4, 4, False), ("MN", 4, 2, False),
    ("LA", 5, 3, False), ("BF", 4, 3, False),
]
SUBMITTED_AT = datetime(2023, 12, 12, 10, 0, tzinfo=ZoneInfo("Africa/Nairobi"))
MEMBER_NAMES = ["A. Mensah", "B. Ouédraogo", "C. Nguyen", "D. Santos", "E. Kamau"]
# How the members of two teams answered their request (issue 17), by slot: (confirmed, needs French
# interpretation); None = not answered yet. Ghana: 3 of 4 confirmed; Senegal: one declined.
MEMBER_ANSWERS = {
    "GH": [(True, False), (True, False), (True, False), None],
    "SN": [(True, True), (True, True), (False, False), (True, False)],
}


def load():
    seed = Call.objects.filter(slug=SEED_SLUG).first()
    for call in Call.objects.filter(slug__in=[SEED_SLUG, DEMO_SLUG]):
        services.criteria_load_file(call=call)
    if seed is None or Evaluation.objects.filter(eoi__call=seed).exists():
        return
    manager = User.objects.get(email="manager@example.org")
    daniel = User.objects.get(email="facilitator@example.org")
    claire = User.objects.get(email="facilitator2@example.org")
    countries = {c.code.code: c for c in Country.objects.filter(code__in=[code for code, *_ in APPLICANTS])}
    for code, size, _quality, _disagrees in APPLICANTS:
        if code in countries:
            eoi = _submitted_eoi(seed, countries[code], size)
            if code in MEMBER_ANSWERS:
                _members_answer(eoi, MEMBER_ANSWERS[code], by=manager)
    services.conflict_declare(reviewer=claire, country=countries["ML"], reason="Advised Mali's Ministry of Health "
                              "on its PHC financing reform in 2023.", by=claire)
    services.evaluations_start(call=seed, by=manager)
    services.assignments_make(call=seed, reviewers=[daniel, claire], mode=AssignmentMode.ALL, by=manager)
    criteria = list(seed.criteria.order_by("order"))
    for evaluation in Evaluation.objects.filter(eoi__call=seed).select_related("eoi__country", "eoi__call"):
        code = evaluation.eoi.country.code.code
        quality, disagrees = next((q, d) for c, _s, q, d in APPLICANTS if c == code)
        for index, reviewer in enumerate([daniel, claire]):
            if reviewer == claire and code in ("ML", "MN"):
                continue  # Claire is in conflict with Mali and has not reviewed Mongolia yet
            entries = {}
            for number, criterion in enumerate(criteria):
                score = quality + ((number + 2 * index + len(code)) % 3) - 1
                if index == 1 and number == 0:
                    score -= 1  # Claire is a little harsher on reforms
                if disagrees and reviewer == claire:
                    score = 1
                entries[criterion.pk] = (max(0, min(5, score)), _comment(score))
            services.review_save(evaluation=evaluation, reviewer=reviewer, entries=entries,
                                 submit=not (code == "PH" and reviewer == claire))
    _clarifications(seed, daniel)


def _comment(score):
    if score >= 4:
        return "Concrete, well-documented reforms with a clear lead institution."
    if score >= 3:
        return "Relevant, but the status of the reforms is only partly described."
    return "Mostly intentions; little on the content or progress of the reforms."


def _submitted_eoi(call, country, size):
    eoi, _created = ExpressionOfInterest.objects.get_or_create(call=call, country=country)
    for question in call.questions.filter(kind=QuestionKind.TEXT):
        Answer.objects.update_or_create(eoi=eoi, question=question, defaults={"text": (
            f"{country.name}: primary health care facilities receive their budgets late and have little autonomy "
            "to manage them; the national reform of provider payment makes this a priority for the coming years."
        )})
    profiles = list(call.profiles.order_by("number"))
    for slot in range(1, size + 1):
        profile = profiles[(slot - 1) % len(profiles)]
        TeamMember.objects.update_or_create(eoi=eoi, slot=slot, defaults=dict(
            name=MEMBER_NAMES[slot - 1], position="Director", organisation=f"Institution {slot} of {country.name}",
            level=Level.SUBNATIONAL if profile.level == ProfileLevel.SUBNATIONAL else Level.NATIONAL,
            profile=profile, gender="female" if slot % 2 else "male", email=f"member{slot}.{country.code}@example.org",
            why_role_matters="Leads the reform of PHC financing in their institution.", commits_to_meetings=True,
        ))
    eoi.contact_name, eoi.contact_position = MEMBER_NAMES[0], "Coordinator"
    eoi.contact_email = f"contact.{country.code}@example.org"
    eoi.status, eoi.submitted_at, eoi.submission_number, eoi.problem_count = EOIStatus.SUBMITTED, SUBMITTED_AT, 1, 0
    eoi.save()
    return eoi


def _members_answer(eoi, answers, *, by):
    """Ask the members as a submission does, then answer for them, a day after the submission
    (the seeded call's links have long expired: the service is told the moment)."""
    for member, answer in zip(eoi.team_members.order_by("slot"), answers):
        confirmation = confirmation_request(member=member, by=by, now=SUBMITTED_AT,
                                            dedupe_key=f"member-request-{member.pk}-{eoi.submission_number}")
        if answer is not None:
            confirmed, interpretation = answer
            confirmation_answer(confirmation=confirmation, confirmed=confirmed, consent=confirmed,
                                needs_interpretation=interpretation, now=SUBMITTED_AT + timedelta(days=1))


def _clarifications(call, facilitator):
    by_code = {e.eoi.country.code.code: e for e in Evaluation.objects.filter(eoi__call=call).select_related(
        "eoi__country", "eoi__call__evaluation_settings")}
    if "SN" in by_code:
        services.clarification_ask(
            evaluation=by_code["SN"], by=facilitator,
            question="Which regions does the pilot of direct facility financing cover, and since when?",
            base_url=settings.PORTAL_URL,  # mails made here have no request to take the address from
        )
    if "GH" in by_code:
        request = services.clarification_ask(
            evaluation=by_code["GH"], by=facilitator,
            question="Is the member from the National Health Insurance Authority confirmed?",
            base_url=settings.PORTAL_URL,
        )
        focal = User.objects.filter(email="focal.gh@example.org").first()
        if focal is not None:
            services.clarification_answer(clarification=request, answer="Yes, her director confirmed it in writing.",
                                          by=focal, base_url=settings.PORTAL_URL)
