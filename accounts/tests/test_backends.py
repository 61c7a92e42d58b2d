"""The authentication backend signs people in and grants no Django model permission."""

import pytest
from django.contrib.auth.models import Permission

from accounts.backends import AuthenticationBackend
from accounts.enums import Role

pytestmark = pytest.mark.django_db


def test_backend_signs_in_with_email_and_password(make_user, rf):
    user = make_user(Role.FACILITATOR, email="ana@example.org")
    user.set_password("a long pass phrase")
    user.save()

    backend, request = AuthenticationBackend(), rf.post("/accounts/login/")
    assert backend.authenticate(request, username="ana@example.org", password="a long pass phrase") == user
    assert backend.authenticate(request, username="ana@example.org", password="wrong") is None


def test_refused_rule_costs_no_model_permission_query(make_user, django_assert_num_queries):
    user = make_user(Role.FOCAL_POINT)
    with django_assert_num_queries(0):
        assert not user.has_perm("evaluation.list_calls")
        assert not user.has_perm("accounts.invite")
        assert not user.has_module_perms("evaluation")


def test_model_permissions_grant_nothing(make_user):
    user = make_user(Role.FACILITATOR)
    user.user_permissions.add(Permission.objects.get(codename="change_user"))

    assert not user.has_perm("accounts.change_user")
    assert user.get_all_permissions() == set()


def test_superuser_still_has_every_permission(make_user):
    user = make_user(Role.MANAGER, is_superuser=True)
    assert user.has_perm("accounts.change_user")
