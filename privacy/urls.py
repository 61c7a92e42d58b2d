from django.urls import path

from . import views_erase

app_name = "privacy"

urlpatterns = [
    path("erase/", views_erase.person_erase, name="erase"),
]
