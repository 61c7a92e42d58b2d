from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.GeneratedFileListView.as_view(), name="list"),
    path("new/<slug:kind>/", views.GeneratedFileRequestView.as_view(), name="request"),
    path("<int:pk>/", views.GeneratedFileStatusView.as_view(), name="status"),
    path("<int:pk>/download/", views.GeneratedFileDownloadView.as_view(), name="download"),
]
