"""Vacancy indicators (see docs/indicators.md): a vacancy counts in the period it was
posted live (`posted_on`), in the area of the vacancy (`Vacancy.region`). Both are
read from the platform tallies (`jiuye.stats.platform_tally`), for any
period. Labels live in jiuye/stats/texts.py."""

from django.db.models import QuerySet

from jiuye.stats import platform_tally as pt
from jiuye.stats import texts as t
from jiuye.stats.catalogue import PERIOD, CountIndicator, Query, SumIndicator, register
from jiuye.vacancies.enums import PUBLISHED_STATUSES
from jiuye.vacancies.models import Vacancy

COLUMNS = (
    (t.COL_TITLE, "title"),
    (t.COL_EMPLOYER, "employer__name"),
    (t.COL_POSITIONS, "headcount"),
    (t.COL_POSTED, "posted_on"),
    (t.COL_AREA, "region__name"),
)


def vacancies_posted(q: Query) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(
        status__in=PUBLISHED_STATUSES,
        posted_on__gte=q.period_start,
        posted_on__lte=q.as_of,
        duplicate_of__isnull=True,
    )


@register
class Vacancies(pt.PlatformTallied, CountIndicator):
    code = "vacancies"
    label = t.VACANCIES_LABEL
    unit = t.VACANCIES
    timing = PERIOD
    subject = "vacancy"
    tally = pt.VACANCIES
    description = t.VACANCIES_DESC
    columns = COLUMNS
    select_related = ("employer", "region")

    def rows(self, q: Query) -> QuerySet:
        return vacancies_posted(q)


@register
class PositionsOffered(pt.PlatformTallied, SumIndicator):
    code = "positions_offered"
    label = t.POSITIONS_OFFERED
    unit = t.POSITIONS
    timing = PERIOD
    subject = "vacancy"
    sum_field = "headcount"
    tally = pt.POSITIONS
    description = t.POSITIONS_OFFERED_DESC
    columns = COLUMNS
    select_related = ("employer", "region")

    def rows(self, q: Query) -> QuerySet:
        return vacancies_posted(q)
