"""A family of Du'an (a head working in Shenzhen and his wife) and a stranger of another
county, shared by the page tests."""

import datetime

import pytest

from jiuye.people.enums import PersonGroup
from jiuye.people.models import GroupMembership
from jiuye.people.services import record_employment_status
from tests.factories import HouseholdFactory, PersonFactory
from tests.people.ids import valid_id_number


@pytest.fixture
def family(regions):
    household = HouseholdFactory(number="H-TEST-1", region_id=regions["village"])
    head = PersonFactory(
        name="韦大山",
        region_id=regions["village"],
        household=household,
        relation="head",
        phone="13812345678",
        id_number=valid_id_number("451228", datetime.date(1980, 5, 1)),
    )
    wife = PersonFactory(
        name="蓝秀英",
        region_id=regions["village"],
        household=household,
        relation="spouse",
        sex_code="F",
    )
    household.head = head
    household.save()
    GroupMembership.objects.create(person=head, group=PersonGroup.LIFTED_OUT_OF_POVERTY)
    record_employment_status(
        person=head,
        status="employed_outside",
        start=datetime.date(2024, 3, 1),
        source="form",
        region_code="440306",
    )
    return {"household": household, "head": head, "wife": wife}


@pytest.fixture
def stranger(regions):
    """A person of the other county: nobody in Du'an may see them."""
    return PersonFactory(name="莫远方", region_id=regions["far_township"] + "201")
