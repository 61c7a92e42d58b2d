"""The portal's URLs plus two reference pages:

- /bench/minimal/: the cheapest page Django can serve through the portal's
  middleware (sessions, authentication, language, axes...), the benchmark's unit;
- /bench/base/: a signed-in page with nothing but base.html (header, menu, language
  switcher, session warning): the floor under every page of the portal."""

from django.http import HttpResponse
from django.template import engines
from django.template.response import TemplateResponse
from django.urls import path

from jln_portal.urls import urlpatterns as portal_urlpatterns

BASE_ONLY = engines["django"].from_string('{% extends "base.html" %}{% block content %}<p>ok</p>{% endblock %}')


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


def base_only(request):
    return TemplateResponse(request, BASE_ONLY, {})


urlpatterns = [
    path("bench/minimal/", minimal, name="bench_minimal"),
    path("bench/base/", base_only, name="bench_base"),
    *portal_urlpatterns,
]
