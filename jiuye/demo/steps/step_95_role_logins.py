"""Logins for the roles that act for someone: an employer, a job seeker, a training institution.

Runs after the feature steps so it binds the logins to what they made (an employer and a
person in Du'an); when nothing is there yet it makes one of each itself.
"""

import datetime
import random

from stdnum.cn import uscc

from jiuye.accounts.enums import Role
from jiuye.accounts.models import User
from jiuye.demo.ids import make_id_number
from jiuye.demo.users import ensure_user
from jiuye.employers.enums import EmployerKind
from jiuye.employers.models import Employer, TrainingInstitution
from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region
from jiuye.people.models import Person
from jiuye.people.services import create_person

DEMO_COUNTY = "451228"  # Du'an Yao Autonomous County
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # the USCC alphabet


def make_credit_code(rng: random.Random, area_code: str = DEMO_COUNTY) -> str:
    """A made-up unified social credit code that passes the check digit: registered with
    market regulation (9), an enterprise (1), in the given county."""
    body = f"91{area_code[:6]}" + "".join(rng.choice(_CODE_CHARS) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def _first_village() -> Region:
    return (
        Region.objects.filter(code__startswith=DEMO_COUNTY, level=RegionLevel.VILLAGE)
        .order_by("code")
        .first()
    )


def _employer(rng: random.Random) -> Employer:
    employer = Employer.objects.filter(region__code__startswith=DEMO_COUNTY).order_by("id").first()
    if employer is None:
        employer = Employer.objects.create(
            name="都安瑶族自治县福兴茶业有限公司",
            credit_code=make_credit_code(rng),
            kind=EmployerKind.ENTERPRISE,
            industry="A",
            region_id=_first_village().parent_id,
            contact_name="蒙振华",
        )
    return employer


def _person(rng: random.Random) -> Person:
    person = (
        Person.objects.filter(region__code__startswith=DEMO_COUNTY, user__isnull=True)
        .order_by("id")
        .first()
    )
    if person is None:
        birth = datetime.date(2003, 3, 14)  # stdnum knows 451228 from 2002
        sequence = 1
        while Person.objects.with_id_number(
            number := make_id_number(DEMO_COUNTY, birth, sequence, "F")
        ).exists():
            sequence += 1
        person = create_person(id_number=number, name="韦春燕", region_code=_first_village().code)
    return person


def _institution(rng: random.Random) -> TrainingInstitution:
    institution = (
        TrainingInstitution.objects.filter(region__code__startswith=DEMO_COUNTY)
        .order_by("id")
        .first()
    )
    if institution is None:
        institution = TrainingInstitution.objects.create(
            name="都安瑶族自治县职业技能培训学校",
            credit_code=make_credit_code(rng),
            region_id=DEMO_COUNTY,
        )
    return institution


def run(rng: random.Random) -> str:
    made = []
    if not User.objects.filter(username="employer").exists():
        employer = _employer(rng)
        ensure_user("employer", role=Role.EMPLOYER, first_name="企业 蒙振华", employer=employer)
        made.append("employer")
    if not User.objects.filter(username="seeker").exists():
        ensure_user("seeker", role=Role.JOB_SEEKER, first_name="韦春燕", person=_person(rng))
        made.append("seeker")
    if not User.objects.filter(username="trainer").exists():
        ensure_user(
            "trainer",
            role=Role.TRAINING_INSTITUTION,
            first_name="培训 黄丽",
            institution=_institution(rng),
        )
        made.append("trainer")
    return f"role logins: {', '.join(made) or 'already there'}"
