import factory
from django.utils import timezone

from accounts.enums import Role
from accounts.tests.factories import UserFactory
from countries.enums import MembershipLevel
from countries.tests.factories import CountryFactory
from membership.enums import ApplicationState
from membership.models import AgendaItem, MembershipApplication, SteeringMeeting


class ApplicantCountryFactory(CountryFactory):
    code = factory.Iterator(["BJ", "BF", "NE", "TG", "CM", "GN", "TD", "MG", "CD", "HT"])
    working_language = "fr"
    membership_level = MembershipLevel.NONE


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipApplication

    country = factory.SubFactory(ApplicantCountryFactory)
    institution = "Ministère de la Santé"
    contact_name = factory.Faker("name")
    contact_position = "Directeur de la protection sociale"
    contact_email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    language = "fr"
    commitment = "Assurance maladie universelle en cours d'extension."
    motivation = "Apprendre des autres pays."
    expected_contribution = "Une étude de cas."
    state = ApplicationState.PENDING


class SteeringMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringMeeting

    date = factory.LazyFunction(timezone.localdate)
    place = "Nairobi"
    online = True
    scheduled_by = factory.SubFactory(UserFactory, role=Role.MANAGER)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """An application on a meeting's agenda (the application is ON_AGENDA)."""

    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(SteeringMeetingFactory)
    application = factory.SubFactory(MembershipApplicationFactory, state=ApplicationState.ON_AGENDA)
