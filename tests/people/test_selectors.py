import datetime

from jiuye.people.enums import EmploymentStatus, SpellSource
from jiuye.people.models import Person
from jiuye.people.selectors import people_in_work, working_age_on, zero_employment_households
from jiuye.people.services import record_employment_status
from tests.factories import HouseholdFactory, PersonFactory

DAY = datetime.date(2026, 6, 30)


def status(person, value, start):
    return record_employment_status(
        person=person, status=value, start=start, source=SpellSource.FORM
    )


def test_spells_are_half_open(regions):
    person = PersonFactory()
    status(person, EmploymentStatus.EMPLOYED_IN_COUNTY, DAY)
    status(person, EmploymentStatus.UNEMPLOYED, DAY + datetime.timedelta(days=10))
    assert not people_in_work(DAY - datetime.timedelta(days=1)).exists()
    assert list(people_in_work(DAY)) == [person]
    assert list(people_in_work(DAY + datetime.timedelta(days=9))) == [person]
    assert not people_in_work(DAY + datetime.timedelta(days=10)).exists()


def test_working_age_bounds_differ_by_sex(regions):
    man_59 = PersonFactory(birth=datetime.date(1966, 7, 1), sex_code="M")  # 59 on DAY
    man_60 = PersonFactory(birth=datetime.date(1966, 6, 30), sex_code="M")  # 60 on DAY
    woman_55 = PersonFactory(birth=datetime.date(1971, 6, 30), sex_code="F")
    teen_16 = PersonFactory(birth=datetime.date(2010, 6, 30), sex_code="F")
    teen_15 = PersonFactory(birth=datetime.date(2010, 7, 1), sex_code="M")
    ids = set(Person.objects.filter(working_age_on(DAY)).values_list("pk", flat=True))
    assert ids == {man_59.pk, teen_16.pk}
    assert man_60.pk not in ids and woman_55.pk not in ids and teen_15.pk not in ids


def test_zero_employment_household_is_detected_and_cleared(regions):
    household = HouseholdFactory(region_id=regions["village"])
    father = PersonFactory(household=household, region_id=regions["village"])
    student = PersonFactory(household=household, region_id=regions["village"])
    status(father, EmploymentStatus.UNEMPLOYED, DAY - datetime.timedelta(days=100))
    status(student, EmploymentStatus.NOT_IN_LABOUR_FORCE, DAY - datetime.timedelta(days=100))
    assert list(zero_employment_households(as_of=DAY)) == [household]
    assert list(zero_employment_households(as_of=DAY, area_code=regions["far_township"])) == []

    status(father, EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE, DAY)
    assert list(zero_employment_households(as_of=DAY)) == []
    assert list(zero_employment_households(as_of=DAY - datetime.timedelta(days=1))) == [household]


def test_household_of_only_people_outside_the_labour_force_is_not_zero_employment(regions):
    household = HouseholdFactory()
    retired = PersonFactory(household=household, birth=datetime.date(1950, 1, 1))
    student = PersonFactory(household=household)
    status(retired, EmploymentStatus.UNEMPLOYED, DAY - datetime.timedelta(days=5))
    status(student, EmploymentStatus.NOT_IN_LABOUR_FORCE, DAY - datetime.timedelta(days=5))
    assert not zero_employment_households(as_of=DAY).exists()
