import factory

from countries.enums import MembershipLevel, Region
from countries.models import CoreGroup, CoreGroupMember, Country


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = factory.Iterator(["KE", "ML", "NG", "VN", "ID", "PH", "IN", "MN", "BD", "ET"])
    region = Region.AFRICA
    working_language = "en"
    membership_level = MembershipLevel.FULL


class CoreGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoreGroup

    country = factory.SubFactory(CountryFactory)


class CoreGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoreGroupMember

    core_group = factory.SubFactory(CoreGroupFactory)
    name = factory.Faker("name")
    institution = "Ministry of Health"
    position = "Director"
    email = factory.Sequence(lambda n: f"ccg{n}@example.org")
    gender = "female"
