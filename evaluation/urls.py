from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.FacilitatorHomeView.as_view(), name="home"),
    path("conflicts/", views.ConflictListView.as_view(), name="conflicts"),
    path("conflicts/<int:pk>/remove/", views.ConflictRemoveView.as_view(), name="conflict_remove"),
    # The manager's pages about a call (the ranking and criteria are also the facilitators').
    path("calls/", views.CallListView.as_view(), name="calls"),
    path("calls/<int:call_pk>/", views.CallEvaluationView.as_view(), name="call"),
    path("calls/<int:call_pk>/start/", views.StartReviewView.as_view(), name="start"),
    path("calls/<int:call_pk>/settings/", views.CallSettingsView.as_view(), name="call_settings"),
    path("calls/<int:call_pk>/criteria/", views.CriteriaView.as_view(), name="criteria"),
    path("calls/<int:call_pk>/assignments/", views.AssignmentsView.as_view(), name="assignments"),
    path("assignments/<int:pk>/remove/", views.AssignmentRemoveView.as_view(), name="assignment_remove"),
    path("calls/<int:call_pk>/ranking/", views.RankingView.as_view(), name="ranking"),
    path("calls/<int:call_pk>/ranking/export.<slug:file_format>", views.RankingExportView.as_view(),
         name="ranking_export"),
    path("calls/<int:call_pk>/shortlist/", views.ShortlistView.as_view(), name="shortlist"),
    path("calls/<int:call_pk>/decisions/", views.DecisionsView.as_view(), name="decisions"),
    path("calls/<int:call_pk>/decisions/reopen/", views.DecisionsReopenView.as_view(), name="decisions_reopen"),
    path("calls/<int:call_pk>/finalise/", views.FinaliseView.as_view(), name="finalise"),
    path("calls/<int:call_pk>/history/", views.CallHistoryView.as_view(), name="call_history"),
    path("calls/<int:call_pk>/feedback/", views.FeedbackView.as_view(), name="feedback"),
    path("calls/<int:call_pk>/feedback/schedule/", views.FeedbackScheduleView.as_view(), name="feedback_schedule"),
    # One EOI under review.
    path("eois/<int:pk>/", views.EvaluationView.as_view(), name="evaluation"),
    path("eois/<int:pk>/eligibility/<slug:item>/", views.EligibilityOverrideView.as_view(), name="eligibility"),
    path("eois/<int:pk>/questions/new/", views.ClarificationAskView.as_view(), name="clarification_ask"),
    path("eois/<int:pk>/decision/", views.DecisionView.as_view(), name="decision"),
    path("eois/<int:pk>/history/", views.EvaluationHistoryView.as_view(), name="history"),
    # The focal point's side.
    path("country/", views.CountryReviewsView.as_view(), name="country_reviews"),
    path("questions/<int:pk>/answer/", views.ClarificationAnswerView.as_view(), name="clarification_answer"),
    # The panel's tools for its meeting.
    path("calls/<int:call_pk>/scores/export.<slug:file_format>", views.RawScoresExportView.as_view(),
         name="scores_export"),
    path("calls/<int:call_pk>/progress/", views.ReviewProgressView.as_view(), name="progress"),
    path("eois/<int:pk>/reviews/", views.ReviewMatrixView.as_view(), name="review_matrix"),
    # The planning of the in-person meetings: each one's participants from the selected teams.
    path("calls/<int:call_pk>/meetings/<int:meeting_pk>/participants.<slug:file_format>",
         views.MeetingParticipantsExportView.as_view(), name="participants_export"),
]
