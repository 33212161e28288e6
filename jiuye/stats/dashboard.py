"""Everything the dashboard, the printable report and the workbook show for one area, built
once: the indicator report, year-to-date progress against targets, and monthly trends."""

import contextlib
from dataclasses import dataclass, field

from django.db import connection, transaction

from jiuye.stats import platform_tally, tally
from jiuye.stats.catalogue import AS_OF, Query, catalogue, child_length, get
from jiuye.stats.progress import area_progress
from jiuye.stats.selectors import area_report, month_ends, monthly_trend
from jiuye.stats.supply import supply_demand

# Trend lines on the dashboard: the figures a bureau follows month by month.
TREND_CODES = (
    "new_rural_labour_jobs",
    "new_urban_jobs",
    "migrant_workers",
    "poverty_labour_employment_rate",
)


@dataclass
class Dashboard:
    query: Query
    report: dict
    progress: dict
    trends: dict[str, list[dict]] = field(default_factory=dict)
    #: `jiuye.stats.supply.supply_demand`: the vacancy-to-seeker ratio per quarter.
    supply: dict = field(default_factory=dict)

    @property
    def indicators(self) -> list[dict]:
        return list(self.report["indicators"].values())


def build_dashboard(q: Query, *, trends: bool = True, kept: dict | None = None) -> Dashboard:
    """The whole dashboard; `kept` is a `platform_part(q)` still valid (not recomputed)."""
    # The ledger figures of the whole page (this year, a year earlier, each month end)
    # come from one read of the tallies.
    days = [q.as_of, q.year_earlier().as_of, *month_ends(q.period_start, q.as_of)]
    tally.drain()  # outside the transaction below: the drain's lock is held only while it runs
    with (
        quick_reads(),
        tally.reading(q.area_code, days, child_length(q.area_code)),
        platform_tally.reading(),
    ):
        return _build(q, trends, kept)


def platform_part(q: Query) -> dict:
    """What of a dashboard is kept between writes to the busiest tables: the indicators
    that are not `live` (supply and demand is computed on every read, from the platform
    tallies)."""
    codes = [i.code for i in catalogue() if not i.live]
    figures: dict = {}
    with quick_reads():
        report = area_report(q, codes=codes, figures=figures)
    return {"entries": report["indicators"], "figures": figures}


@contextlib.contextmanager
def quick_reads():
    """PostgreSQL compiles a query whose estimated cost is high (a subquery per row) before
    running it: 20-70 ms of compiling for queries that then run in a few milliseconds.
    It also starts parallel workers for them, which costs more than it saves for reads
    of a few thousand tally rows (a county's dashboard: 108 -> 90 ms at city scale). The
    page's reads run in one transaction with both off."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield


def _build(q: Query, trends: bool, kept: dict | None) -> Dashboard:
    figures = dict(kept["figures"]) if kept else {}
    report = area_report(q, figures=figures, known=kept["entries"] if kept else None)
    # Targets are yearly: progress runs over the calendar year whatever period is shown, so
    # a figure counted over a period is reused only when the period is the year to date.
    year_to_date = q.period_start == q.as_of.replace(month=1, day=1)
    reusable = {code: f for code, f in figures.items() if year_to_date or get(code).timing == AS_OF}
    progress = area_progress(q.area_code, q.as_of, reusable)
    trend_lines = {}
    if trends:
        for code in TREND_CODES:
            try:
                indicator = get(code)
            except KeyError:
                continue
            trend_lines[code] = monthly_trend(indicator, q)
    supply = supply_demand(q.area_code, q.as_of)
    return Dashboard(q, report, progress, trend_lines, supply)


def current_dashboard(q: Query) -> Dashboard:
    """`build_dashboard(q)`, served again until the next write to the data it counts. After
    a write to spells or group memberships only the live figures are computed again (the
    ledger ones from the tallies): the platform part is kept until a write to its tables."""
    from jiuye.stats.freshness import OTHERS, cached

    key = f"{q.area_code}:{q.as_of.isoformat()}:{q.period_start.isoformat()}"

    def compute() -> Dashboard:
        kept = cached("dashboard-platform", key, lambda: platform_part(q), part=OTHERS)
        return build_dashboard(q, kept=kept)

    return cached("dashboard", key, compute)
