"""Progress against yearly targets: actual, expected for the time of year, and a status.

Targets are yearly, so progress is always measured over the calendar year to the as-of date
(whatever period a page shows). For an indicator counted over a period (new jobs) the
expected figure grows linearly through the year: target x (days elapsed / days in year),
counting the as-of day. For a figure taken on a date (a rate, a stock) the whole target is
expected at any time. The status: met or exceeded when actual >= target; on track when
actual >= expected; behind otherwise; no data when there is no figure (an empty rate).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from jiuye.stats.catalogue import PERIOD, AreaFigures, Figure, Indicator, Query, get
from jiuye.stats.enums import TargetStatus
from jiuye.stats.models import Target


def year_fraction(day: datetime.date) -> float:
    first = datetime.date(day.year, 1, 1)
    days = (datetime.date(day.year + 1, 1, 1) - first).days
    return ((day - first).days + 1) / days


def expected_by(indicator: Indicator, target: Decimal, day: datetime.date) -> float:
    if indicator.timing == PERIOD:
        return round(float(target) * year_fraction(day), 2)
    return float(target)


def status_of(actual, target: float, expected: float) -> TargetStatus:
    if actual is None:
        return TargetStatus.NO_DATA
    if actual >= target:
        return TargetStatus.EXCEEDED
    if actual >= expected:
        return TargetStatus.ON_TRACK
    return TargetStatus.BEHIND


@dataclass
class Progress:
    indicator: Indicator
    region_code: str
    target: float
    actual: float | int | None
    expected: float
    status: TargetStatus
    split_note: str = ""
    region_name: str = ""

    @property
    def percent_of_target(self) -> float | None:
        if self.actual is None or not self.target:
            return None
        return round(100 * self.actual / self.target, 1)

    @property
    def lagging(self) -> bool:
        return self.status == TargetStatus.BEHIND

    def as_dict(self) -> dict:
        return {
            "indicator": self.indicator.code,
            "area": self.region_code,
            "area_name": self.region_name,
            "target": self.target,
            "actual": self.actual,
            "expected": self.expected,
            "percent_of_target": self.percent_of_target,
            "status": str(self.status),
            "lagging": self.lagging,
        }


def _progress(indicator, target: Target, figure: Figure | None, day) -> Progress:
    actual = figure.value if figure is not None else (0 if indicator.kind == "count" else None)
    expected = expected_by(indicator, target.value, day)
    return Progress(
        indicator,
        target.region_id,
        float(target.value),
        actual,
        expected,
        status_of(actual, float(target.value), expected),
        target.split_note,
        target.region.name,
    )


def area_progress(
    area_code: str, as_of: datetime.date, figures: dict[str, AreaFigures] | None = None
) -> dict[str, dict]:
    """For each indicator with a target in the area this year: the area's progress and its
    child areas' (those with targets). `figures` may hold year-to-date evaluations already
    made (by indicator code) so a page computes each indicator once."""
    q = Query.for_year(area_code, as_of)
    targets = Target.objects.filter(
        Q(region_id=area_code) | Q(region__parent_id=area_code), year=as_of.year
    )
    by_indicator: dict[str, list[Target]] = {}
    for target in targets.select_related("region").order_by("indicator_code", "region_id"):
        by_indicator.setdefault(target.indicator_code, []).append(target)
    result = {}
    figures = figures or {}
    for code, rows in by_indicator.items():
        try:
            indicator = get(code)
        except KeyError:  # a target for an indicator whose module is not installed
            continue
        evaluated = figures.get(code) or indicator.evaluate(q)
        own = next((t for t in rows if t.region_id == area_code), None)
        children = [
            _progress(indicator, t, evaluated.children.get(t.region_id), as_of)
            for t in rows
            if t.region_id != area_code
        ]
        result[code] = {
            "indicator": indicator,
            "area": _progress(indicator, own, evaluated.total, as_of) if own else None,
            "children": children,
            "lagging": [p for p in children if p.lagging],
        }
    return result
