"""A proposed member's own answer to their proposal (issue 17 §1).

A row of its own, one per team member, rather than fields on TeamMember: the member's
PERSON_FIELDS are what the focal point types (compared by every save, kept in the history,
counted by "filled"); the confirmation is what the member answers, with a token that is
replaced on every resend. Keeping them apart means a save of the team never touches an answer
and an answer never moves the EOI's version.

The link carries the member's id and a random token; only its SHA-256 is stored. It is
single-use (an answer ends it), ends when replaced (resend) and expires at 23:59 on the
call's feedback date. `email` and `submission_number` say which address and which submission
the request was made for: a resubmission asks again only a member who is new or whose address
changed."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConfirmationState(models.TextChoices):
    WAITING = "waiting", _("Waiting for an answer")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class MemberConfirmation(models.Model):
    member = models.OneToOneField(
        "eoi.TeamMember", verbose_name=_("team member"), on_delete=models.CASCADE, related_name="confirmation",
    )
    email = models.EmailField(_("asked at"))
    submission_number = models.PositiveSmallIntegerField(_("for submission"))
    token_hash = models.CharField(max_length=64, unique=True)
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    expires_at = models.DateTimeField(_("link expires"))
    state = models.CharField(_("answer"), max_length=10, choices=ConfirmationState.choices,
                             default=ConfirmationState.WAITING)
    consent = models.BooleanField(_("consents to their data being used for the selection"), default=False)
    needs_interpretation = models.BooleanField(_("needs French interpretation"), default=False)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("member's confirmation")
        verbose_name_plural = _("members' confirmations")
        constraints = [
            models.CheckConstraint(condition=Q(state__in=ConfirmationState.values), name="member_confirmation_state_valid"),
            models.CheckConstraint(
                condition=Q(state=ConfirmationState.WAITING, answered_at__isnull=True)
                | (~Q(state=ConfirmationState.WAITING) & Q(answered_at__isnull=False)),
                name="member_confirmation_answered_when_answered",
            ),
            models.CheckConstraint(condition=~Q(state=ConfirmationState.CONFIRMED) | Q(consent=True),
                                   name="member_confirmation_confirmed_with_consent"),
        ]

    def __str__(self):
        return f"{self.member} – {self.get_state_display()}"

    def is_for(self, email):
        """Whether this request was made at `email` (addresses compare without case). The one
        rule for "already asked at this address": who a submission asks, the refusals to
        submit and to resend, and the pages' "the address has changed since"."""
        return self.email.casefold() == (email or "").casefold()

    @property
    def address_changed(self):
        """The member's address is no longer the one they were asked at (and has not been
        anonymised: an anonymised request is no change of address)."""
        return bool(self.member.email) and not self.is_for(self.member.email)
