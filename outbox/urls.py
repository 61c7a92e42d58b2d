from django.urls import path

from . import views

app_name = "outbox"
urlpatterns = [
    path("", views.OutboxListView.as_view(), name="list"),
    path("<int:pk>/", views.OutboxDetailView.as_view(), name="detail"),
]
