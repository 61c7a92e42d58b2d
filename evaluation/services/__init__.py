"""Every change of state in the evaluation: criteria and settings
(criteria.py), the evaluation of each EOI — eligibility, shortlist, decisions,
finalising (evaluations.py) — and reviewing — assignments, conflicts, reviews,
clarifications (reviews.py)."""

from .criteria import (  # noqa: F401
    CALL_2023_PATH, criteria_load, criteria_load_file, evaluation_settings_for, evaluation_settings_save,
)
from .errors import (  # noqa: F401
    AlreadyFinal, CallFinalised, EvaluationError, FinaliseBlocked, NotAllowed, NotEligible, TransitionNotAllowed,
)
from .evaluations import (  # noqa: F401
    decision_set, decisions_not_selected_rest, eligibility_override, eligibility_refresh, evaluation_feedback_prefill,
    evaluation_feedback_save, evaluation_finalise_call, evaluation_transition, evaluations_feedback_prefill,
    evaluations_start, finalise_problems, shortlist_accept_suggestion, shortlist_set,
)
from .record import decisions_reopen, record_notes  # noqa: F401
from .feedback_text import FeedbackConflict  # noqa: F401
from .reviews import (  # noqa: F401
    assignment_remove, assignments_make, clarification_answer, clarification_ask, conflict_declare,
    conflict_remove, review_save,
)
