"""The portal's URLs plus /bench/minimal/: the cheapest page Django can serve
through the portal's middleware (sessions, authentication, language, axes...)."""

from django.http import HttpResponse
from django.urls import path

from jln_portal.urls import urlpatterns as portal_urlpatterns


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal, name="bench_minimal"), *portal_urlpatterns]
