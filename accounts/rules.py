"""Role predicates, shared by every app's rules.py."""

import rules

from .enums import Role


@rules.predicate
def is_focal_point(user):
    return user.is_authenticated and user.is_active and user.role == Role.FOCAL_POINT


@rules.predicate
def is_facilitator(user):
    return user.is_authenticated and user.is_active and user.role == Role.FACILITATOR


@rules.predicate
def is_manager(user):
    return user.is_authenticated and user.is_active and user.role == Role.MANAGER


@rules.predicate
def is_steering_member(user):
    return user.is_authenticated and user.is_active and user.role == Role.STEERING


rules.add_perm("accounts.invite", is_manager)
rules.add_perm("accounts.list_users", is_manager)
