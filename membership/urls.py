from django.urls import path

from . import views

app_name = "membership"
urlpatterns = [
    path("", views.AgendaView.as_view(), name="agenda"),
    path("apply/", views.ApplicationCreateView.as_view(), name="apply"),
    path("apply/sent/", views.ApplicationSentView.as_view(), name="apply_sent"),
    path("apply/confirm/<str:token>/", views.ApplicationConfirmView.as_view(), name="apply_confirm"),
    path("apply/thanks/", views.ApplicationDoneView.as_view(), name="apply_done"),
    path("applications/", views.ApplicationListView.as_view(), name="application_list"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"),
    path("applications/<int:pk>/decide/", views.ApplicationDecideView.as_view(), name="application_decide"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/cancel/", views.MeetingCancelView.as_view(), name="meeting_cancel"),
    path("full-membership/", views.EligibilityView.as_view(), name="eligibility"),
    path("full-membership/<int:pk>/upgrade/", views.CountryUpgradeView.as_view(), name="country_upgrade"),
]
