import pytest
from django.db import IntegrityError, transaction

from accounts.enums import Role
from eoi.models import ExpressionOfInterest
from privacy.enums import PrivacyActionKind
from privacy.models import PrivacyAction, subject_hash

pytestmark = pytest.mark.django_db


def test_the_subject_is_kept_as_a_hash_of_the_normalised_address():
    assert subject_hash(" Awa.Ba@Sante.gouv.SN ") == subject_hash("awa.ba@sante.gouv.sn")
    assert "awa" not in subject_hash("awa.ba@sante.gouv.sn")


def test_a_retention_record_names_its_eoi():
    with pytest.raises(IntegrityError), transaction.atomic():
        PrivacyAction.objects.create(kind=PrivacyActionKind.RETENTION)


def test_a_request_about_a_person_names_the_person_and_the_manager(django_user_model):
    manager = django_user_model.objects.create_user(email="m@example.org", password="x" * 12, role=Role.MANAGER)
    with pytest.raises(IntegrityError), transaction.atomic():
        PrivacyAction.objects.create(kind=PrivacyActionKind.PERSON_ERASURE, performed_by=manager)
    with pytest.raises(IntegrityError), transaction.atomic():
        PrivacyAction.objects.create(kind=PrivacyActionKind.PERSON_EXPORT, subject_hash=subject_hash("a@b.org"))
    PrivacyAction.objects.create(kind=PrivacyActionKind.PERSON_EXPORT, performed_by=manager,
                                 subject_hash=subject_hash("a@b.org"))
    assert ExpressionOfInterest.objects.count() == 0
