from django.urls import path

from . import views

app_name = "countries"
urlpatterns = [
    path("", views.CountryListView.as_view(), name="list"),
    path("<int:pk>/", views.CountryDetailView.as_view(), name="detail"),
    path("<int:pk>/core-group/", views.CoreGroupUpdateView.as_view(), name="core_group"),
]
