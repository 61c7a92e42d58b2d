"""One small, complete set of people and objects for the tests that cross every
page: the URL × role matrix, accessibility (axe), HTML validation, page weight.

`ROLES` are the people the portal knows, by the key the tables use. Objects a
URL needs (`world.country_a`, `world.mail`...) are attributes of the world.

A step that adds pages about new objects (an EOI of country A, a review...)
does not edit this file: it writes `<app>/tests/world.py` with

    def extend(world):
        world.eoi_a = EOIFactory(country=world.country_a, ...)

which `build_world()` finds and calls, in INSTALLED_APPS order.
"""

from importlib import import_module
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.module_loading import module_has_submodule

from accounts.enums import Role

ANONYMOUS = "anonymous"
ROLES = (ANONYMOUS, "focal_a", "focal_b", "facilitator", "facilitator_conflicted", "steering", "manager")

# Role key → (role, preferred language, full name). Country A is francophone, B anglophone.
PEOPLE = {
    "focal_a": (Role.FOCAL_POINT, "fr", "Awa Diop"),
    "focal_b": (Role.FOCAL_POINT, "en", "Kofi Mensah"),
    "facilitator": (Role.FACILITATOR, "en", "Fiona Reviewer"),
    # Until evaluation records conflicts of interest this is just a second facilitator;
    # evaluation/tests/world.py declares the conflict with country A.
    "facilitator_conflicted": (Role.FACILITATOR, "en", "Carl Conflicted"),
    "steering": (Role.STEERING, "en", "Sofia Steering"),
    "manager": (Role.MANAGER, "en", "Maria Manager"),
}


def build_world():
    """Create the world in the current test database and return it."""
    from accounts.services import invitation_send, invitation_token
    from accounts.tests.factories import UserFactory
    from countries.tests.factories import CoreGroupFactory, CoreGroupMemberFactory, CountryFactory

    world = SimpleNamespace(users={ANONYMOUS: None})
    for key, (role, language, name) in PEOPLE.items():
        world.users[key] = UserFactory(
            email=f"{key.replace('_', '.')}@example.org", full_name=name, role=role, language=language
        )
    world.country_a = CountryFactory(code="SN", working_language="fr")
    world.country_b = CountryFactory(code="GH", working_language="en")
    world.country_a.focal_points.add(world.users["focal_a"])
    world.country_b.focal_points.add(world.users["focal_b"])
    core_group = CoreGroupFactory(country=world.country_a)
    CoreGroupMemberFactory(core_group=core_group, is_coordinator=True)

    world.invitation = invitation_send(
        email="new.focal@example.org", full_name="Nouvelle Personne", role=Role.FOCAL_POINT,
        country=world.country_a, language="fr", by=world.users["manager"], base_url="http://testserver",
    )
    world.invitation_token = invitation_token(world.invitation)
    world.mail = _invitation_mail(world.invitation)
    # Someone who asked for a new password. Not one of ROLES: logging in invalidates the link.
    world.reset_user = UserFactory(email="forgetful@example.org", role=Role.FOCAL_POINT, language="fr")
    world.country_a.focal_points.add(world.reset_user)
    world.reset_uidb64 = urlsafe_base64_encode(force_bytes(world.reset_user.pk))
    world.reset_token = default_token_generator.make_token(world.reset_user)

    for module in _world_modules():
        module.extend(world)
    return world


def _invitation_mail(invitation):
    from outbox.models import OutboundMail

    return OutboundMail.objects.get(to_email=invitation.email)


def _world_modules():
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, "tests"):
            continue
        tests = import_module(f"{app_config.name}.tests")
        if module_has_submodule(tests, "world"):
            module = import_module(f"{app_config.name}.tests.world")
            if hasattr(module, "extend"):
                yield module
