"""Vacancy indicators (see docs/indicators.md): a vacancy counts in the period it was
posted live (`posted_on`), in the area of the vacancy (`Vacancy.region`). Above the
township both are read from the platform tallies (`jiuye.stats.platform_tally`), for any
period. Labels live in jiuye/stats/texts.py."""

from django.db.models import QuerySet

from jiuye.stats import platform_tally as pt
from jiuye.stats import texts as t
from jiuye.stats.catalogue import (
    PERIOD,
    AreaFigures,
    CountIndicator,
    Figure,
    Query,
    SumIndicator,
    child_length,
    register,
)
from jiuye.vacancies.enums import VacancyStatus
from jiuye.vacancies.models import Vacancy

# A vacancy that was published: live now, or live before and expired or closed since.
PUBLISHED_STATUSES = (VacancyStatus.LIVE, VacancyStatus.EXPIRED, VacancyStatus.CLOSED)
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


class PostedTallied:
    """Counted from the platform tallies where they apply, else from the records
    (`evaluate_direct`, always the records: the tests pin both equal). Read on every
    dashboard read (`live`): a vacancy posted counts at once, at the cost of one read of
    the tallies."""

    live = True
    tally: str = ""

    def evaluate(self, q: Query) -> AreaFigures:
        if not pt.applies(q.area_code):
            return self.evaluate_direct(q)
        length = child_length(q.area_code)
        sums = pt.posted(q.area_code, length, q.period_start, q.as_of)
        children: dict[str, int] = {}
        total = 0
        for (code, _dim, child), n in sums.items():
            if code != self.tally:
                continue
            total += n
            if len(child) == length:
                children[child] = children.get(child, 0) + n
        figures = {child: Figure(n) for child, n in children.items() if n}
        return AreaFigures(Figure(total), figures, total - sum(children.values()))

    def evaluate_direct(self, q: Query) -> AreaFigures:
        return super().evaluate(q)


@register
class Vacancies(PostedTallied, CountIndicator):
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
class PositionsOffered(PostedTallied, SumIndicator):
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
