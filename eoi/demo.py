"""Demo data for the embedded default: the seeded 2023 call (closed) and a demo
call open now, so that the demo focal points can draft and submit."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from countries.models import Country

from .enums import CallState, QuestionKind
from .models import Answer, Call, ExpressionOfInterest, TeamMember
from .services import call_clone, calls_load

SEED_SLUG = "phc-financing-delivery-2023"
DEMO_SLUG = "demo-phc-financing-delivery"
DEMO_ZONE = "Africa/Nairobi"


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
        demo.title_fr = f"Appel de démonstration (ouvert) : {seed.title_fr}"
        demo.summary_en = "A copy of the 2023 call, open now so that the portal can be tried. " + seed.summary_en
        demo.summary_fr = ("Une copie de l'appel de 2023, ouverte maintenant pour essayer le portail. "
                           + seed.summary_fr)
    if demo.state != CallState.PUBLISHED or demo.deadline < now:
        for name, value in _demo_dates(timezone.localdate(now)).items():
            setattr(demo, name, value)
        demo.time_zone = DEMO_ZONE
        demo.state, demo.published_at, demo.closed_at = CallState.PUBLISHED, now, None
    demo.full_clean()
    demo.save()
    _senegal_draft(demo)
    return demo


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
