"""A finalised call whose countries hear back: four letters, two languages.

KE (English) selected, SN (French) waitlisted, GH (English) not selected,
ML (French) ineligible (a team of two, the call asks four), NG withdrawn.
Each country has focal points; SN's contact person is also one of its focal
points (written in other capitals), so SN has 1 recipient; KE has 3 (its
inactive focal point is skipped), GH 2, ML 2: 8 letters in all."""

from datetime import timedelta

from django.utils import timezone

from accounts.enums import Role
from accounts.tests.factories import UserFactory
from countries.tests.factories import CountryFactory
from eoi.enums import EOIStatus
from eoi.tests.factories import EOIFactory
from evaluation import services
from evaluation.enums import Decision

from .factories import call_with_criteria, facilitator, review, submitted_eoi

LANGUAGES = {"KE": "en", "SN": "fr", "GH": "en", "ML": "fr", "NG": "en"}
DECISIONS = {"KE": Decision.SELECTED, "SN": Decision.WAITLISTED, "GH": Decision.NOT_SELECTED,
             "ML": Decision.NOT_SELECTED}
LETTERS = {"KE": "selected", "SN": "waitlisted", "GH": "not_selected", "ML": "ineligible"}


def focal(country, name, email=None):
    user = UserFactory(role=Role.FOCAL_POINT, full_name=name, email=email or f"{name.split()[0].lower()}@"
                       f"{country.code.code.lower()}.example.org")
    country.focal_points.add(user)
    return user


def finalised_call(**call_fields):
    """Returns (call, manager, {code: evaluation}, {code: [recipient addresses]})."""
    manager = UserFactory(role=Role.MANAGER)
    call = call_with_criteria(target_teams=2, min_teams=1, **call_fields)
    countries = {code: CountryFactory(code=code, working_language=language) for code, language in LANGUAGES.items()}
    for code in DECISIONS:
        eoi = submitted_eoi(call, countries[code], members=2 if code == "ML" else 4)
        eoi.contact_name, eoi.contact_email = f"Contact {code}", f"contact@{code.lower()}.example.org"
        eoi.save()
    withdrawn = EOIFactory(call=call, country=countries["NG"], status=EOIStatus.WITHDRAWN, submission_number=1,
                           submitted_at=timezone.now() - timedelta(days=1), withdrawn_at=timezone.now())
    focal(countries["NG"], "Ngozi Eze")
    withdrawn.save()
    focal(countries["KE"], "Wanjiru Kamau")
    focal(countries["KE"], "Otieno Odhiambo")
    focal(countries["SN"], "Awa Ndiaye", email="CONTACT@SN.example.org")  # the contact person too
    focal(countries["GH"], "Kofi Mensah")
    focal(countries["ML"], "Aminata Traoré")
    UserFactory(role=Role.FOCAL_POINT, full_name="Gone Away", email="gone@ke.example.org", is_active=False)
    countries["KE"].focal_points.add(*countries["KE"].focal_points.model.objects.filter(email="gone@ke.example.org"))

    evaluations = {e.eoi.country.code.code: e for e in services.evaluations_start(call=call, by=manager)}
    reviewer = facilitator()
    for index, (code, evaluation) in enumerate(sorted(evaluations.items())):
        review(evaluation, reviewer, (5 - index % 3, 4, 2))
    services.shortlist_set(call=call, shortlisted_ids=[evaluations["KE"].pk, evaluations["SN"].pk], by=manager)
    for code, evaluation in evaluations.items():
        evaluation.refresh_from_db()
        services.decision_set(evaluation=evaluation, decision=DECISIONS[code], by=manager)
        services.evaluation_feedback_prefill(evaluation=evaluation, by=manager)
    services.evaluation_finalise_call(call=call, by=manager)
    recipients = {
        "KE": ["contact@ke.example.org", "otieno@ke.example.org", "wanjiru@ke.example.org"],
        "SN": ["contact@sn.example.org"],
        "GH": ["contact@gh.example.org", "kofi@gh.example.org"],
        "ML": ["aminata@ml.example.org", "contact@ml.example.org"],
    }
    return call, manager, evaluations, recipients
