"""Signing in with e-mail and password, without Django's model permissions.

The portal grants nothing through Django's model permissions (users, groups and
`auth_permission` rows): every permission is a django-rules predicate
(`jln_portal/permissions.py`) and the admin asks `jln_portal.admin.is_admin_user`.
Django's `ModelBackend` would still read the user's and their groups' model
permissions (two queries) each time a rule says no; this backend answers "no"
at once. Superusers never get here: `User.has_perm` lets them through first.
"""

from django.contrib.auth.backends import ModelBackend


class AuthenticationBackend(ModelBackend):
    """`ModelBackend`'s sign-in (`authenticate`, `get_user`, inactive users refused), no model permissions."""

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False
