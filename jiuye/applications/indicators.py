"""Application indicators (see docs/indicators.md): an application counts in the period it
was made (`created_at`, local date) or, for hires, the period it was hired in (`hired_at`),
in the vacancy's area; people who applied count in the area of their household
registration. All three are read from the platform tallies
(`jiuye.stats.platform_tally`): applications and hires for any period, people who applied
for the year to date. Labels live in jiuye/stats/texts.py."""

from django.db.models import Exists, OuterRef, QuerySet

from jiuye.applications.enums import ApplicationStatus
from jiuye.applications.models import Application
from jiuye.people.models import Person
from jiuye.stats import platform_tally as pt
from jiuye.stats import texts as t
from jiuye.stats.catalogue import PERIOD, CountIndicator, Query, register

COLUMNS = (
    (t.COL_SEEKER, "seeker__person__name"),
    (t.COL_TITLE, "vacancy__title"),
    (t.COL_EMPLOYER, "vacancy__employer__name"),
    (t.COL_STATUS, "get_status_display"),
    (t.COL_APPLIED, "created_at"),
    (t.COL_AREA, "vacancy__region__name"),
)
RELATED = ("seeker__person", "vacancy__employer", "vacancy__region")


def applications_made(q: Query) -> QuerySet[Application]:
    return Application.objects.filter(
        created_at__date__gte=q.period_start, created_at__date__lte=q.as_of
    )


@register
class JobSeekersApplied(pt.PlatformTallied, CountIndicator):
    code = "job_seekers_applied"
    tally = pt.APPLIED
    year_to_date_only = True
    label = t.JOB_SEEKERS_APPLIED
    unit = t.PEOPLE
    timing = PERIOD
    description = t.JOB_SEEKERS_APPLIED_DESC

    def rows(self, q: Query) -> QuerySet:
        made = applications_made(q).filter(seeker__person=OuterRef("pk"))
        return Person.objects.filter(Exists(made))


@register
class Applications(pt.PlatformTallied, CountIndicator):
    code = "applications"
    tally = pt.APPLICATIONS
    label = t.APPLICATIONS_LABEL
    unit = t.APPLICATIONS
    timing = PERIOD
    subject = "application"
    area_field = "vacancy__region_id"
    description = t.APPLICATIONS_DESC
    columns = COLUMNS
    select_related = RELATED

    def rows(self, q: Query) -> QuerySet:
        return applications_made(q)


@register
class Hires(pt.PlatformTallied, CountIndicator):
    code = "hires"
    tally = pt.HIRES
    label = t.HIRES
    unit = t.APPLICATIONS
    timing = PERIOD
    subject = "application"
    area_field = "vacancy__region_id"
    description = t.HIRES_DESC
    columns = (*COLUMNS, (t.COL_HIRED, "hired_at"))
    select_related = RELATED

    def rows(self, q: Query) -> QuerySet:
        return Application.objects.filter(
            status=ApplicationStatus.HIRED,
            hired_at__date__gte=q.period_start,
            hired_at__date__lte=q.as_of,
        )
