"""Demo data for the embedded default: the seeded 2023 call (closed) and a demo
call open now, so that the demo focal points can draft and submit."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from accounts.models import User
from countries.models import Country
from jln_portal.moments import date_text

from .enums import CallState, QuestionKind
from .models import Answer, Call, ExpressionOfInterest, TeamMember
from .services import call_clone, calls_load

SEED_SLUG = "phc-financing-delivery-2023"
DEMO_SLUG = "demo-phc-financing-delivery"
DEMO_ZONE = "Africa/Nairobi"
SUMMARY_PREFIX = {
    "en": "A copy of the 2023 call, open now so that the portal can be tried. ",
    "fr": "Une copie de l'appel de 2023, ouverte maintenant pour essayer le portail. ",
}


def _demo_dates(today):
    deadline = datetime.combine(today + timedelta(weeks=6), time(23, 59), tzinfo=ZoneInfo(DEMO_ZONE))
    return {"opening_date": today - timedelta(days=7), "deadline": deadline,
            "feedback_date": deadline.date() + timedelta(weeks=4)}


def load(*, now=None):
    now = now or timezone.now()
    calls_load(now=now)
    demo = Call.objects.filter(slug=DEMO_SLUG).first()
    if demo is None:
        seed = Call.objects.get(slug=SEED_SLUG)
        demo = call_clone(call=seed, by=None)
        demo.slug = DEMO_SLUG
        demo.title_en = f"Demo call (open now): {seed.title_en}"
        demo.title_fr = f"Appel de démonstration (ouvert)\u00a0: {seed.title_fr}"
    if demo.state != CallState.PUBLISHED or demo.deadline < now:
        for name, value in _demo_dates(timezone.localdate(now)).items():
            setattr(demo, name, value)
        demo.time_zone = DEMO_ZONE
        demo.state, demo.published_at, demo.closed_at = CallState.PUBLISHED, now, None
    seed = Call.objects.get(slug=SEED_SLUG)
    _redate(demo, seed)
    demo.full_clean()
    demo.save()
    _senegal_draft(demo)
    return demo


def _seed_dates(language):
    """{the seed's words for its deadline and feedback date: the demo's} in `language`."""
    if language == "fr":
        return [("avant la fin de la semaine du 8 janvier 2024", "au plus tard le {feedback}"),
                ("15 décembre 2023", "{deadline}")]
    return [("by the end of the week of 8 January 2024", "by {feedback}"), ("15 December 2023", "{deadline}")]


def _redate(demo, seed):
    """The demo call's texts, made from the seed's, give the demo's own deadline and feedback
    date, not the 2023 ones (the page showed both)."""
    for language in ("en", "fr"):
        with translation.override(language):
            dates = {"deadline": date_text(demo.local_deadline), "feedback": date_text(demo.feedback_date)}
        pairs = _seed_dates(language)

        def redate(text):
            for old, new in pairs:
                text = text.replace(old, new.format(**dates))
            return text

        for field in ("summary", "topic_overview", "submission_instructions"):
            prefix = SUMMARY_PREFIX[language] if field == "summary" else ""
            setattr(demo, f"{field}_{language}", prefix + redate(getattr(seed, f"{field}_{language}")))
        guidance = {q.key: getattr(q, f"guidance_{language}") for q in seed.questions.all()}
        for question in demo.questions.all():
            text = redate(guidance.get(question.key, getattr(question, f"guidance_{language}")))
            if text != getattr(question, f"guidance_{language}"):
                setattr(question, f"guidance_{language}", text)
                question.save(update_fields=[f"guidance_{language}"])


def _senegal_draft(call):
    """A French draft begun by Senegal's focal point: something to continue."""
    senegal = Country.objects.filter(code="SN").first()
    focal = User.objects.filter(email="focal.sn@example.org").first()
    if senegal is None or focal is None or ExpressionOfInterest.objects.filter(call=call, country=senegal).exists():
        return
    eoi = ExpressionOfInterest.objects.create(call=call, country=senegal, created_by=focal, updated_by=focal, problem_count=1)
    relevance = call.questions.get(key="relevance", kind=QuestionKind.TEXT)
    Answer.objects.create(eoi=eoi, question=relevance, text=(
        "Au Sénégal, les structures de soins de santé primaires reçoivent leurs crédits avec retard et disposent "
        "de peu d'autonomie pour les gérer ; la réforme de la Couverture sanitaire universelle en fait une priorité."
    ))
    profile = call.profiles.get(number=1)
    TeamMember.objects.create(
        eoi=eoi, slot=1, name="Aminata Diallo", position="Directrice de la planification",
        organisation="Ministère de la Santé et de l'Action sociale", level="national", profile=profile,
        gender="female", email="aminata.diallo@example.org", commits_to_meetings=True,
        why_role_matters="Elle pilote la planification et le budget des soins de santé primaires.",
    )
