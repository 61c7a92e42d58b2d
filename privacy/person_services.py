from django.db import transaction

from reports.services import download_record

from .enums import PrivacyActionKind
from .models import PrivacyAction, subject_hash
from .person import counts


@transaction.atomic
def person_export_record(*, by, data, file_format):
    """Record that `by` downloaded everything about one person: a PrivacyAction (the person as a
    hash, the number of rows of each kind) and a DownloadRecord. Answers the file's name, which
    holds no address (only the start of the hash)."""
    hashed = subject_hash(data["email"])
    action = PrivacyAction.objects.create(
        kind=PrivacyActionKind.PERSON_EXPORT, performed_by=by, subject_hash=hashed, counts=counts(data),
    )
    name = f"personal-data-{hashed[:12]}.{file_format}"
    download_record(by=by, kind="person_export", object_id=action.pk, name=name)
    return name
