"""Every indicator of the catalogue for one area, as plain data: the dashboard, the report,
the API and `compute_indicators` all print what `area_report` returns, so they never
disagree."""

import calendar
import datetime
from contextlib import nullcontext
from dataclasses import replace

from jiuye.geo.models import Region
from jiuye.stats import platform_tally, tally
from jiuye.stats.catalogue import (
    COUNT,
    AreaFigures,
    ChangeIndicator,
    Indicator,
    Query,
    catalogue,
    child_length,
)


def child_regions(area_code: str) -> list[Region]:
    return list(Region.objects.children_of(area_code).order_by("code"))


def _yoy(now: float | None, before: float | None) -> dict:
    if now is None or before is None:
        return {"last_year": before, "change": None, "change_percent": None}
    change = round(now - before, 2)
    percent = round(100 * change / before, 1) if before else None
    return {"last_year": before, "change": change, "change_percent": percent}


def indicator_report(
    indicator: Indicator, q: Query, names: dict[str, str], figures: AreaFigures | None = None
) -> dict:
    figures = figures or indicator.evaluate(q)
    entry = {
        "code": indicator.code,
        "version": indicator.version,
        "label": str(indicator.label),
        "unit": str(indicator.unit),
        "kind": indicator.kind,
        "timing": indicator.timing,
        "module": indicator.module,
        **figures.total.as_dict(),
        "unassigned": figures.unassigned,
    }
    before = None
    if indicator.kind == COUNT and not isinstance(indicator, ChangeIndicator):
        before = indicator.evaluate(q.year_earlier())
        entry["year_on_year"] = _yoy(figures.total.value, before.total.value)
    children = []
    for code, name in names.items():
        figure = figures.children.get(code)
        row = {"code": code, "name": name}
        if figure is None:
            row.update({"value": 0 if indicator.kind == COUNT else None})
            row.update({"numerator": 0, "denominator": 0} if indicator.kind != COUNT else {})
        else:
            row.update(figure.as_dict() if indicator.kind != COUNT else {"value": figure.value})
        if before is not None:
            last = before.children.get(code)
            row["year_on_year"] = _yoy(row["value"], last.value if last else 0)
        children.append(row)
    entry["children"] = children
    return entry


def area_report(
    q: Query,
    codes: list[str] | None = None,
    figures: dict[str, AreaFigures] | None = None,
    known: dict[str, dict] | None = None,
) -> dict:
    """Every indicator (or those in `codes`) for the area and each child area. Pass a dict
    as `figures` to get each indicator's evaluation back (for reuse by the caller);
    `known` holds entries already computed (by code), used as they are."""
    area = Region.objects.get(code=q.area_code)
    names = {r.code: r.name for r in child_regions(q.area_code)}
    indicators = [i for i in catalogue() if codes is None or i.code in codes]
    entries = {}
    days = [q.as_of, q.year_earlier().as_of]
    tallied = any(hasattr(getattr(i, "of", i), "tallied") for i in indicators)
    length = child_length(q.area_code)
    ledger = tally.reading(q.area_code, days, length) if tallied else nullcontext()
    with ledger, platform_tally.reading():
        for indicator in indicators:
            if known is not None and indicator.code in known:
                entries[indicator.code] = known[indicator.code]
                continue
            evaluated = indicator.evaluate(q)
            if figures is not None:
                figures[indicator.code] = evaluated
            entries[indicator.code] = indicator_report(indicator, q, names, evaluated)
    return {
        "area": {"code": area.code, "name": area.name},
        "as_of": q.as_of.isoformat(),
        "period_start": q.period_start.isoformat(),
        "indicators": entries,
    }


def month_ends(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The last day of each month from `start` to `end`, the last one cut at `end`."""
    days = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        days.append(min(last, end))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def monthly_trend(indicator: Indicator, q: Query) -> list[dict]:
    """The area's value at each month end of the period (same period start). An indicator
    may answer all the days in one pass (`values_on`); otherwise each day is evaluated."""
    days = month_ends(q.period_start, q.as_of)
    values = indicator.values_on(q, days)
    if values is None:
        values = [indicator.evaluate(replace(q, as_of=day)).total.value for day in days]
    return [
        {"date": day.isoformat(), "value": value} for day, value in zip(days, values, strict=True)
    ]
