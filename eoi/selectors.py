"""Every read a page of the eoi app needs, with its joins and prefetches."""

import functools
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone

from countries.enums import MembershipLevel, Region, WorkingLanguage
from countries.selectors import country_names, sort_by_name
from jln_portal.content_key import RowsText, RowText, compiled_once

from .completeness import find_problems
from .composition import team_composition
from .enums import CallState, Channel, EOIStatus, QuestionKind
from .models import Answer, Call, ExpressionOfInterest, ParticipantProfile, Question, TeamMember

RECENT = timedelta(days=365)


def _call_parts():
    return (
        Prefetch("questions", queryset=Question.objects.order_by("order", "pk")),
        "profiles",
        "meetings",
    )


def open_calls(*, now=None):
    """Published calls taking submissions now, the soonest deadline first."""
    now = now or timezone.now()
    calls = Call.objects.filter(state=CallState.PUBLISHED, deadline__gte=now.replace(microsecond=0)).order_by("deadline")
    return [call for call in calls if call.opens_at <= now]


def public_calls():
    return Call.objects.filter(state__in=CallState.PUBLIC).order_by("-deadline")


def call_with_parts():
    """Calls with their questions, profiles and meetings, for one call's pages."""
    return Call.objects.prefetch_related(*_call_parts())


def manager_calls():
    """Every call with its number of EOIs by status, in one query."""
    return Call.objects.annotate(
        eoi_count=Count("eois"),
        submitted_count=Count("eois", filter=Q(eois__status__in=EOIStatus.RECEIVED)),
    ).order_by("-deadline")


def eoi_with_parts():
    """EOIs with what the edit and review pages read: call, country, answers, team."""
    return ExpressionOfInterest.objects.select_related(
        "call", "country", "submitted_by", "updated_by", "extension_granted_by"
    ).prefetch_related(
        "answers",
        Prefetch("team_members", queryset=TeamMember.objects.select_related("profile").order_by("slot")),
        Prefetch("call__questions", queryset=Question.objects.order_by("order", "pk")),
        "call__profiles",
    )


def questions_with_answer(eoi_id):
    """Questions in order, each with EOI `eoi_id`'s answer as `answer_text` (None if not
    answered yet), in the questions' own query: the answers cost no query of their own."""
    answer = Answer.objects.filter(eoi_id=eoi_id, question_id=OuterRef("pk")).values("text")[:1]
    return Question.objects.order_by("order", "pk").annotate(answer_text=Subquery(answer))


def eoi_for_edit(*, pk):
    """EOI `pk` as its edit form reads it: eoi_with_parts, except that the call's questions
    carry this EOI's answer (questions_with_answer), so the page stays at ≤ 10 queries.
    Read them with question_answers()."""
    return ExpressionOfInterest.objects.select_related(
        "call", "country", "submitted_by", "updated_by", "extension_granted_by"
    ).prefetch_related(
        Prefetch("team_members", queryset=TeamMember.objects.select_related("profile").order_by("slot")),
        Prefetch("call__questions", queryset=questions_with_answer(pk)),
        "call__profiles",
    )


def eois_for_edit_form():
    """EOIs with their call and country, and what the edit form's fields and team panel show
    as text (jln_portal.content_key), in the EOI's own query: `questions_text` (the call's
    questions with this EOI's answers), `profiles_text` (the call's participant profiles)
    and `team_text` (the EOI's team rows), every column of each row. They are the form's
    cache key, which changes with any of them, whatever path changed it (a save, the
    admin's inlines). eoi_edit_parts() reads the rows themselves when the form is built."""
    return _eois_for_edit_form().all()


@functools.cache
def _eois_for_edit_form():
    """Built and compiled once per process (≈ 1 ms of Python for its subqueries); never
    evaluated itself."""
    answer = Answer.objects.filter(eoi_id=OuterRef(OuterRef("pk")), question_id=OuterRef("pk")).values("text")[:1]
    return compiled_once(
        ExpressionOfInterest.objects.select_related("call", "country"),
        questions_text=_rows_text(Question.objects.filter(call=OuterRef("call_id")), "call", Subquery(answer)),
        profiles_text=_rows_text(ParticipantProfile.objects.filter(call=OuterRef("call_id")), "call"),
        team_text=_rows_text(TeamMember.objects.filter(eoi=OuterRef("pk")), "eoi"),
    )


