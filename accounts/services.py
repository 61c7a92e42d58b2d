"""Inviting people and letting them in. Invitation links are signed with
django.core.signing, expire after settings.INVITATION_MAX_AGE and work once."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from outbox.enums import MailKind
from outbox.services import mail_create

from .enums import Role
from .models import Invitation, User

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
    if invitation is None or invitation.accepted_at is not None:
        raise InvitationInvalid
    return invitation


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
    if role == Role.FOCAL_POINT and country is not None:
        country.focal_points.add(user)
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
    user = invitation.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def user_set_language(*, user, language):
    if user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
