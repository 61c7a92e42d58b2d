from django.urls import path

from . import views

app_name = "eoi"
urlpatterns = [
    path("", views.FocalPointHomeView.as_view(), name="home"),
]
