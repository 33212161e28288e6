"""Hand-built ledger rows for the statistics tests: spells and groups with exact dates."""

import datetime

from jiuye.people.enums import EmploymentStatus, PersonGroup, SpellSource
from jiuye.people.models import EmploymentSpell, GroupMembership
from tests.factories import PersonFactory

D = datetime.date


BIRTH = D(1985, 6, 1)


def person(region: str, *, birth=BIRTH, sex="M", **fields):
    return PersonFactory(region_id=region, birth=birth, sex_code=sex, **fields)


def spell(who, status: str, start, end=None, region=None):
    return EmploymentSpell.objects.create(
        person=who, status=status, start=start, end=end, source=SpellSource.FORM, region_id=region
    )


def group(who, name: str, start=None, end=None):
    return GroupMembership.objects.create(person=who, group=name, start=start, end=end)


WORK = EmploymentStatus.EMPLOYED_IN_COUNTY
AWAY = EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE
UNEMPLOYED = EmploymentStatus.UNEMPLOYED
OUTSIDE = EmploymentStatus.NOT_IN_LABOUR_FORCE
POOR = PersonGroup.POOR
FARMER = PersonGroup.FARMER
