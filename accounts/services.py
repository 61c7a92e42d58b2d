"""Inviting people and letting them in. Invitation links are signed with
django.core.signing, expire after settings.INVITATION_MAX_AGE and work once: accepting
one, or sending a newer one, ends every other open invitation of that person, and a
deactivated account's links work no more."""

from urllib.parse import urlsplit

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from outbox.enums import MailKind
from outbox.services import mail_create

from .enums import Role
from .models import Invitation, User
from .throttling import AXES_USERNAME_MAX_LENGTH

_SALT = "accounts.invitation"


class InvitationInvalid(Exception):
    """The link is malformed, expired or already used."""


def invitation_token(invitation):
    return signing.dumps({"i": invitation.pk}, salt=_SALT)


def invitation_from_token(token):
    try:
        data = signing.loads(token, salt=_SALT, max_age=settings.INVITATION_MAX_AGE)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise InvitationInvalid from error
    invitation = Invitation.objects.select_related("user", "country").filter(pk=data.get("i")).first()
    if invitation is None or not invitation.is_open or not invitation.user.is_active:
        raise InvitationInvalid
    return invitation


def _invitations_end(*, user, now):
    """End every open invitation of this person (a newer one was sent, or one was accepted)."""
    return Invitation.objects.filter(user=user, accepted_at__isnull=True, ended_at__isnull=True).update(ended_at=now)


@transaction.atomic
def invitation_send(*, email, full_name, role, country=None, language="en", by, base_url):
    """Create (or find) the person's account with the role, link the country,
    and e-mail them a link to set their password."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name, role=role, language=language)
    elif user.role != role:
        user.role = role
        user.save(update_fields=["role"])
    if not user.is_active:  # the form refuses it; never let a new link revive an account
        raise InvitationInvalid
    if role == Role.FOCAL_POINT and country is not None:
        country.focal_points.add(user)
    User.objects.select_for_update().filter(pk=user.pk).first()  # two managers at once: one open link
    _invitations_end(user=user, now=timezone.now())
    invitation = Invitation.objects.create(
        email=email, full_name=full_name, role=role, country=country, user=user, invited_by=by
    )
    link = base_url + reverse("accounts:invitation_accept", args=[invitation_token(invitation)])
    mail_create(
        kind=MailKind.INVITATION, to_email=email, to_name=full_name, language=user.language,
        template="accounts/mail/invitation", related=invitation, created_by=by,
        context={"invitation": invitation, "link": link, "days": settings.INVITATION_MAX_AGE.days},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation, password):
    """Set the password and end this and every other open link of the person. Raises
    InvitationInvalid if the link was ended or the account deactivated meanwhile; an
    account is never activated here (a deactivated one stays so)."""
    now = timezone.now()
    user = User.objects.select_for_update().get(pk=invitation.user_id)
    ended = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, ended_at__isnull=True).update(
        accepted_at=now
    )
    if not ended or not user.is_active:
        raise InvitationInvalid
    _invitations_end(user=user, now=now)
    user.set_password(password)
    user.save(update_fields=["password"])
    user_lockouts_clear(user=user)
    return user


def user_lockouts_clear(*, user):
    """The person proved they hold the address (a password reset, an invitation accepted):
    the login lockouts of their e-mail address end, from every client address."""
    return axes_reset(username=user.email.strip().lower()[:AXES_USERNAME_MAX_LENGTH])


def password_reset_mail(*, email, base_url):
    """Mail a link to choose a new password to each active account with this address (at
    most one). Runs in a task (accounts.tasks), after the page answered: the page is the
    same, in the same time, whether or not the address has an account."""
    parts = urlsplit(base_url)
    for user in User.objects.filter(email__iexact=email, is_active=True):
        context = {
            "user": user, "email": user.email, "protocol": parts.scheme, "domain": parts.netloc,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user),
        }
        with transaction.atomic():
            mail_create(
                kind=MailKind.PASSWORD_RESET, to_email=user.email, to_name=user.full_name, language=user.language,
                template="accounts/mail/password_reset", context=context,
            )


def user_set_language(*, user, language):
    if user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
