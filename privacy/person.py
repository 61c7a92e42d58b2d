"""Everything the portal stores about one person, found by their e-mail address (issue 17 §2).

`person_data(email)` answers a plain, JSON-serialisable structure:

    {"email": …, "generated_at": ISO (UTC), "language": "en"|"fr",
     "sections": [{"key", "title", "count", "fields": [{"key", "label"}], "rows": [{key: value}]}]}

Titles, labels and choice values are in the active language (the manager's); times are ISO 8601
in UTC, with a `…_local` twin in the call's time zone where a call gives one. An address is matched
exactly but case-insensitively (`iexact`, which escapes LIKE wildcards): neither another case of
the same address nor an address that merely starts or ends with it is taken for it. The number of
queries does not depend on the number of rows (one per section, the account's few prefetches and
one per history table holding an address); never the password hash, never another person's data
but the names of the calls and countries the rows are about.
"""

from zoneinfo import ZoneInfo

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Invitation, User
from countries.models import CoreGroupMember
from eoi.models import ExpressionOfInterest, TeamMember
from evaluation.models import Conflict, Review
from membership.models import ApplicationRequest, MembershipApplication
from outbox.models import OutboundMail
from reports.models import DownloadRecord

from .person_links import history_section, linked_records_section, section, utc


def normalised(email):
    return (email or "").strip()


def local(moment, zone):
    return moment.astimezone(ZoneInfo(zone)).isoformat() if moment and zone else None


def label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def _eoi_ref(eoi):
    return {"eoi": eoi.pk, "call": str(eoi.call.title), "country": str(eoi.country.name)}


_EOI_REF_FIELDS = [("eoi", gettext_lazy("expression of interest")), ("call", gettext_lazy("call")),
                   ("country", gettext_lazy("country"))]


def accounts_section(users):
    fields = [(n, label(User, n)) for n in ("email", "full_name", "role", "language", "is_active")] + [
        ("countries", _("focal point of")), ("contact_for", _("JLN point of contact for")),
        ("last_login", label(User, "last_login")), ("date_joined", label(User, "date_joined")),
    ]
    rows = [{
        "email": u.email, "full_name": u.full_name, "role": u.get_role_display(), "language": u.get_language_display(),
        "is_active": u.is_active, "countries": [str(c.name) for c in u.focal_countries.all()],
        "contact_for": [str(c.name) for c in u.contact_for_countries.all()],
        "last_login": utc(u.last_login), "date_joined": utc(u.date_joined),
    } for u in users]
    return section("accounts", _("User accounts"), fields, rows)


def invitations_section(email):
    invitations = Invitation.objects.filter(email__iexact=email).select_related("country").order_by("created_at")
    fields = [(n, label(Invitation, n)) for n in ("email", "full_name", "role", "country", "created_at", "accepted_at")]
    rows = [{
        "email": i.email, "full_name": i.full_name, "role": i.get_role_display(),
        "country": str(i.country.name) if i.country else None, "created_at": utc(i.created_at),
        "accepted_at": utc(i.accepted_at),
    } for i in invitations]
    return section("invitations", _("Invitations"), fields, rows)


def team_members_section(email):
    members = (TeamMember.objects.filter(email__iexact=email)
               .select_related("eoi__call", "eoi__country", "profile", "confirmation").order_by("eoi__call__deadline", "pk"))
    names = ("name", "email", "position", "organisation", "level", "gender", "why_role_matters", "commits_to_meetings")
    fields = _EOI_REF_FIELDS + [("profile", label(TeamMember, "profile"))] + [(n, label(TeamMember, n)) for n in names] + [
        ("confirmation", _("answer to the request to confirm")), ("consent", _("consents to their data being used for the selection")),
        ("needs_interpretation", _("needs French interpretation")), ("answered_at", _("answered (UTC)")),
        ("answered_at_local", _("answered (call's time zone)")), ("time_zone", _("call's time zone")),
    ]
    rows = []
    for m in members:
        confirmation = getattr(m, "confirmation", None)
        zone = m.eoi.call.time_zone
        rows.append({
            **_eoi_ref(m.eoi), "profile": str(m.profile.organisation) if m.profile else None,
            **{n: getattr(m, n) for n in names}, "level": m.get_level_display(), "gender": m.get_gender_display(),
            "confirmation": confirmation.get_state_display() if confirmation else None,
            "consent": confirmation.consent if confirmation else None,
            "needs_interpretation": confirmation.needs_interpretation if confirmation else None,
            "answered_at": utc(confirmation and confirmation.answered_at),
            "answered_at_local": local(confirmation and confirmation.answered_at, zone), "time_zone": zone,
        })
    return section("team_members", _("Team member of an expression of interest"), fields, rows)


