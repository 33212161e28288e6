"""Helpers that build assistance data through the services."""

import datetime

from jiuye.assistance.enums import CertificationAction, PostType
from jiuye.assistance.models import DifficultyCategory, WelfarePost
from jiuye.assistance.services import apply_for_certification, transition_certification
from jiuye.people.enums import EmploymentStatus, PersonGroup, SpellSource
from jiuye.people.models import GroupMembership
from jiuye.people.services import record_employment_status
from tests.factories import PersonFactory

DAY = datetime.date(2026, 6, 1)


def category(code="disabled"):
    return DifficultyCategory.objects.get(province_code="", code=code)


def certified_person(by, *, on=DAY, **person_fields):
    """A person certified through the whole workflow (applied 30 days before `on`)."""
    person = PersonFactory(**person_fields)
    start = on - datetime.timedelta(days=30)
    certification = apply_for_certification(
        person=person, category=category(), applied_on=start, by=by
    )
    for action, day in (
        (CertificationAction.VERIFY, start + datetime.timedelta(days=2)),
        (CertificationAction.PUBLISH, start + datetime.timedelta(days=3)),
        (CertificationAction.APPROVE, start + datetime.timedelta(days=20)),
    ):
        certification = transition_certification(
            certification=certification, action=action, by=by, on=day, note="核实属实"
        )
    return person


def poor_person(**person_fields):
    person = PersonFactory(**person_fields)
    GroupMembership.objects.create(person=person, group=PersonGroup.LIFTED_OUT_OF_POVERTY)
    return person


def status(person, value, start):
    return record_employment_status(
        person=person, status=value, start=start, source=SpellSource.FORM
    )


def unemployed(person, start=DAY - datetime.timedelta(days=100)):
    return status(person, EmploymentStatus.UNEMPLOYED, start)


def post(region_id, *, post_type=PostType.VILLAGE_WELFARE, places=1, **fields):
    defaults = {
        "title": "村级保洁员",
        "host_unit": "测试村民委员会",
        "monthly_subsidy": 880,
        "start_date": DAY - datetime.timedelta(days=60),
    }
    defaults.update(fields)
    return WelfarePost.objects.create(
        post_type=post_type, region_id=region_id, places=places, **defaults
    )
