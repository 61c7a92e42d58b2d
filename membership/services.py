"""Every change of state in membership: applications, steering-group meetings,
decisions, and the upgrade of associate members to full membership.

Each function checks the transition against enums.TRANSITIONS, saves with
`update_fields`, records who did it in the history (simple-history) and queues
its e-mail through the outbox, which sends it once the transaction commits.
Refusals are `ValidationError`s with a message a person can read.
"""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_countries.fields import Country as IsoCountry

from countries.enums import MembershipLevel
from countries.models import Country
from countries.services import country_membership_set
from outbox.enums import MailKind
from outbox.services import mail_create

from .enums import MEETING_TRANSITIONS, TRANSITIONS, ApplicationState, MeetingState
from .models import OPEN_APPLICATION_EXISTS, AgendaItem, ApplicationRequest, MembershipApplication, SteeringMeeting
from .selectors import countries_eligible_for_full_membership, meeting_next


def transition_allowed(current, target):
    return target in TRANSITIONS[ApplicationState(current)]


def _application_move(application, target, *, by):
    if not transition_allowed(application.state, target):
        raise ValidationError(
            _("An application that is “%(current)s” cannot become “%(target)s”.")
            % {"current": ApplicationState(application.state).label, "target": ApplicationState(target).label}
        )
    application.state = target
    application._history_user = by
    application.save(update_fields=["state"])


def _meeting_move(meeting, target, *, by):
    if target not in MEETING_TRANSITIONS[MeetingState(meeting.state)]:
        raise ValidationError(
            _("A meeting that is “%(current)s” cannot become “%(target)s”.")
            % {"current": MeetingState(meeting.state).label, "target": MeetingState(target).label}
        )
    meeting.state = target
    meeting._history_user = by
    meeting.save(update_fields=["state"])


def _agenda_add(*, application, meeting, by):
    item = AgendaItem(meeting=meeting, application=application)
    item._history_user = by
    item.save()
    _application_move(application, ApplicationState.ON_AGENDA, by=by)
    return item


def _notify(application, template, *, key, context=None):
    mail_create(
        kind=MailKind.MEMBERSHIP, to_email=application.contact_email, to_name=application.contact_name,
        language=application.language, template=f"membership/mail/{template}", related=application,
        context={"application": application, **(context or {})},
        dedupe_key=key,
    )


# The public form (anyone, no login): a request counts once its address is confirmed.
CONFIRM_WITHIN = timedelta(hours=48)
REQUESTS_PER_ADDRESS = 3  # within REQUESTS_WINDOW, confirmed or not
REQUESTS_WINDOW = timedelta(hours=24)
CONFIRM_SALT = "membership.application-confirm"


class LinkNotValid(ValidationError):
    pass


def application_confirm_token(request):
    """The signed, dated token of the confirmation link of `request`."""
    return signing.dumps(request.pk, salt=CONFIRM_SALT)


