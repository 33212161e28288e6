"""Job fair indicators (see docs/indicators.md): a fair counts in the period it starts in,
in the area of the fair (`JobFair.region`). Labels live in jiuye/stats/texts.py."""

from django.db.models import QuerySet

from jiuye.jobfairs.enums import ParticipationStatus
from jiuye.jobfairs.models import FairEmployer, JobFair
from jiuye.stats import texts as t
from jiuye.stats.catalogue import PERIOD, CountIndicator, Query, register


def fairs_started(q: Query) -> QuerySet[JobFair]:
    return JobFair.objects.filter(starts_at__date__gte=q.period_start, starts_at__date__lte=q.as_of)


@register
class JobFairs(CountIndicator):
    code = "job_fairs"
    label = t.JOB_FAIRS
    unit = t.FAIRS
    timing = PERIOD
    subject = "jobfair"
    description = t.JOB_FAIRS_DESC
    columns = ((t.COL_FAIR, "name"), (t.COL_STARTS, "starts_at"), (t.COL_AREA, "region__name"))
    select_related = ("region",)

    def rows(self, q: Query) -> QuerySet:
        return fairs_started(q)


@register
class FairEmployers(CountIndicator):
    code = "fair_employers"
    label = t.FAIR_EMPLOYERS
    unit = t.EMPLOYERS
    timing = PERIOD
    subject = "fairemployer"
    area_field = "fair__region_id"
    description = t.FAIR_EMPLOYERS_DESC
    columns = (
        (t.COL_EMPLOYER, "employer__name"),
        (t.COL_FAIR, "fair__name"),
        (t.COL_STARTS, "fair__starts_at"),
        (t.COL_AREA, "fair__region__name"),
    )
    select_related = ("employer", "fair__region")

    def rows(self, q: Query) -> QuerySet:
        return FairEmployer.objects.filter(
            status=ParticipationStatus.APPROVED, fair__in=fairs_started(q)
        )

    def visible(self, rows: QuerySet, user) -> QuerySet:
        return rows.filter(fair__in=JobFair.objects.visible_to(user))
