"""Migration 0003 on a database that already holds several open invitations per person:
only each person's latest one stays open, and none older than an accepted one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = [("accounts", "0002_initial")], [("accounts", "0003_invitation_single_use")]


def test_migration_keeps_only_the_latest_open_invitation_of_each_person():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    User, Invitation = apps.get_model("accounts", "User"), apps.get_model("accounts", "Invitation")
    manager = User.objects.create(email="m@example.org", full_name="M", role="manager")
    fiona = User.objects.create(email="f@example.org", full_name="F", role="facilitator")
    awa = User.objects.create(email="a@example.org", full_name="A", role="facilitator")
    now = timezone.now()

    def invite(user, minutes_ago, accepted=False):
        at = now - timezone.timedelta(minutes=minutes_ago)
        return Invitation.objects.create(email=user.email, full_name=user.full_name, role=user.role, user=user,
                                         invited_by=manager, created_at=at, accepted_at=at if accepted else None).pk

    fiona_old, fiona_new = invite(fiona, 30), invite(fiona, 10)
    awa_old, awa_accepted = invite(awa, 30), invite(awa, 20, accepted=True)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    Invitation = executor.loader.project_state(AFTER).apps.get_model("accounts", "Invitation")
    opened = set(Invitation.objects.filter(accepted_at__isnull=True, ended_at__isnull=True).values_list("pk", flat=True))
    assert opened == {fiona_new}
    assert set(Invitation.objects.filter(ended_at__isnull=False).values_list("pk", flat=True)) == {fiona_old, awa_old}
    assert Invitation.objects.get(pk=awa_accepted).ended_at is None