@transaction.atomic
def application_request(*, data, base_url, now=None):
    """The public form's answer, kept until its address is confirmed: one mail, the
    confirmation link, to that address and nobody else. At most REQUESTS_PER_ADDRESS
    requests per address within REQUESTS_WINDOW. `data`: the arguments of
    application_submit."""
    now = now or timezone.now()
    ApplicationRequest.objects.filter(confirmed_at__isnull=True, created_at__lt=now - CONFIRM_WITHIN).delete()
    email = data["contact_email"].strip().lower()
    recent = ApplicationRequest.objects.filter(email=email, created_at__gte=now - REQUESTS_WINDOW).count()
    if recent >= REQUESTS_PER_ADDRESS:
        raise ValidationError(
            _("Several applications were already sent from this e-mail address today. Follow the link in the "
              "message we sent you, or try again tomorrow."), code="throttled",
        )
    request = ApplicationRequest.objects.create(email=email, language=data["language"], data=data, created_at=now)
    mail_create(
        kind=MailKind.MEMBERSHIP, to_email=email, to_name=data["contact_name"], language=data["language"],
        template="membership/mail/application_confirm", related=request,
        context={
            "name": data["contact_name"], "country": IsoCountry(code=data["country_code"]),
            "hours": int(CONFIRM_WITHIN.total_seconds() // 3600),
            "url": base_url + reverse("membership:apply_confirm", args=[application_confirm_token(request)]),
        },
        dedupe_key=f"membership-confirm-{request.pk}",
    )
    return request


def application_request_for_token(token, *, now=None):
    """The unconfirmed request a link is for, or LinkNotValid (forged, expired, used)."""
    now = now or timezone.now()
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_WITHIN)
    except signing.SignatureExpired as error:
        raise LinkNotValid(_("This link has expired: please fill in the form again."), code="expired") from error
    except signing.BadSignature as error:
        raise LinkNotValid(_("This link is not valid."), code="invalid") from error
    request = ApplicationRequest.objects.filter(pk=pk, created_at__gte=now - CONFIRM_WITHIN).first()
    if request is None:
        raise LinkNotValid(_("This link has expired: please fill in the form again."), code="expired")
    if request.confirmed_at is not None:
        raise LinkNotValid(_("This link has already been used: the application is recorded."), code="used")
    return request


@transaction.atomic
def application_confirm(*, token, now=None):
    """Follow a confirmation link (once): the application is submitted now, as the
    form asked (application_submit: the country, the agenda, the confirmation mail)."""
    now = now or timezone.now()
    request = application_request_for_token(token, now=now)
    claimed = ApplicationRequest.objects.filter(pk=request.pk, confirmed_at__isnull=True).update(confirmed_at=now)
    if not claimed:  # followed twice at the same instant
        raise LinkNotValid(_("This link has already been used: the application is recorded."), code="used")
    application = application_submit(**request.data)
    ApplicationRequest.objects.filter(pk=request.pk).update(application=application)
    return application


@transaction.atomic
def application_submit(
    *, country_code, region, institution, contact_name, contact_position, contact_email, language,
    commitment, motivation, expected_contribution,
):
    """A country that is not a member expresses interest in associate membership.
    The country is recorded if the portal does not know it yet (with the region
    and language the applicant gave). The application goes on the agenda of the
    next scheduled meeting, if there is one, and the contact person gets a
    confirmation in their language."""
    country, _created = Country.objects.get_or_create(
        code=country_code, defaults={"region": region, "working_language": language}
    )
    country = Country.objects.select_for_update().get(pk=country.pk)  # one submission per country at a time
    if country.membership_level != MembershipLevel.NONE:
        raise ValidationError(
            _("%(country)s: already a member of the JLN (%(level)s).")
            % {"country": country.name, "level": country.get_membership_level_display()}
        )
    application = MembershipApplication(
        country=country, institution=institution, contact_name=contact_name, contact_position=contact_position,
        contact_email=contact_email, language=language, commitment=commitment, motivation=motivation,
        expected_contribution=expected_contribution,
    )
    application.full_clean()  # includes the one-open-application-per-country constraint
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:  # the same country submitted at the same instant
        raise ValidationError(OPEN_APPLICATION_EXISTS) from error
    meeting = meeting_next()
    if meeting is not None:
        _agenda_add(application=application, meeting=meeting, by=None)
    _notify(application, "application_received", key=f"membership-received-{application.pk}",
            context={"meeting": meeting})
    return application