def _rows_text(rows, parent, *extra):
    """Every column (and `extra`) of `rows`, one parent's rows, as one text: a subquery."""
    columns = [field.attname for field in rows.model._meta.concrete_fields]
    return Subquery(rows.order_by().values(parent).annotate(text=RowsText(RowText(*columns, *extra))).values("text"))


def eoi_edit_parts(eoi):
    """Read the rows an EOI of eois_for_edit_form needs for its form: the call's questions
    with this EOI's answer (question_answers), its profiles, the team (three queries)."""
    prefetch_related_objects(
        [eoi],
        Prefetch("team_members", queryset=TeamMember.objects.select_related("profile").order_by("slot")),
        Prefetch("call__questions", queryset=questions_with_answer(eoi.pk)),
        "call__profiles",
    )
    return eoi


def question_answers(eoi):
    """{question id: text} of an EOI read by eoi_for_edit."""
    return {q.pk: q.answer_text for q in eoi.call.questions.all() if q.answer_text is not None}


# --- Completeness and composition of a saved EOI (reads prefetched rows) ---


def eoi_answers(eoi):
    return {answer.question_id: answer.text for answer in eoi.answers.all()}


def eoi_members(eoi):
    """The filled team rows (a row with nothing typed is not a member)."""
    return [m for m in eoi.team_members.all() if member_is_filled(m)]


def member_is_filled(member):
    return any(
        getattr(member, field)
        for field in ("name", "position", "organisation", "level", "profile_id", "gender", "email", "why_role_matters")
    ) or member.commits_to_meetings


def eoi_problems(eoi):
    """Everything that stops `eoi` from being submitted, in the active language."""
    call = eoi.call
    return find_problems(
        call=call,
        questions=list(call.questions.all()),
        answers=eoi_answers(eoi),
        members=eoi_members(eoi),
        contact={"name": eoi.contact_name, "position": eoi.contact_position, "email": eoi.contact_email},
    )


def eoi_composition(eoi, members=None):
    profiles = [(p.pk, p.number) for p in eoi.call.profiles.all()]
    return team_composition(eoi_members(eoi) if members is None else members, profiles)


def text_questions(call):
    return [q for q in call.questions.all() if q.kind == QuestionKind.TEXT]


# --- Lists ---


@dataclass
class HomeRow:
    call: Call
    eoi: ExpressionOfInterest | None
    problems: list
    is_open: bool
    deadline: object
    eligible: bool


def focal_point_home(*, user, now=None):
    """[(country, [HomeRow …])] for each of the user's countries: the calls open now
    or recently closed, and every call the country has an EOI in. A constant
    number of queries however many countries, calls and EOIs there are."""
    now = now or timezone.now()
    countries = sort_by_name(user.focal_countries.all())
    country_ids = [c.pk for c in countries]
    eois = list(
        ExpressionOfInterest.objects.filter(country_id__in=country_ids)
        .exclude(call__state=CallState.DRAFT)
        .select_related("evaluation")  # the status badge shows the final decision (evaluation app)
        .prefetch_related("answers", Prefetch("team_members", queryset=TeamMember.objects.order_by("slot")))
    )
    calls = list(
        call_with_parts()
        .filter(state__in=CallState.PUBLIC)
        .filter(Q(deadline__gte=now - RECENT) | Q(eois__country_id__in=country_ids))
        .distinct()
        .order_by("-deadline")
    )
    by_key = {(e.call_id, e.country_id): e for e in eois}
    rows = []
    for country in countries:
        country_rows = []
        for call in calls:
            eoi = by_key.get((call.pk, country.pk))
            if eoi is not None:
                eoi.call = call  # the call with its prefetched parts
                deadline = eoi.effective_deadline
            else:
                deadline = call.deadline
            is_open = call.state == CallState.PUBLISHED and call.opens_at <= now and now.replace(microsecond=0) <= deadline
            if eoi is None and not is_open:
                continue
            problems = eoi_problems(eoi) if eoi is not None and eoi.status in EOIStatus.EDITABLE else []
            country_rows.append(HomeRow(call=call, eoi=eoi, problems=problems, is_open=is_open, deadline=deadline,
                                        eligible=eoi is not None or call.accepts(country)))
        rows.append(SimpleNamespace(country=country, rows=country_rows))
    return rows


