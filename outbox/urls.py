from django.urls import path

from . import views

app_name = "outbox"
urlpatterns = [
    path("", views.OutboxListView.as_view(), name="list"),
    path("dispatch/", views.DispatchView.as_view(), name="dispatch"),
    path("<int:pk>/", views.MailDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.MailEditView.as_view(), name="edit"),
    path("<int:pk>/approve/", views.MailActionView.as_view(action="approve"), name="approve"),
    path("<int:pk>/schedule/", views.MailScheduleView.as_view(), name="schedule"),
    path("<int:pk>/unschedule/", views.MailActionView.as_view(action="unschedule"), name="unschedule"),
    path("<int:pk>/discard/", views.MailActionView.as_view(action="discard"), name="discard"),
    path("<int:pk>/resend/", views.MailResendView.as_view(), name="resend"),
    path("batches/<str:batch>/", views.BatchDetailView.as_view(), name="batch"),
    path("batches/<str:batch>/approve/", views.BatchApproveView.as_view(), name="batch_approve"),
    path("batches/<str:batch>/schedule/", views.BatchScheduleView.as_view(), name="batch_schedule"),
]
