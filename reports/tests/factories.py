import factory
from django.core.files.base import ContentFile

from accounts.enums import Role
from accounts.tests.factories import UserFactory
from reports.enums import FileState
from reports.models import GeneratedFile


class GeneratedFileFactory(factory.django.DjangoModelFactory):
    """A pending file by default; `done=True` gives a stored, downloadable one."""

    class Meta:
        model = GeneratedFile

    class Params:
        done = factory.Trait(
            state=FileState.DONE,
            progress=100,
            filename="report.pdf",
            content_type="application/pdf",
            size=8,
            file=factory.LazyFunction(lambda: ContentFile(b"%PDF-1.7", name="report.pdf")),
        )

    kind = "sample"
    language = "en"
    requested_by = factory.SubFactory(UserFactory, role=Role.MANAGER)
