from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from countries.tests.factories import CountryFactory
from eoi.enums import CallState, Level, ProfileLevel, QuestionKind
from eoi.models import Answer, Call, ExpressionOfInterest, Meeting, ParticipantProfile, Question, TeamMember


class CallFactory(factory.django.DjangoModelFactory):
    """A published call open now, with its deadline three weeks ahead."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"call-{n}")
    state = CallState.PUBLISHED
    title_en = factory.Sequence(lambda n: f"Collaborative {n}")
    title_fr = factory.Sequence(lambda n: f"Projet collaboratif {n}")
    summary_en = "A learning collaborative."
    summary_fr = "Un projet collaboratif d'apprentissage."
    opening_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    deadline = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=21)).replace(microsecond=0))
    time_zone = "Africa/Nairobi"
    feedback_date = factory.LazyAttribute(lambda o: o.deadline.date() + timedelta(days=28))
    eligible_membership_levels = factory.LazyFunction(lambda: ["full", "associate"])
    alternative_submission_email = "calls@example.org"
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def with_questionnaire(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        add_questionnaire(obj)


def add_questionnaire(call):
    """The shape of the 2023 call: three text questions, the team, the contact; five profiles."""
    for order, (key, kind, limit) in enumerate(
        [("relevance", QuestionKind.TEXT, 400), ("efforts", QuestionKind.TEXT, 400), ("action", QuestionKind.TEXT, 300),
         ("team", QuestionKind.TEAM, 100), ("contact", QuestionKind.CONTACT, None)], start=1,
    ):
        Question.objects.create(
            call=call, key=key, kind=kind, word_limit=limit, order=order,
            prompt_en=f"Question {key}?", prompt_fr=f"Question {key} ?",
        )
    for number, level in enumerate(
        [ProfileLevel.NATIONAL, ProfileLevel.NATIONAL, ProfileLevel.EITHER, ProfileLevel.SUBNATIONAL,
         ProfileLevel.SUBNATIONAL], start=1,
    ):
        ParticipantProfile.objects.create(
            call=call, number=number, level=level,
            organisation_en=f"Organisation {number}", organisation_fr=f"Organisation {number} (fr)",
        )
    Meeting.objects.create(call=call, month=date(2030, 3, 1), label_en="Launch meeting", label_fr="Réunion de lancement")


class EOIFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpressionOfInterest

    call = factory.SubFactory(CallFactory)
    country = factory.SubFactory(CountryFactory)


def fill_complete(eoi, members=4):
    """Give `eoi` everything the completeness check asks for (and nothing over the limits)."""
    for question in eoi.call.questions.filter(kind=QuestionKind.TEXT):
        Answer.objects.update_or_create(eoi=eoi, question=question, defaults={"text": "A short and relevant answer."})
    profiles = list(eoi.call.profiles.order_by("number"))
    genders = ["female", "male"]
    for slot in range(1, members + 1):
        profile = profiles[(slot - 1) % len(profiles)]
        TeamMember.objects.update_or_create(
            eoi=eoi, slot=slot,
            defaults=dict(
                name=f"Member {slot}", position="Director", organisation=f"Institution {slot}",
                level=Level.SUBNATIONAL if profile.level == ProfileLevel.SUBNATIONAL else Level.NATIONAL,
                profile=profile, gender=genders[slot % 2], email=f"member{slot}@example.org",
                why_role_matters="Leads the reform.", commits_to_meetings=True,
            ),
        )
    eoi.contact_name, eoi.contact_position, eoi.contact_email = "Awa Ba", "Coordinator", "awa@example.org"
    eoi.problem_count = 0
    eoi.save()
    return eoi


def aware(value, tz):
    """'2023-12-15 23:59:00' in time zone `tz` → an aware datetime."""
    return datetime.fromisoformat(value).replace(tzinfo=ZoneInfo(tz))
