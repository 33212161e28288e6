"""Indicators as code: a catalogue of named, versioned definitions.

An indicator is a function of (area code, as-of date, period start) that returns a number
AND the rows behind it. Each area of the platform adds its definitions in
`jiuye/<app>/indicators.py` by calling `register(...)` at import time; `catalogue()` imports
that module of every installed app once and returns the definitions in registration order.
See docs/indicators.md.

Two shapes cover every figure the bureau reports:

- `CountIndicator`: the number of distinct rows (people, households, fairs, ...) of a
  queryset. The subclass writes `rows(q)`: the rows counted, not yet limited to an area.
- `RateIndicator`: a share in percent, numerator over denominator; the subclass writes
  `denominator_rows(q)` and `numerator_rows(q)` (a subset of the denominator).

Area roll-up is one grouped query: the rows are grouped by the prefix of their region code
at the child level (`Substr(area_field, 1, child length)`), so the figure for every child
area and the area's own total come from a single statement. A row registered at the area
itself (a code shorter than the child level) counts for the area but for no child: the
result says so in `unassigned`.
"""

import datetime
import importlib
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import Substr

from jiuye.geo.enums import CODE_LENGTHS
from jiuye.people.selectors import years_before

COUNT = "count"
RATE = "rate"
# When a figure is taken: over a period ending on the as-of date, or on the as-of date.
PERIOD = "period"
AS_OF = "as_of"


@dataclass(frozen=True)
class Query:
    """What a figure is asked for: an area (region code prefix), a day, and the start of
    the period that ends on that day (inclusive at both ends)."""

    area_code: str
    as_of: datetime.date
    period_start: datetime.date

    @classmethod
    def for_year(cls, area_code: str, as_of: datetime.date) -> "Query":
        return cls(area_code, as_of, as_of.replace(month=1, day=1))

    def year_earlier(self) -> "Query":
        return replace(
            self, as_of=years_before(self.as_of, 1), period_start=years_before(self.period_start, 1)
        )

    def with_area(self, area_code: str) -> "Query":
        return replace(self, area_code=area_code)


def child_length(area_code: str) -> int | None:
    """The code length of the level below `area_code` (None for a village)."""
    lengths = sorted(CODE_LENGTHS.values())
    longer = [n for n in lengths if n > len(area_code)]
    return longer[0] if longer else None


@dataclass
class Figure:
    """One indicator's value for one area; for rates, the counts behind it."""

    value: float | int | None
    numerator: int | None = None
    denominator: int | None = None

    def as_dict(self) -> dict:
        return {"value": self.value, "numerator": self.numerator, "denominator": self.denominator}


@dataclass
class AreaFigures:
    """An indicator evaluated for an area and each of its child areas."""

    total: Figure
    children: dict[str, Figure] = field(default_factory=dict)
    # Rows registered at the area itself, below no child area (count, or denominator).
    unassigned: int = 0


def percent(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 2) if denominator else None


def in_area(rows: QuerySet, area_field: str, area_code: str) -> QuerySet:
    """Rows whose region code (at `area_field`, a column or a foreign key's code) starts
    with `area_code`."""
    return rows.alias(_area=F(area_field)).filter(_area__startswith=area_code)


def grouped_counts(
    rows: QuerySet, area_field: str, area_code: str, sum_field: str | None = None
) -> tuple[int, dict[str, int]]:
    """Rows in the area: (total, {child code: count}) in one grouped query (with
    `sum_field`, the sum of that column instead of the number of rows)."""
    rows = in_area(rows, area_field, area_code).order_by()
    length = child_length(area_code)
    measure = Sum(sum_field) if sum_field else Count("pk")
    if length is None:
        total = rows.aggregate(_n=measure)["_n"] or 0
        return total, {}
    grouped = (
        rows.annotate(_child=Substr(area_field, 1, length))
        .values("_child")
        .annotate(_n=measure)
        .values_list("_child", "_n")
    )
    counts = {child: n or 0 for child, n in grouped}
    return sum(counts.values()), counts


class Indicator:
    """The common part of every definition. Subclasses set the attributes below."""

    code: str = ""
    version: int = 1
    label: str = ""
    unit: str = ""
    kind: str = COUNT
    timing: str = AS_OF
    description: str = ""
    #: The lookup path to the region code that places a counted row in an area.
    area_field: str = "region_id"
    #: Whether the bureau sets yearly targets for it (and so whether a higher value is
    #: the better one): counts of problems (zero-employment households) are not targeted.
    targetable: bool = True
    #: The model the drill-down lists ("person" or "household"); pages pick the columns.
    subject: str = "person"
    #: The app that defined it (set by `register`).
    module: str = ""
    #: Whether it reads employment spells or group memberships, the busiest ledger tables:
    #: a live figure is computed on every dashboard read (the ledger ones from tallies),
    #: the others are kept until a write to the tables they read (`jiuye.stats.freshness`).
    live: bool = False
    #: For a subject other than "person" or "household": the drill-down's columns, as
    #: (heading, attribute path with "__" between steps) pairs, and the related rows to load.
    columns: tuple = ()
    select_related: tuple = ()

    def visible(self, rows: QuerySet, user) -> QuerySet:
        """`rows` limited to what `user` may see (for a subject other than person or
        household): the model's scoped manager when it has one. The page has already
        checked that the area is the viewer's."""
        manager = rows.model._default_manager
        if hasattr(manager, "visible_to"):
            return rows.filter(pk__in=manager.visible_to(user).values("pk"))
        return rows

    def evaluate(self, q: Query) -> AreaFigures:
        raise NotImplementedError

    def values_on(self, q: Query, days: list[datetime.date]) -> list | None:
        """The area's value as of each of `days` (each <= q.as_of, same period start) in
        one pass, or None to let the caller evaluate day by day. Must equal
        `[evaluate(q with as_of=day).total.value for day in days]` exactly."""
        return None

    def records(self, q: Query, part: str = "numerator") -> QuerySet:
        """The rows behind the figure for `q.area_code` (for a rate: its numerator, or its
        denominator with `part="denominator"`)."""
        raise NotImplementedError