@transaction.atomic
def meeting_schedule(*, date, place, online, by):
    """The network manager schedules a steering-group meeting; every application
    waiting for a meeting (new or deferred) goes on its agenda."""
    if date < timezone.localdate():
        raise ValidationError(_("A meeting cannot be scheduled in the past."))
    meeting = SteeringMeeting(date=date, place=place, online=online, scheduled_by=by)
    meeting.full_clean()
    meeting._history_user = by
    meeting.save()
    waiting = MembershipApplication.objects.select_for_update().filter(state__in=ApplicationState.WAITING)
    for application in waiting.order_by("submitted_at", "pk"):
        _agenda_add(application=application, meeting=meeting, by=by)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting, by):
    """Cancel a meeting where nothing has been decided yet. Its applications go
    on the next scheduled meeting's agenda, or wait for the next one scheduled."""
    meeting = SteeringMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.items.exclude(decision="").exists():
        raise ValidationError(_("Decisions were recorded at this meeting: it cannot be cancelled."))
    _meeting_move(meeting, MeetingState.CANCELLED, by=by)
    following = meeting_next()  # this one is cancelled now, so it is never its own follower
    for item in meeting.items.select_related("application"):
        application = item.application
        item._history_user = by
        item.delete()
        if following is not None:
            item = AgendaItem(meeting=following, application=application)
            item._history_user = by
            item.save()
        else:
            _application_move(application, ApplicationState.PENDING, by=by)
    return meeting


@transaction.atomic
def application_decide(*, application, decision, minutes, by):
    """A steering-group member records the decision taken at the meeting on an
    application on its agenda, with the minutes. Approved: the country is an
    associate member from the meeting's date. Deferred: the application goes on
    the next scheduled meeting's agenda (or waits for the next one scheduled).
    The applicant is told in their language, once."""
    application = MembershipApplication.objects.select_for_update().select_related("country").get(pk=application.pk)
    if decision not in ApplicationState.DECISIONS:
        raise ValidationError(_("Choose approve, defer or decline."))
    if not minutes.strip():
        raise ValidationError(_("Write the minutes of the discussion."))
    item = application.agenda_items.select_related("meeting").filter(decision="").first()
    if item is None or application.state != ApplicationState.ON_AGENDA:
        raise ValidationError(_("This application is not on a meeting's agenda: there is nothing to decide."))
    meeting = item.meeting
    if meeting.date > timezone.localdate():
        raise ValidationError(
            _("The decision can be recorded from the day of the meeting (%(date)s).")
            % {"date": formats.date_format(meeting.date, "DATE_FORMAT")}
        )
    _application_move(application, decision, by=by)
    item.decision, item.minutes, item.decided_by, item.decided_at = decision, minutes.strip(), by, timezone.now()
    item.full_clean()
    item._history_user = by
    item.save(update_fields=["decision", "minutes", "decided_by", "decided_at"])

    if decision == ApplicationState.APPROVED and application.country.membership_level == MembershipLevel.NONE:
        country_membership_set(
            country=application.country, level=MembershipLevel.ASSOCIATE, since=meeting.date, by=by,
            reason="Associate membership approved by the steering group",
        )
    next_meeting = None
    if decision == ApplicationState.DEFERRED:
        next_meeting = (
            SteeringMeeting.objects.filter(
                state=MeetingState.SCHEDULED, date__gt=meeting.date, date__gte=timezone.localdate()
            ).order_by("date", "pk").first()
        )
        if next_meeting is not None:
            _agenda_add(application=application, meeting=next_meeting, by=by)
    if not meeting.items.filter(decision="").exists():
        _meeting_move(meeting, MeetingState.HELD, by=by)

    _notify(application, f"application_{decision}", key=f"membership-decision-{item.pk}",
            context={"meeting": meeting, "next_meeting": next_meeting})
    return item


@transaction.atomic
def country_upgrade_to_full(*, country, by, on):
    """The network manager records that an eligible associate member became a
    full member on `on`; the associate period stays in the country's history."""
    if on > timezone.localdate():
        raise ValidationError(_("The upgrade cannot be recorded for a future date."))
    country = Country.objects.select_for_update().get(pk=country.pk)
    if not countries_eligible_for_full_membership(on=on).filter(pk=country.pk).exists():
        raise ValidationError(
            _("%(country)s: not eligible for full membership on that date. A country must have been an "
              "associate member for at least one year and have a core group with at least one member.")
            % {"country": country.name}
        )
    return country_membership_set(
        country=country, level=MembershipLevel.FULL, since=on, by=by, reason="Upgraded to full membership",
    )
