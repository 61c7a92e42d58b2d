"""Demo data: a steering-group meeting today and, on its agenda, an expression of
interest from Bénin written in French (so the steering login can record a decision
at once, and the outbox shows a confirmation in French)."""

from django.utils import timezone

from accounts.models import User
from countries.enums import MembershipLevel
from countries.models import Country

from .enums import ApplicationState, MeetingState
from .models import MembershipApplication, SteeringMeeting
from .services import application_submit, meeting_schedule

BENIN = {
    "country_code": "BJ",
    "region": "africa",
    "institution": "Ministère de la Santé – Agence nationale de la protection sociale",
    "contact_name": "Rodrigue Houngbédji",
    "contact_position": "Directeur de l'assurance maladie",
    "contact_email": "rodrigue.houngbedji@example.org",
    "language": "fr",
    "commitment": (
        "Le Bénin déploie l'Assurance pour le renforcement du capital humain (ARCH) : assurance maladie, "
        "formation, crédit et retraite pour les plus pauvres, avec la gratuité ciblée des soins."
    ),
    "motivation": (
        "Apprendre des pays qui ont étendu l'assurance maladie au secteur informel et partager nos choix "
        "de ciblage des ménages pauvres."
    ),
    "expected_contribution": (
        "Une étude de cas sur le ciblage de l'ARCH, la participation active aux webinaires et la mise en "
        "place d'un groupe central national."
    ),
}


def load():
    """Idempotent: nothing is added if a meeting is already scheduled or Bénin already applied."""
    manager = User.objects.get(email="manager@example.org")
    if not SteeringMeeting.objects.filter(state=MeetingState.SCHEDULED).exists():
        meeting_schedule(date=timezone.localdate(), place="Nairobi", online=True, by=manager)
    benin = Country.objects.filter(code="BJ").first()
    already = MembershipApplication.objects.filter(
        country__code="BJ", state__in=ApplicationState.OPEN
    ).exists()
    if not already and (benin is None or benin.membership_level == MembershipLevel.NONE):
        application_submit(**BENIN)