class CountIndicator(Indicator):
    kind = COUNT

    def rows(self, q: Query) -> QuerySet:
        raise NotImplementedError

    def records(self, q: Query, part: str = "numerator") -> QuerySet:
        return in_area(self.rows(q), self.area_field, q.area_code)

    def evaluate(self, q: Query) -> AreaFigures:
        total, groups = grouped_counts(self.rows(q), self.area_field, q.area_code)
        children = {code: Figure(n) for code, n in groups.items() if len(code) > len(q.area_code)}
        unassigned = total - sum(f.value for f in children.values())
        return AreaFigures(Figure(total), children, unassigned if child_length(q.area_code) else 0)


class SumIndicator(CountIndicator):
    """The sum of a column (`sum_field`) over the rows, e.g. the positions of vacancies."""

    sum_field: str = ""

    def evaluate(self, q: Query) -> AreaFigures:
        total, groups = grouped_counts(
            self.rows(q), self.area_field, q.area_code, sum_field=self.sum_field
        )
        children = {code: Figure(n) for code, n in groups.items() if len(code) > len(q.area_code)}
        unassigned = total - sum(f.value for f in children.values())
        return AreaFigures(Figure(total), children, unassigned if child_length(q.area_code) else 0)


class RateIndicator(Indicator):
    kind = RATE
    unit = "%"

    def denominator_rows(self, q: Query) -> QuerySet:
        raise NotImplementedError

    def numerator_rows(self, q: Query) -> QuerySet:
        raise NotImplementedError

    def records(self, q: Query, part: str = "numerator") -> QuerySet:
        rows = self.denominator_rows(q) if part == "denominator" else self.numerator_rows(q)
        return in_area(rows, self.area_field, q.area_code)

    def evaluate(self, q: Query) -> AreaFigures:
        den_total, den = grouped_counts(self.denominator_rows(q), self.area_field, q.area_code)
        num_total, num = grouped_counts(self.numerator_rows(q), self.area_field, q.area_code)
        children = {
            code: Figure(percent(num.get(code, 0), n), num.get(code, 0), n)
            for code, n in den.items()
            if len(code) > len(q.area_code)
        }
        unassigned = den_total - sum(f.denominator for f in children.values())
        unassigned = unassigned if child_length(q.area_code) else 0
        return AreaFigures(
            Figure(percent(num_total, den_total), num_total, den_total), children, unassigned
        )


class ChangeIndicator(Indicator):
    """The change of a count indicator against the same day a year earlier."""

    kind = COUNT
    of: CountIndicator

    @property
    def live(self) -> bool:
        return self.of.live

    def records(self, q: Query, part: str = "numerator") -> QuerySet:
        return self.of.records(q, part)

    def evaluate(self, q: Query) -> AreaFigures:
        now, before = self.of.evaluate(q), self.of.evaluate(q.year_earlier())
        children = {
            code: Figure(
                now.children.get(code, Figure(0)).value - before.children.get(code, Figure(0)).value
            )
            for code in set(now.children) | set(before.children)
        }
        return AreaFigures(
            Figure(now.total.value - before.total.value),
            children,
            now.unassigned - before.unassigned,
        )


_REGISTRY: dict[str, Indicator] = {}
_DISCOVERED = False


def register(indicator: Indicator | type[Indicator]) -> Indicator | type[Indicator]:
    """Add a definition to the catalogue; usable as a class decorator. Codes are unique."""
    instance = indicator() if isinstance(indicator, type) else indicator
    if not instance.code:
        raise ValueError("an indicator needs a code")
    existing = _REGISTRY.get(instance.code)
    if existing is not None and type(existing) is not type(instance):
        raise ValueError(f"indicator code {instance.code!r} is registered twice")
    instance.module = instance.module or type(instance).__module__.rsplit(".", 1)[0]
    _REGISTRY[instance.code] = instance
    return indicator


def discover() -> None:
    """Import `indicators` of every installed app (each registers its definitions)."""
    global _DISCOVERED
    if _DISCOVERED:
        return
    # The ledger's own definitions first: the headline figures lead every listing.
    importlib.import_module("jiuye.stats.indicators")
    for config in apps.get_app_configs():
        try:
            importlib.import_module(f"{config.name}.indicators")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.indicators":
                raise
    _DISCOVERED = True


def catalogue() -> list[Indicator]:
    discover()
    return list(_REGISTRY.values())


def get(code: str) -> Indicator:
    discover()
    return _REGISTRY[code]
