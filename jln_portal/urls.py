from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("privacy/", views.privacy, name="privacy"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("countries/", include("countries.urls")),
    path("membership/", include("membership.urls")),
    path("outbox/", include("outbox.urls")),
    path("eoi/", include("eoi.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("reports/", include("reports.urls")),
    path("personal-data/", include("privacy.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "jln_portal.views.bad_request"  # what happened, in the reader's language
handler404 = "jln_portal.errors.page_not_found"
handler403 = "jln_portal.errors.permission_denied"
