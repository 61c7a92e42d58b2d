"""Every read a page of the eoi app needs, with its joins and prefetches."""

from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from countries.models import Country
from countries.selectors import sort_by_name

from .completeness import confirmation_problems, find_problems
from .confirmation_models import ConfirmationState, MemberConfirmation
from .composition import team_composition
from .enums import CallState, EOIStatus, QuestionKind
from .models import Answer, Call, ExpressionOfInterest, Question, TeamMember

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


def _team_rows():
    return Prefetch("team_members", queryset=TeamMember.objects.select_related("profile", "confirmation").order_by("slot"))


def _eois_with(questions, *extra):
    return ExpressionOfInterest.objects.select_related(
        "call", "country", "submitted_by", "updated_by", "extension_granted_by"
    ).prefetch_related(*extra, _team_rows(), Prefetch("call__questions", queryset=questions), "call__profiles")


def eoi_with_parts():
    """EOIs with what the edit and review pages read: call, country, answers, team."""
    return _eois_with(Question.objects.order_by("order", "pk"), "answers")


def questions_with_answer(eoi_id):
    """Questions in order, each with EOI `eoi_id`'s answer as `answer_text` (None if not
    answered yet), in the questions' own query: the answers cost no query of their own."""
    answer = Answer.objects.filter(eoi_id=eoi_id, question_id=OuterRef("pk")).values("text")[:1]
    return Question.objects.order_by("order", "pk").annotate(answer_text=Subquery(answer))


def eoi_for_edit(*, pk):
    """EOI `pk` as its edit form reads it: eoi_with_parts, except that the call's questions
    carry this EOI's answer (questions_with_answer) instead of a query of their own for the
    answers. Read them with question_answers()."""
    return _eois_with(questions_with_answer(pk))


def question_answers(eoi):
    """{question id: text} of an EOI read by eoi_for_edit."""
    return {q.pk: q.answer_text for q in eoi.call.questions.all() if q.answer_text is not None}


# --- Completeness and composition of a saved EOI (reads prefetched rows) ---


def eoi_answers(eoi):
    return {answer.question_id: answer.text for answer in eoi.answers.all()}


def eoi_members(eoi):
    """The EOI's filled members (TeamMember.is_filled: the one definition) among its
    prefetched team rows: what every count and list of an EOI's team reads."""
    return [m for m in eoi.team_members.all() if m.is_filled]


def eoi_problems(eoi, *, answers=None, members=None):
    """Everything that stops `eoi` from being submitted, in the active language. `answers`
    ({question id: text}) and `members` (the filled rows) default to the EOI's prefetched ones."""
    call = eoi.call
    return find_problems(
        call=call,
        questions=list(call.questions.all()),
        answers=eoi_answers(eoi) if answers is None else answers,
        members=eoi_members(eoi) if members is None else members,
        contact={"name": eoi.contact_name, "position": eoi.contact_position, "email": eoi.contact_email},
    )


def eoi_confirmation_problems(eoi):
    """The members who stop `eoi` from being submitted while its call requires their
    confirmation (none otherwise), from its prefetched team and their confirmations. Whether
    the rule applies to the person submitting is services.confirmations_apply()."""
    if not eoi.call.confirmations_required:
        return []
    return confirmation_problems(eoi_members(eoi))


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
        .prefetch_related("answers", Prefetch("team_members",
                                              queryset=TeamMember.objects.select_related("confirmation").order_by("slot")))
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
            problems = []
            if eoi is not None and eoi.status in EOIStatus.EDITABLE:  # a focal point's: the call's rule applies
                problems = eoi_problems(eoi) + eoi_confirmation_problems(eoi)
            country_rows.append(HomeRow(call=call, eoi=eoi, problems=problems, is_open=is_open, deadline=deadline,
                                        eligible=eoi is not None or call.accepts(country)))
        rows.append(SimpleNamespace(country=country, rows=country_rows))
    return rows


def call_eoi_list(*, call):
    """A call's EOIs for the staff list and its exports (filtered by eoi.filters.EOIFilter),
    with `member_count`, the number of filled members. The count is a subquery, not a GROUP BY,
    so that a page of the list (LIMIT) and its paginator's COUNT do not aggregate the whole call."""
    members = (
        TeamMember.objects.filled().filter(eoi=OuterRef("pk"))
        .order_by().values("eoi").annotate(n=Count("pk")).values("n")
    )
    return (
        ExpressionOfInterest.objects.filter(call=call)
        .select_related("call", "country", "submitted_by", "evaluation")
        .annotate(member_count=Coalesce(Subquery(members), 0))
        .order_by("country__code")
    )


def call_eoi_counts(*, call):
    """{status: n, "total": n, "complete": n} for a call's EOIs, in one query."""
    aggregates = {status.value: Count("pk", filter=Q(status=status)) for status in EOIStatus}
    aggregates["total"] = Count("pk")
    aggregates["complete"] = Count("pk", filter=Q(problem_count=0))
    return ExpressionOfInterest.objects.filter(call=call).aggregate(**aggregates)


def with_team(eois):
    """`eois` (a filtered queryset) with each team's members and their profiles (one more query)."""
    return eois.prefetch_related(_team_rows())


def eoi_editable_by(*, pk, user):
    """EOI `pk` with its call if `user` may edit it, else None (the 400 page: what was kept)."""
    eoi = ExpressionOfInterest.objects.select_related("call").filter(pk=pk).first()
    return eoi if eoi is not None and user.has_perm("eoi.change_eoi", eoi) else None


def confirmation_summary(members):
    """{"confirmed", "declined", "waiting", "total"} over the filled rows `members` (read with
    their confirmation): what the focal point's page and the review page show ("4 of 5
    confirmed"). A member never asked (no address, or a draft) counts in `total` only."""
    states = [getattr(m, "confirmation", None) and m.confirmation.state for m in members]
    return {
        "confirmed": states.count(ConfirmationState.CONFIRMED), "declined": states.count(ConfirmationState.DECLINED),
        "waiting": states.count(ConfirmationState.WAITING), "total": len(members),
    }


def call_confirmations(*, call):
    """Every member's request in `call` (the manager's list, filtered by
    eoi.filters.ConfirmationFilter), each with its member, profile, EOI and country, in one query;
    by country code, then slot."""
    return (MemberConfirmation.objects.filter(member__eoi__call=call)
            .select_related("member__profile", "member__eoi__country")
            .order_by("member__eoi__country__code", "member__slot"))


def call_confirmation_counts(*, call):
    """{state: n, "total": n, "interpretation": n} over every request of `call`, in one query."""
    aggregates = {state.value: Count("pk", filter=Q(state=state)) for state in ConfirmationState}
    aggregates["total"] = Count("pk")
    aggregates["interpretation"] = Count("pk", filter=Q(state=ConfirmationState.CONFIRMED, needs_interpretation=True))
    return MemberConfirmation.objects.filter(member__eoi__call=call).aggregate(**aggregates)


def call_confirmation_countries(*, call):
    """The countries with at least one member's request in `call`, by name (one query)."""
    return sort_by_name(Country.objects.filter(eois__call=call, eois__team_members__confirmation__isnull=False).distinct())
