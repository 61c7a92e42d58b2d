from django.urls import path

from . import views, views_erase

app_name = "privacy"

urlpatterns = [
    path("person/", views.PersonExportView.as_view(), name="person"),
    path("person/download/", views.PersonDownloadView.as_view(), name="person_download"),
    path("erase/", views_erase.person_erase, name="erase"),
]
