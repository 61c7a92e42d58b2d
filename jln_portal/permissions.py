"""The one object-permission mechanism every view uses.

Rules are predicates registered with django-rules in each app's `rules.py`
(`rules.add_perm("eoi.change_eoi", ...)`). Views never test roles themselves:
they name a permission, and this module enforces it, denying by default.

- Anonymous users are sent to the login page.
- A page about an object the user may not see answers 404 (its existence is not
  revealed); a page with no object answers 403.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .refusals import DeniedBecause, NotFoundBecause


def get_object_for_user(user, perm, queryset, **lookup):
    """The object matching `lookup` if `user` has `perm` on it, else Http404."""
    obj = get_object_or_404(queryset, **lookup)
    if not user.has_perm(perm, obj):
        raise Http404
    return obj


def get_object_for_action(user, perm, view_perm, queryset, **lookup):
    """For an action on an object: Http404 if `user` may not even see it
    (`view_perm`), PermissionDenied (403) if they may see it but not do `perm`."""
    obj = get_object_for_user(user, view_perm, queryset, **lookup)
    if not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


class PermissionRequiredMixin:
    """Class-based views: set `permission_required`; override
    `get_permission_object()` to check it on an object (cached as
    `self.permission_object`)."""

    permission_required = None

    def get_permission_object(self):
        return None

    def get_refusal_reason(self):
        """Why the page is refused, when saying it reveals nothing (refusals.py); None: say nothing."""
        return None

    def dispatch(self, request, *args, **kwargs):
        if self.permission_required is None:
            raise PermissionDenied  # deny by default: a view must name its permission
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.permission_object = self.get_permission_object()
        if not request.user.has_perm(self.permission_required, self.permission_object):
            reason = self.get_refusal_reason()
            if self.permission_object is not None:
                raise NotFoundBecause(reason)
            raise DeniedBecause(reason)
        return super().dispatch(request, *args, **kwargs)


def permission_required(perm=None, *, anonymous=None):
    """Function views' counterpart of PermissionRequiredMixin: one decorator for all of them.

    Anonymous users go to the login page (or to `anonymous(request, *args, **kwargs)`
    when a view must do more, e.g. keep what was typed before the session expired).
    `perm`, when given, is a permission without object: refused with 403. A permission
    on an object is checked by the view with `get_object_for_user()` (404), which it
    needs anyway to load the object.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                if anonymous is not None:
                    return anonymous(request, *args, **kwargs)
                return redirect_to_login(request.get_full_path())
            if perm is not None and not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
