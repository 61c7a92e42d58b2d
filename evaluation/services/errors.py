"""What the evaluation services refuse, with a message in the active language."""

from django.utils.translation import gettext_lazy as _


class EvaluationError(Exception):
    default_message = _("This change is not allowed.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class TransitionNotAllowed(EvaluationError):
    default_message = _("This change of state is not allowed.")


class CallFinalised(EvaluationError):
    """Any change to a finalised call's reviews, scores, conflicts, eligibility, decisions or
    feedback. Only reopening the decisions (services.decisions_reopen) lifts it."""

    default_message = _("The decisions on this call are final; nothing can be changed any more.")


AlreadyFinal = CallFinalised  # the older name


class NotEligible(EvaluationError):
    default_message = _("An ineligible expression of interest cannot be shortlisted or selected.")


class NotAllowed(EvaluationError):
    pass


class FinaliseBlocked(EvaluationError):
    """Finalising is refused; `problems` lists every reason."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(_("The decisions cannot be finalised yet."))
