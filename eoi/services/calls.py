"""Changes to calls: save, publish, close, clone, and load the seeded calls.

A call file (eoi/data/*.json) holds one call in English and French, its
questionnaire, participant profiles, meetings and evaluation criteria (the
criteria's scoring rubric is read by the evaluation app; here only their
published wording becomes the call's `criteria_text`).
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import CALL_TRANSITIONS, CallState
from ..models import Call, Meeting, ParticipantProfile, Question

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SEEDED_CALLS = [DATA_DIR / "call_phc_2023.json"]
LANGUAGES = ("en", "fr")
TEXT_FIELDS = (
    "title", "summary", "topic_overview", "learning_objectives", "learning_questions", "expected_results",
    "team_expectations", "level_of_effort", "capacity_note", "submission_instructions", "selection_note",
    "criteria_text",
)
NUMBER_FIELDS = ("min_team_size", "max_team_size", "min_teams", "target_teams", "max_participants")
# The sentence that introduces the criteria in the published call (French) and our English.
CRITERIA_INTRO = {
    "en": "Applicant countries must meet the following criteria:",
    "fr": "Les pays candidats doivent répondre aux critères suivants :",
}


class CallNotReady(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _touch(call, by):
    call.updated_at = timezone.now()
    call.updated_by = by


@transaction.atomic
def call_save(*, call, by, parts=()):
    """Save a call (validated) and then its formsets of questions, profiles, meetings."""
    _touch(call, by)
    call.full_clean()
    call.save()
    for formset in parts:
        formset.instance = call
        formset.save()
    return call


def _publish_problems(call):
    problems = []
    if not call.questions.exists():
        problems.append(_("Add at least one question before publishing."))
    if not call.profiles.exists():
        problems.append(_("Add the participant profiles before publishing."))
    if not (call.title_en and call.title_fr):
        problems.append(_("Give the title in English and in French before publishing."))
    return problems


def _transition(call, target, by):
    if target not in CALL_TRANSITIONS[CallState(call.state)]:
        raise CallNotReady(
            [_("A call that is “%(current)s” cannot become “%(target)s”.")
             % {"current": CallState(call.state).label, "target": CallState(target).label}]
        )
    call.state = target
    _touch(call, by)


@transaction.atomic
def call_publish(*, call, by):
    problems = _publish_problems(call)
    if problems:
        raise CallNotReady(problems)
    _transition(call, CallState.PUBLISHED, by)
    call.published_at = call.published_at or timezone.now()
    call.save(update_fields=["state", "published_at", "updated_at", "updated_by"])
    return call


@transaction.atomic
def call_close(*, call, by):
    """No more submissions or changes, whatever the deadline says."""
    _transition(call, CallState.CLOSED, by)
    call.closed_at = timezone.now()
    call.save(update_fields=["state", "closed_at", "updated_at", "updated_by"])
    return call


def _free_slug(base):
    slug, n = base[:70], 2
    while Call.objects.filter(slug=slug).exists():
        slug, n = f"{base[:70]}-{n}", n + 1
    return slug


@transaction.atomic
def call_clone(*, call, by):
    """A draft copy of `call` with its questions, profiles and meetings (and criteria text)."""
    copy = Call.objects.get(pk=call.pk)
    copy.pk = None
    copy.slug = _free_slug(f"{call.slug}-copy")
    copy.state = CallState.DRAFT
    copy.title_en = f"Copy of {call.title_en}"[:300]
    copy.title_fr = f"Copie de {call.title_fr}"[:300]
    copy.published_at = copy.closed_at = None
    copy.collaborative_ends = None  # a new collaborative
    copy.created_at = timezone.now()
    _touch(copy, by)
    copy.save()
    for model in (Question, ParticipantProfile, Meeting):
        for part in model.objects.filter(call=call).order_by("pk"):
            part.pk = None
            part.call = copy
            part.save()
    return copy


# --- Loading seeded calls from JSON ---


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


def _bilingual(name, value):
    return {f"{name}_{lang}": (value or {}).get(lang, "") for lang in LANGUAGES}


def _criteria_text(criteria):
    return {
        lang: "\n".join([CRITERIA_INTRO[lang], *[f"- {c['name'][lang]}" for c in criteria]])
        for lang in LANGUAGES
    } if criteria else {}


def call_values(data):
    """The Call field values a call file describes."""
    tz = ZoneInfo(data["timezone"])
    deadline = datetime.combine(
        date.fromisoformat(data["deadline_date"]), time.fromisoformat(data["deadline_time"]), tzinfo=tz
    )
    values = {
        "opening_date": date.fromisoformat(data["opening_date"]),
        "deadline": deadline.astimezone(ZoneInfo("UTC")),
        "time_zone": data["timezone"],
        "feedback_date": date.fromisoformat(data["feedback_date"]),
        "eligible_membership_levels": list(data["eligible_membership_levels"]),
        "alternative_submission_email": data.get("alternative_submission_email", ""),
        **{name: data[name] for name in NUMBER_FIELDS},
    }
    for name in TEXT_FIELDS:
        source = _criteria_text(data.get("criteria", [])) if name == "criteria_text" else data.get(name)
        values.update(_bilingual(name, source))
    return values


def _sync(model, call, key_name, rows):
    """Create or update `rows` ({key: values}) of `model` under `call`; True if anything changed."""
    changed = False
    existing = {getattr(obj, key_name): obj for obj in model.objects.filter(call=call)}
    for key, values in rows.items():
        obj = existing.get(key)
        if obj is None:
            model.objects.create(call=call, **{key_name: key}, **values)
            changed = True
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            changed = True
    return changed


def _parts(data):
    questions = {
        q["key"]: {"kind": q["kind"], "word_limit": q.get("word_limit"), "order": order,
                   **_bilingual("prompt", q["prompt"]), **_bilingual("guidance", q.get("guidance"))}
        for order, q in enumerate(data.get("questions", []), start=1)
    }
    profiles = {
        p["number"]: {"level": p["level"], **_bilingual("organisation", p["organisation"]),
                      **_bilingual("description", p.get("description"))}
        for p in data.get("profiles", [])
    }
    meetings = {
        date.fromisoformat(m["month"] + "-01"): {**_bilingual("label", m["label"]), **_bilingual("place", m.get("place"))}
        for m in data.get("meetings", [])
    }
    return questions, profiles, meetings


@transaction.atomic
def call_load(*, data, now=None):
    """Create or update the call `data` describes (idempotent); returns (call, created, changed).
    A new call is published, or closed when its deadline has passed; the state of
    an existing call is the manager's and is left alone."""
    now = now or timezone.now()
    values = call_values(data)
    call = Call.objects.filter(slug=data["slug"]).first()
    created = call is None
    if created:
        state = CallState.PUBLISHED if values["deadline"] >= now else CallState.CLOSED
        call = Call(slug=data["slug"], state=state, published_at=now, closed_at=None if state == CallState.PUBLISHED else now)
        changed = True
    else:
        changed = any(getattr(call, k) != v for k, v in values.items())
    if changed:
        for k, v in values.items():
            setattr(call, k, v)
        call.full_clean()
        call.save()
    questions, profiles, meetings = _parts(data)
    changed |= _sync(Question, call, "key", questions)
    changed |= _sync(ParticipantProfile, call, "number", profiles)
    changed |= _sync(Meeting, call, "month", meetings)
    if changed and not created:  # `updated_at` versions the call with its questions and profiles
        call.updated_at = timezone.now()
        call.save(update_fields=["updated_at"])
    return call, created, changed


def read_call_file(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def calls_load(*, paths=None, now=None):
    """Load every seeded call file (or `paths`); safe to run twice."""
    report = LoadReport()
    for path in paths or SEEDED_CALLS:
        call, created, changed = call_load(data=read_call_file(path), now=now)
        (report.created if created else report.updated if changed else report.unchanged).append(call.slug)
    return report
