"""Helpers of the report tests: a call with three reviewed EOIs and final decisions, PDF text."""

import io

import pypdf
from django.utils import timezone

from countries.tests.factories import CountryFactory
from evaluation import services
from evaluation.enums import Decision
from evaluation.tests.factories import call_with_criteria, facilitator, review, under_review


def pdf_text(content):
    """The text of every page of a PDF (bytes), joined; also proves the PDF opens."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def decided_call(manager, *, final=True, extra_countries=()):
    """Senegal selected, Ghana waitlisted, Kenya not selected; each reviewed twice."""
    countries = [
        CountryFactory(code="SN", working_language="fr", region="africa"),
        CountryFactory(code="GH", working_language="en", region="africa"),
        CountryFactory(code="KE", working_language="en", region="africa"),
        *extra_countries,
    ]
    call = call_with_criteria(deadline=timezone.now().replace(microsecond=0) + timezone.timedelta(days=2))
    evaluations = under_review(call, countries, manager)
    first, second = facilitator(full_name="Daniel Okafor"), facilitator(full_name="Claire Martin")
    for code, evaluation in evaluations.items():
        review(evaluation, first, [5, 4, 4] if code == "SN" else [3, 3, 2])
        review(evaluation, second, [4, 4, 5] if code == "SN" else [2, 3, 3], comment="Solid reforms.")
    services.shortlist_set(call=call, shortlisted_ids=[evaluations["SN"].pk, evaluations["GH"].pk], by=manager)
    decisions = {"SN": Decision.SELECTED, "GH": Decision.WAITLISTED}
    for code, evaluation in evaluations.items():
        evaluation.refresh_from_db()
        services.decision_set(
            evaluation=evaluation, decision=decisions.get(code, Decision.NOT_SELECTED), by=manager,
            feedback_en=f"Feedback for {code}: thank you.", feedback_fr=f"Retour pour {code} : merci.",
        )
    if final:
        services.evaluation_finalise_call(call=call, by=manager)
    return call, evaluations


def members_answer(evaluation, answers, *, by):
    """Each member of `evaluation`'s team (by row) answers as `answers` says: {slot: (confirmed,
    needs interpretation)}, through the services (the request, then the answer); a row not
    named is never asked. Returns {slot: confirmation}."""
    from eoi.models import TeamMember
    from eoi.services.confirmations import confirmation_answer, confirmation_request

    confirmations = {}
    for member in TeamMember.objects.filter(eoi_id=evaluation.eoi_id, slot__in=answers).select_related("eoi__call", "eoi__country"):
        confirmed, interpretation = answers[member.slot]
        confirmation = confirmation_request(member=member, by=by)
        if confirmed is not None:
            confirmation = confirmation_answer(confirmation=confirmation, confirmed=confirmed, consent=confirmed,
                                               needs_interpretation=interpretation)
        confirmations[member.slot] = confirmation
    return confirmations
