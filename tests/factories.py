"""factory_boy factories. People get valid, made-up ID numbers from real Hechi areas."""

import datetime
import itertools

import factory

from jiuye.accounts.models import User
from jiuye.demo.ids import make_id_number
from jiuye.employers.models import Employer
from jiuye.people.models import Household, Person
from jiuye.people.services import identity_fields

_sequence = itertools.count(1)


def next_id_number(
    area: str = "451228", birth: datetime.date = datetime.date(1985, 6, 1), sex: str = "M"
) -> str:
    return make_id_number(area, birth, next(_sequence), sex)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"河池测试企业{n}有限公司")
    region_id = "451228"


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    number = factory.Sequence(lambda n: f"H{n:08d}")
    region_id = "451228"


class PersonFactory(factory.django.DjangoModelFactory):
    """`PersonFactory(region_id=..., birth=date, sex="F")` makes a consistent person."""

    class Meta:
        model = Person

    class Params:
        birth = datetime.date(1985, 6, 1)
        sex_code = "M"

    id_number = factory.LazyAttribute(
        lambda o: next_id_number(o.region_id[:6], o.birth, o.sex_code)
    )
    name = factory.Sequence(lambda n: f"测试{n}")
    region_id = "451228"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        id_number = kwargs.pop("id_number")
        return model_class.objects.create(*args, **identity_fields(id_number), **kwargs)