def call_eoi_list(*, call):
    """A call's EOIs for the staff list and its exports (filtered by eoi.filters.EOIFilter),
    with `member_count` and `country_code` (the code as a plain string: no django-countries
    object per row). The member count is a subquery, not a GROUP BY, so that a page of the
    list (LIMIT) and its paginator's COUNT do not aggregate the whole call."""
    return (
        ExpressionOfInterest.objects.filter(call=call)
        .select_related("country", "submitted_by", "evaluation")
        .annotate(member_count=_member_count(), country_code=F("country__code"))
        .order_by("country__code")
    )


def _member_count():
    """The number of named team members of the EOI of the outer query (a subquery)."""
    members = (
        TeamMember.objects.filter(eoi=OuterRef("pk")).exclude(name="")
        .order_by().values("eoi").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(members), 0)


LIST_ROW_FIELDS = (
    "pk", "status", "channel", "problem_count", "submitted_at", "deadline_extended_to",
    "country__code", "country__region", "country__working_language", "country__membership_level",
    "evaluation__state",
)


def call_eoi_page(eois):
    """One page's rows of the staff list (`eois`: call_eoi_list, filtered): only what a row
    shows (eoi_list_tags.eoi_list_rows), not every column of four tables."""
    return eois.select_related(None).select_related("country", "evaluation").only(*LIST_ROW_FIELDS)


def eoi_list_labels():
    """{"names": {code: name}, "regions", "languages", "levels", "channels": {value: label}} in
    the active language, for the staff list: a dictionary look-up per cell instead of
    django-countries' and get_FOO_display()'s work on every row. Plain strings: a lazy label
    would be translated again in every cell."""
    def labels(choices):
        return {value: str(label) for value, label in choices}

    return {
        "names": country_names(),
        "regions": labels(Region.choices),
        "languages": labels(WorkingLanguage.choices),
        "levels": labels(MembershipLevel.choices),
        "channels": labels(Channel.choices),
    }


def call_eoi_counts(*, call, shown=None):
    """{status: n, "total": n, "complete": n} for a call, in one query; with `shown` (a
    queryset of the call's EOIs, e.g. the list's filtered ones) also {"shown": n}, its
    number, in the same query: the list's paginator needs no COUNT of its own."""
    aggregates = {status.value: Count("pk", filter=Q(status=status)) for status in EOIStatus}
    aggregates["total"] = Count("pk")
    aggregates["complete"] = Count("pk", filter=Q(problem_count=0))
    if shown is not None:
        aggregates["shown"] = Count("pk", filter=Q(pk__in=shown.values("pk")))
    return ExpressionOfInterest.objects.filter(call=call).aggregate(**aggregates)


def calls_for_eoi_list():
    """Calls as the staff list reads its call: title and time zone, and `eoi_rows`: every
    value the list shows of each of the call's EOIs (its row, its country's, its
    evaluation's state, its number of members) as one text (jln_portal.content_key), in
    the call's own query. It is the list's cache key, which changes with any of them,
    whatever path changed it; None for a call without EOIs."""
    return _calls_for_eoi_list().all()


@functools.cache
def _calls_for_eoi_list():
    """Built and compiled once per process (≈ 0.5 ms of Python for its subquery); never
    evaluated itself."""
    rows = (
        ExpressionOfInterest.objects.filter(call=OuterRef("pk")).order_by().values("call")
        .annotate(text=RowsText(RowText(*LIST_ROW_FIELDS, _member_count()))).values("text")
    )
    return compiled_once(Call.objects.only("pk", "title", "title_en", "title_fr", "time_zone"), eoi_rows=Subquery(rows))


def with_team(eois):
    """`eois` (a filtered queryset) with each team's members and their profiles (one more query)."""
    return eois.prefetch_related(
        Prefetch("team_members", queryset=TeamMember.objects.select_related("profile").order_by("slot"))
    )
