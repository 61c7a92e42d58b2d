"""The evaluation's data: criteria of a call (criteria.py), the review of each
submitted EOI (evaluation.py: its state, eligibility, decision and feedback) and
the people reviewing it (review.py: assignments, conflicts, reviews, scores,
clarification requests) and the notes on a final record (record.py)."""

from .criteria import Criterion, EvaluationSettings, RubricLevel, SelectionFactor  # noqa: F401
from .evaluation import EligibilityCheck, Evaluation  # noqa: F401
from .record import RecordNote  # noqa: F401
from .review import Assignment, ClarificationRequest, Conflict, Review, Score  # noqa: F401
