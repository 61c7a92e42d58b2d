"""The evaluation's pages: the facilitator's (facilitator.py), the manager's
pages about a call (calls.py, panel.py), one EOI under review (eoi.py) and the
focal point's (country.py)."""

from .calls import (  # noqa: F401
    AssignmentRemoveView, AssignmentsView, CallEvaluationView, CallListView, CallSettingsView, CriteriaView,
    RankingExportView, RankingView, StartReviewView,
)
from .country import ClarificationAnswerView, CountryReviewsView  # noqa: F401
from .eoi import (  # noqa: F401
    ClarificationAskView, DecisionView, EligibilityOverrideView, EvaluationHistoryView, EvaluationView,
)
from .feedback import FeedbackScheduleView, FeedbackView  # noqa: F401
from .facilitator import ConflictListView, ConflictRemoveView, FacilitatorHomeView  # noqa: F401
from .panel import CallHistoryView, DecisionsReopenView, DecisionsView, FinaliseView, ShortlistView  # noqa: F401
from .participants import MeetingParticipantsExportView  # noqa: F401
from .panel_tools import RawScoresExportView, ReviewMatrixView, ReviewProgressView  # noqa: F401