def contacts_section(email):
    eois = ExpressionOfInterest.objects.filter(contact_email__iexact=email).select_related("call", "country").order_by("pk")
    names = ("contact_name", "contact_position", "contact_email")
    fields = _EOI_REF_FIELDS + [(n, label(ExpressionOfInterest, n)) for n in names] + [("status", _("status"))]
    rows = [{**_eoi_ref(e), **{n: getattr(e, n) for n in names}, "status": e.get_status_display()} for e in eois]
    return section("contacts", _("Contact person of an expression of interest"), fields, rows)


def eois_edited_section(users):
    history = ExpressionOfInterest.history.filter(history_user__in=users).values("id")
    eois = (ExpressionOfInterest.objects
            .filter(Q(submitted_by__in=users) | Q(created_by__in=users) | Q(updated_by__in=users) | Q(pk__in=history))
            .select_related("call", "country").order_by("pk")) if users else []
    fields = _EOI_REF_FIELDS + [("submitted_by_them", _("submitted by them")), ("submitted_at", _("submitted (UTC)")),
                                ("submitted_at_local", _("submitted (call's time zone)"))]
    ids = {u.pk for u in users}
    rows = [{**_eoi_ref(e), "submitted_by_them": e.submitted_by_id in ids, "submitted_at": utc(e.submitted_at),
             "submitted_at_local": local(e.submitted_at, e.call.time_zone)} for e in eois]
    return section("eois_edited", _("Expressions of interest they started, edited or submitted"), fields, rows)


def membership_section(email):
    applications = MembershipApplication.objects.filter(contact_email__iexact=email).select_related("country").order_by("pk")
    names = ("institution", "contact_name", "contact_position", "contact_email")
    fields = [("country", _("country"))] + [(n, label(MembershipApplication, n)) for n in names] + [
        ("state", _("state")), ("submitted_at", label(MembershipApplication, "submitted_at"))]
    rows = [{"country": str(a.country.name), **{n: getattr(a, n) for n in names}, "state": a.get_state_display(),
             "submitted_at": utc(a.submitted_at)} for a in applications]
    return section("membership_applications", _("Membership applications"), fields, rows)


def application_requests_section(email):
    requests = ApplicationRequest.objects.filter(email__iexact=email).order_by("pk")
    fields = [("email", _("e-mail address")), ("created_at", _("received")), ("confirmed_at", _("confirmed")),
              ("data", _("what the form received"))]
    rows = [{"email": r.email, "created_at": utc(r.created_at), "confirmed_at": utc(r.confirmed_at), "data": r.data}
            for r in requests]
    return section("application_requests", _("Membership applications not yet confirmed"), fields, rows)


def core_groups_section(email):
    members = CoreGroupMember.objects.filter(email__iexact=email).select_related("core_group__country").order_by("pk")
    names = ("name", "institution", "position", "email", "gender", "is_coordinator")
    fields = [("country", _("country"))] + [(n, label(CoreGroupMember, n)) for n in names]
    rows = [{"country": str(m.core_group.country.name), **{n: getattr(m, n) for n in names},
             "gender": m.get_gender_display()} for m in members]
    return section("core_groups", _("Member of a country core group"), fields, rows)


