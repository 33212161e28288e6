"""Platform factories: verified employers, live vacancies, job seekers."""

import datetime

import factory
from django.utils import timezone

from jiuye.applications.models import JobSeeker
from jiuye.employers.enums import EmployerStatus
from jiuye.vacancies.enums import VacancyStatus
from jiuye.vacancies.models import Vacancy
from jiuye.vacancies.search_terms import sync_vacancy_terms
from tests.factories import EmployerFactory, PersonFactory


class VerifiedEmployerFactory(EmployerFactory):
    status = EmployerStatus.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)


class VacancyFactory(factory.django.DjangoModelFactory):
    """A live, public vacancy (use `status="draft"` for a draft)."""

    class Meta:
        model = Vacancy

    employer = factory.SubFactory(VerifiedEmployerFactory)
    title = "厨师"
    occupation_code = "4-03-02-01"
    wage_min = 3000
    wage_max = 4500
    region_id = "451228"
    status = VacancyStatus.LIVE
    posted_on = factory.LazyFunction(timezone.localdate)
    confirmed_at = factory.LazyFunction(timezone.now)
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.set_derived_fields()
        obj.save()
        sync_vacancy_terms(obj)
        return obj


class JobSeekerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobSeeker

    person = factory.SubFactory(PersonFactory)


_numbers = iter(range(1, 10**6))


def valid_id_number(area: str = "452122", birth: datetime.date = datetime.date(1990, 3, 1)) -> str:
    """A number stdnum accepts. (tests.factories.next_id_number drops a digit before its
    check-digit call, and stdnum does not know the post-2002 Hechi codes such as 451228, so
    these use an older Guangxi code, 452122.)"""
    from stdnum.cn import ric

    body = f"{area}{birth:%Y%m%d}{next(_numbers) % 999 + 1:03d}"
    return body + ric.calc_check_digit(body + "0")
