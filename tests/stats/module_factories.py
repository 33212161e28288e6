"""Hand-built platform and assistance rows with exact dates for the statistics tests."""

import datetime
import zoneinfo

from jiuye.applications.enums import ApplicationStatus
from jiuye.applications.models import Application, JobSeeker
from jiuye.assistance.enums import CaseStatus, CertificationStatus, PlacementStatus, PostType
from jiuye.assistance.models import (
    Certification,
    DifficultyCategory,
    HomeVisit,
    Placement,
    WelfarePost,
    ZeroEmploymentCase,
)
from jiuye.jobfairs.enums import FairMode, ParticipationStatus
from jiuye.jobfairs.models import FairEmployer, JobFair
from jiuye.vacancies.enums import VacancyStatus
from jiuye.vacancies.models import Vacancy
from tests.factories import EmployerFactory, HouseholdFactory
from tests.stats.factories import D

LOCAL = zoneinfo.ZoneInfo("Asia/Shanghai")


def local(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """A moment on `day` in Hechi (the local day the indicators count by)."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL)


def fair(region: str, day, *, hour: int = 9, name: str = "春风行动招聘会"):
    return JobFair.objects.create(
        name=name,
        mode=FairMode.OFFLINE,
        starts_at=local(day, hour),
        ends_at=local(day, 23, 59),
        region_id=region,
        organiser="河池市人社局",
        venue="人力资源市场",
    )


def booth(at_fair, employer=None, status=ParticipationStatus.APPROVED):
    return FairEmployer.objects.create(
        fair=at_fair, employer=employer or EmployerFactory(), status=status
    )


def vacancy(
    region: str,
    posted_on,
    *,
    headcount=1,
    status=VacancyStatus.LIVE,
    occupation="",
    employer=None,
    valid_until=None,
    **fields,
):
    return Vacancy.objects.create(
        employer=employer or EmployerFactory(region_id=region[:6]),
        title=fields.pop("title", "普工"),
        occupation_code=occupation,
        headcount=headcount,
        wage_min=3000,
        wage_max=4500,
        region_id=region,
        status=status,
        posted_on=posted_on,
        valid_until=valid_until or (posted_on or D(2026, 1, 1)) + datetime.timedelta(days=60),
        confirmed_at=local(posted_on) if posted_on else None,
        **fields,
    )


def seeker(who, *, occupations="", created=None):
    made = JobSeeker.objects.create(person=who, desired_occupations=occupations)
    if created is not None:
        JobSeeker.objects.filter(pk=made.pk).update(created_at=local(created))
    return made


def application(to, by, on, *, hour=9, status=ApplicationStatus.SUBMITTED, hired_on=None):
    made = Application.objects.create(
        vacancy=to,
        seeker=by,
        status=status,
        hired_at=local(hired_on) if hired_on else None,
    )
    Application.objects.filter(pk=made.pk).update(created_at=local(on, hour))
    return made


def certification(who, certified_on, valid_until, *, status=CertificationStatus.CERTIFIED):
    return Certification.objects.create(
        person=who,
        region_id=who.region_id,
        category=DifficultyCategory.objects.filter(province_code="").first(),
        status=status,
        applied_on=certified_on - datetime.timedelta(days=30),
        certified_on=certified_on,
        valid_until=valid_until,
    )


def welfare_post(region: str, post_type=PostType.VILLAGE_WELFARE):
    return WelfarePost.objects.create(
        post_type=post_type,
        title="村级保洁员",
        region_id=region,
        host_unit="测试村民委员会",
        monthly_subsidy=880,
        places=5,
        start_date=D(2025, 1, 1),
    )


def placement(post, who, start, *, ended=None):
    return Placement.objects.create(
        post=post,
        person=who,
        start_date=start,
        term_end=start + datetime.timedelta(days=365),
        status=PlacementStatus.ENDED if ended else PlacementStatus.ACTIVE,
        end_date=ended,
        end_reason="resigned" if ended else "",
    )


def household(region: str):
    return HouseholdFactory(region_id=region)


def case(home, opened_on, *, cleared_on=None, deadline=None):
    return ZeroEmploymentCase.objects.create(
        household=home,
        region_id=home.region_id,
        status=CaseStatus.CLEARED if cleared_on else CaseStatus.OPEN,
        opened_on=opened_on,
        deadline=deadline or opened_on + datetime.timedelta(days=30),
        cleared_on=cleared_on,
    )


def visit(home, on):
    return HomeVisit.objects.create(
        household=home, region_id=home.region_id, visited_on=on, visitors="张三、李四"
    )
