"""The feedback letters of a finalised call: one DRAFT outbox mail per
recipient of every country that expressed interest, in the batch
`feedback-call-<id>`, which the network manager previews, edits, approves and
schedules on the outbox's batch page (outbox/services.py sends it exactly once).

Who hears back: every EOI under evaluation when the decisions were made final
— selected, waitlisted, not selected, and ineligible (a "not selected" that
failed the call's requirements gets the "ineligible" letter saying which).
EOIs withdrawn by their country, and drafts never submitted, get no letter:
the country took itself out (or never came in), nothing was assessed, and a
"not selected" letter would be untrue. The feedback page lists them, so the
manager can write by hand if a case needs it.

Recipients: the contact person named in the EOI and every active focal point
of the country, one mail per address (case-insensitive), all in the
country's working language. Each mail's dedupe key is (call, EOI, address):
generating again creates only what is missing, and a discarded draft is made
again (`replace_discarded`) — nothing else is ever duplicated.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from outbox.enums import MailKind, MailState
from outbox.models import OutboundMail
from outbox.services import mail_get_or_create

from ..enums import FeedbackTemplate
from ..models import EvaluationSettings
from ..selectors.common import call_criteria, call_results
from ..selectors.feedback import call_feedback
from .errors import NotAllowed

KEY_LIMIT = OutboundMail._meta.get_field("dedupe_key").max_length


def feedback_batch(call):
    return f"feedback-call-{call.pk}"


def feedback_key(*, call, eoi, email):
    key = f"feedback:call-{call.pk}:eoi-{eoi.pk}:{email.strip().lower()}"
    return key if len(key) <= KEY_LIMIT else f"feedback:sha256:{hashlib.sha256(key.encode()).hexdigest()}"


def feedback_template(evaluation):
    """The letter an evaluation's country receives."""
    if not evaluation.eligible:
        return FeedbackTemplate.INELIGIBLE
    return FeedbackTemplate(evaluation.state)


@dataclass(frozen=True)
class FeedbackRecipient:
    email: str
    name: str
    role: str  # "contact" or "focal_point"


def feedback_recipients(eoi):
    """The EOI's contact person, then each active focal point of its country
    (prefetched), one per address."""
    people = []
    if eoi.contact_email:
        people.append(FeedbackRecipient(eoi.contact_email.strip(), eoi.contact_name, "contact"))
    for user in sorted(eoi.country.focal_points.all(), key=lambda u: u.email.lower()):
        if user.is_active and user.email:
            people.append(FeedbackRecipient(user.email.strip(), user.full_name, "focal_point"))
    unique = {}
    for person in people:
        unique.setdefault(person.email.lower(), person)
    return list(unique.values())


@dataclass
class FeedbackGeneration:
    created: list = field(default_factory=list)  # OutboundMail rows made by this run
    existing: int = 0  # mails already there (not made again)
    without_recipient: list = field(default_factory=list)  # evaluations with no address to write to


def criteria_summary(call):
    """{evaluation id: [(criterion, mean or None)]} for the call, from its
    complete submitted reviews (one aggregation, as the ranking page does)."""
    criteria = call_criteria(call, rubric=False)
    results, _figures = call_results(call, criteria, threshold=None)
    summary = {}
    for evaluation_id, result in results.items():
        summary[evaluation_id] = [(c, result.criterion_means.get(c.pk)) for c in criteria]
    return criteria, summary


def feedback_context(*, evaluation, recipient, language, criteria, base_url=""):
    """The letter's context. An ineligible EOI's letter names the requirements it
    failed and gives no scores: it was not compared with the others."""
    eoi, call = evaluation.eoi, evaluation.eoi.call
    if feedback_template(evaluation) == FeedbackTemplate.INELIGIBLE:
        criteria = []
    return {
        "recipient_name": recipient.name,
        "country": eoi.country,
        "call": call,
        "call_title": getattr(call, f"title_{language}", "") or call.title,
        "letter": feedback_template(evaluation),
        "decision": feedback_template(evaluation).label,
        "feedback": evaluation.feedback_in(language).strip(),
        "criteria": [
            {"name": getattr(c, f"name_{language}", "") or c.name, "mean": mean,
             "scale_min": c.scale_min, "scale_max": c.scale_max}
            for c, mean in criteria if mean is not None
        ],
        "url": base_url + reverse("eoi:detail", args=[eoi.pk]),
    }


@transaction.atomic
def feedback_mails_generate(*, call, by, base_url="", replace_discarded=True):
    """Create the DRAFT feedback mails of `call` (decisions must be final).
    Safe to run again: only missing (or discarded) mails are made."""
    settings = EvaluationSettings.objects.filter(call=call).first()  # as saved now, not as cached on `call`
    if settings is None or not settings.is_final:
        raise NotAllowed(_("The feedback letters can be prepared once the decisions are final."))
    _criteria, summary = criteria_summary(call)
    batch = feedback_batch(call)
    outcome = FeedbackGeneration()
    for evaluation in call_feedback(call).evaluations:
        recipients = feedback_recipients(evaluation.eoi)
        if not recipients:
            outcome.without_recipient.append(evaluation)
            continue
        language = evaluation.eoi.country.working_language
        letter = feedback_template(evaluation)
        for recipient in recipients:
            mail, created = mail_get_or_create(
                kind=MailKind.FEEDBACK, state=MailState.DRAFT, batch=batch,
                to_email=recipient.email, to_name=recipient.name, language=language,
                template=f"evaluation/mail/feedback_{letter}",
                context=feedback_context(evaluation=evaluation, recipient=recipient, language=language,
                                         criteria=summary.get(evaluation.pk, []), base_url=base_url),
                related=evaluation, created_by=by, replace_discarded=replace_discarded,
                dedupe_key=feedback_key(call=call, eoi=evaluation.eoi, email=recipient.email),
            )
            if created:
                outcome.created.append(mail)
            else:
                outcome.existing += 1
    return outcome


def feedback_deadline(call):
    """The moment the call's promise runs out: the end of its feedback date,
    in the call's time zone."""
    from datetime import datetime, time, timedelta

    return datetime.combine(call.feedback_date + timedelta(days=1), time.min, tzinfo=call.tzinfo)
