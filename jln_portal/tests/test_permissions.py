"""The permission layer denies by default."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.views import View

from accounts.enums import Role
from countries.models import Country
from jln_portal.permissions import PermissionRequiredMixin, get_object_for_user, permission_required

pytestmark = pytest.mark.django_db
ALL_ROLES = list(Role)


class ViewWithoutPermission(PermissionRequiredMixin, View):
    def get(self, request):
        return HttpResponse("secret")


class ViewWithUnknownPermission(PermissionRequiredMixin, View):
    permission_required = "countries.a_permission_nobody_defined"

    def get(self, request):
        return HttpResponse("secret")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_view_that_names_no_permission_refuses_every_role(make_user, role):
    request = RequestFactory().get("/")
    request.user = make_user(role)
    with pytest.raises(PermissionDenied):
        ViewWithoutPermission.as_view()(request)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_unknown_permission_is_false_for_every_role(make_user, role):
    request = RequestFactory().get("/")
    request.user = make_user(role)
    with pytest.raises(PermissionDenied):
        ViewWithUnknownPermission.as_view()(request)


def test_anonymous_is_sent_to_login(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/somewhere/")
    request.user = AnonymousUser()
    response = ViewWithUnknownPermission.as_view()(request)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/somewhere/"


def test_inactive_manager_has_no_permission(make_user, country):
    manager = make_user(Role.MANAGER, is_active=False)
    assert not manager.has_perm("countries.change_country", country)


def test_object_the_user_may_not_see_is_a_404(make_user, country, other_country):
    focal_point = make_user(Role.FOCAL_POINT, countries=[country])
    assert get_object_for_user(focal_point, "countries.view_country", Country.objects, pk=country.pk) == country
    with pytest.raises(Http404):
        get_object_for_user(focal_point, "countries.view_country", Country.objects, pk=other_country.pk)


@permission_required("eoi.manage_calls")
def manager_view(request):
    return HttpResponse("for managers")


def keep_and_login(request):
    return HttpResponse("kept", status=401)


@permission_required(anonymous=keep_and_login)
def signed_in_view(request):
    return HttpResponse("signed in")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_permission_required_decorator_refuses_every_role_but_the_permitted(make_user, role):
    request = RequestFactory().get("/")
    request.user = make_user(role)
    if role == Role.MANAGER:
        assert manager_view(request).content == b"for managers"
    else:
        with pytest.raises(PermissionDenied):
            manager_view(request)


def test_permission_required_decorator_sends_anonymous_to_login_or_to_its_handler():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/eoi/1/edit/?x=1")
    request.user = AnonymousUser()
    response = manager_view(request)
    assert response.status_code == 302 and "next=/eoi/1/edit/%3Fx%3D1" in response["Location"]
    assert signed_in_view(request).status_code == 401
