"""Factories and helpers for the evaluation's tests: a closed call with criteria,
submitted EOIs put under review, facilitators assigned, reviews with scores."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.enums import Role
from accounts.tests.factories import UserFactory
from countries.tests.factories import CountryFactory
from eoi.enums import EOIStatus
from eoi.tests.factories import CallFactory, EOIFactory, fill_complete
from evaluation import services
from evaluation.models import Criterion, RubricLevel


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    key = factory.Sequence(lambda n: f"criterion-{n}")
    order = factory.Sequence(int)
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    name_fr = factory.Sequence(lambda n: f"Critère {n}")
    guidance_en = "Look at the answers."
    guidance_fr = "Examinez les réponses."
    scale_min = 0
    scale_max = 5
    weight = Decimal("1")


def facilitator(**fields):
    return UserFactory(role=Role.FACILITATOR, **fields)


def manager(**fields):
    return UserFactory(role=Role.MANAGER, **fields)


def call_with_criteria(weights=(1, 1, 1), **fields):
    """A call with the 2023 questionnaire and criteria of the given weights, each with a 0–5 rubric."""
    call = CallFactory(**fields)
    for number, weight in enumerate(weights, start=1):
        criterion = CriterionFactory(call=call, key=f"c{number}", order=number, weight=Decimal(str(weight)))
        for score in criterion.scale:
            RubricLevel.objects.create(criterion=criterion, score=score, description_en=f"Level {score}",
                                       description_fr=f"Niveau {score}")
    services.evaluation_settings_for(call)
    return call


def submitted_eoi(call, country=None, members=4, submitted_at=None):
    """A complete EOI of `country` submitted before the deadline."""
    eoi = EOIFactory(call=call, country=country or CountryFactory())
    fill_complete(eoi, members=members)
    eoi.status = EOIStatus.SUBMITTED
    eoi.submitted_at = submitted_at or min(timezone.now(), call.deadline - timedelta(hours=1))
    eoi.submission_number = 1
    eoi.save()
    return eoi


def under_review(call, countries, by, members=4):
    """Submit an EOI for each country and start the review; returns {country code: evaluation}."""
    for country in countries:
        submitted_eoi(call, country, members=members)
    created = services.evaluations_start(call=call, by=by)
    return {e.eoi.country.code.code: e for e in created}


def review(evaluation, reviewer, scores, *, submit=True, comment="Clear and relevant."):
    """Assign `reviewer` (if needed) and save their review: `scores` in criterion order."""
    from evaluation.models import Assignment

    Assignment.objects.get_or_create(evaluation=evaluation, reviewer=reviewer)
    criteria = list(evaluation.eoi.call.criteria.order_by("order", "pk"))
    entries = {c.pk: (value, comment) for c, value in zip(criteria, scores, strict=True)}
    return services.review_save(evaluation=evaluation, reviewer=reviewer, entries=entries, submit=submit)