def mails_section(email):
    mails = OutboundMail.objects.filter(to_email__iexact=email).order_by("created_at", "pk")
    names = ("to_email", "to_name", "subject", "kind", "state", "created_at", "sent_at", "body_text")
    fields = [(n, label(OutboundMail, n)) for n in names]
    rows = [{"to_email": m.to_email, "to_name": m.to_name, "subject": m.subject, "kind": m.get_kind_display(),
             "state": m.get_state_display(), "created_at": utc(m.created_at), "sent_at": utc(m.sent_at),
             "body_text": m.body_text} for m in mails]
    return section("mails", _("Mails addressed to them"), fields, rows)


def reviews_section(users):
    reviews = (Review.objects.filter(reviewer__in=users).select_related("evaluation__eoi__call", "evaluation__eoi__country")
               .prefetch_related("scores__criterion").order_by("pk")) if users else []
    fields = _EOI_REF_FIELDS + [("state", _("state")), ("submitted_at", _("submitted (UTC)")),
                                ("panel_note", label(Review, "panel_note")), ("scores", _("scores and comments"))]
    rows = [{
        **_eoi_ref(r.evaluation.eoi), "state": r.get_state_display(), "submitted_at": utc(r.submitted_at),
        "panel_note": r.panel_note,
        "scores": [{"criterion": str(s.criterion.name), "score": s.value, "comment": s.comment} for s in r.scores.all()],
    } for r in reviews]
    return section("reviews", _("Reviews they wrote"), fields, rows)


def conflicts_section(users):
    conflicts = Conflict.objects.filter(reviewer__in=users).select_related("country").order_by("pk") if users else []
    fields = [("country", _("country")), ("reason", _("reason")), ("declared_at", _("declared"))]
    rows = [{"country": str(c.country.name), "reason": c.reason, "declared_at": utc(c.declared_at)} for c in conflicts]
    return section("conflicts", _("Conflicts of interest declared"), fields, rows)


def downloads_section(users):
    downloads = DownloadRecord.objects.filter(user__in=users).order_by("downloaded_at", "pk") if users else []
    fields = [("downloaded_at", _("downloaded at")), ("kind", _("kind of file")), ("name", _("file name"))]
    rows = [{"downloaded_at": utc(d.downloaded_at), "kind": d.kind, "name": d.name} for d in downloads]
    return section("downloads", _("Files with personal data they downloaded"), fields, rows)


def logins_section(email):
    fields = [("record", _("record")), ("attempt_time", _("when")), ("ip_address", _("IP address")),
              ("user_agent", _("browser")), ("detail", _("detail"))]
    rows = []
    for model, record in ((AccessAttempt, _("failed sign-ins (counting)")), (AccessFailureLog, _("failed sign-in")),
                          (AccessLog, _("sign-in"))):
        for a in model.objects.filter(username__iexact=email).order_by("attempt_time"):
            detail = getattr(a, "failures_since_start", None) if model is AccessAttempt else None
            if model is AccessLog:
                detail = utc(a.logout_time)
            rows.append({"record": str(record), "attempt_time": utc(a.attempt_time), "ip_address": a.ip_address,
                         "user_agent": a.user_agent, "detail": detail})
    return section("logins", _("Sign-ins and failed sign-ins"), fields, rows)


def person_data(email):
    """Everything about the person with this address (see the module's docstring)."""
    email = normalised(email)
    users = list(User.objects.filter(email__iexact=email).prefetch_related("focal_countries", "contact_for_countries"))
    sections = [
        accounts_section(users), invitations_section(email), team_members_section(email), contacts_section(email),
        eois_edited_section(users), membership_section(email), application_requests_section(email),
        core_groups_section(email), mails_section(email), reviews_section(users), conflicts_section(users),
        downloads_section(users), logins_section(email), linked_records_section(users), history_section(email),
    ]
    return {"email": email, "generated_at": utc(timezone.now()), "language": translation.get_language(),
            "sections": sections}


def counts(data):
    """{section key: rows found}, what a PrivacyAction keeps of an export."""
    return {s["key"]: s["count"] for s in data["sections"]}


def found_anything(data):
    return any(s["count"] for s in data["sections"])
