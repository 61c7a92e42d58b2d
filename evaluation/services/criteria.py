"""Criteria of a call (loaded from the call's published data) and the call's evaluation settings."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ..models import Criterion, EvaluationSettings, RubricLevel, SelectionFactor
from .errors import AlreadyFinal, NotAllowed

CALL_2023_PATH = Path(__file__).resolve().parent.parent.parent / "eoi" / "data" / "call_phc_2023.json"

SETTINGS_FIELDS = (
    "hide_scores_until_submitted", "disagreement_threshold", "min_regions", "max_per_region",
    "min_french_teams", "min_english_teams", "review_deadline",
)


def evaluation_settings_for(call):
    """The call's evaluation settings, created with the defaults the first time."""
    settings, _created = EvaluationSettings.objects.get_or_create(call=call)
    return settings


@transaction.atomic
def evaluation_settings_save(*, settings, by, **values):
    """Change the call's settings (not once the decisions are final); only changed fields are saved."""
    original = settings
    settings = EvaluationSettings.objects.select_for_update().get(pk=settings.pk)  # a form may have altered ours
    if settings.is_final:
        raise AlreadyFinal
    changed = [name for name in SETTINGS_FIELDS if name in values and getattr(settings, name) != values[name]]
    for name in changed:
        setattr(settings, name, values[name])
    if changed:
        settings.full_clean()
        settings._history_user = by
        settings.save(update_fields=changed)
        for name in changed:  # the rules read the settings from the caller's objects (evaluation.eoi.call)
            setattr(original, name, getattr(settings, name))
    return settings


def _scale(data):
    levels = sorted(int(score) for score in data.get("rubric", {})) or [0, 5]
    return data.get("scale_min", levels[0]), data.get("scale_max", levels[-1])


@transaction.atomic
def criteria_load(*, call, criteria, selection_factors=()):
    """Create or update a call's criteria (with their rubric) and selection
    factors from the published data, in its JSON shape: `key`, `name` and
    `guidance` as {"en", "fr"}, `weight`, `rubric` as {score: {"en", "fr"}}.
    Loading twice changes nothing. A criterion's scale cannot change once it
    has been scored; once the call's decisions are final nothing changes (the
    same data again is accepted, and writes nothing)."""
    if EvaluationSettings.objects.filter(call=call, finalised_at__isnull=False).exists():
        existing = {c.key: c for c in Criterion.objects.filter(call=call)}
        for data in criteria:
            criterion = existing.get(data["key"])
            if criterion is None or (criterion.scale_min, criterion.scale_max, criterion.weight) != (
                *_scale(data), Decimal(str(data.get("weight", 1)))
            ):
                raise AlreadyFinal
        return call.criteria.all()
    for order, data in enumerate(criteria, start=1):
        scale_min, scale_max = _scale(data)
        existing = Criterion.objects.filter(call=call, key=data["key"]).first()
        if existing and (existing.scale_min, existing.scale_max) != (scale_min, scale_max) and existing.scores.exists():
            raise NotAllowed(f"criterion {data['key']!r} has been scored; its scale cannot change")
        criterion, _created = Criterion.objects.update_or_create(
            call=call, key=data["key"],
            defaults={
                "order": order, "scale_min": scale_min, "scale_max": scale_max,
                "weight": Decimal(str(data.get("weight", 1))),
                "name_en": data["name"]["en"], "name_fr": data["name"]["fr"],
                "guidance_en": data.get("guidance", {}).get("en", ""),
                "guidance_fr": data.get("guidance", {}).get("fr", ""),
            },
        )
        criterion.full_clean()
        for score, text in data.get("rubric", {}).items():
            RubricLevel.objects.update_or_create(
                criterion=criterion, score=int(score),
                defaults={"description_en": text["en"], "description_fr": text["fr"]},
            )
    for order, data in enumerate(selection_factors, start=1):
        SelectionFactor.objects.update_or_create(
            call=call, key=data["key"],
            defaults={
                "order": order, "name_en": data["name"]["en"], "name_fr": data["name"]["fr"],
                "guidance_en": data.get("guidance", {}).get("en", ""),
                "guidance_fr": data.get("guidance", {}).get("fr", ""),
            },
        )
    evaluation_settings_for(call)
    return call.criteria.all()


def criteria_load_file(*, call, path=CALL_2023_PATH):
    """Load the criteria and selection factors of a call's published JSON file."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return criteria_load(call=call, criteria=data["criteria"], selection_factors=data.get("selection_factors", ()))


def review_start_time(settings):
    if settings.review_started_at is None:
        settings.review_started_at = timezone.now()
        settings.save(update_fields=["review_started_at"])
