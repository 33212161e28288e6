"""Supply and demand: the vacancy-to-seeker ratio (求人倍率) per quarter, by area and by
occupation group, and the occupations in shortest supply. See docs/indicators.md.

- Demand: the positions (headcount) of vacancies live at some time in the quarter: published
  (live now, or expired or closed since), posted on or before the quarter's last day, valid
  until its first day or later, not a duplicate. Placed by the vacancy's region code.
- Supply: job seekers active in the quarter: their profile was registered in the quarter, or
  they applied for a job in it. Placed by the person's household registration (copied onto
  the seeker row by triggers, `JobSeeker.area_code`).
- Ratio: demand / supply, two decimals; none when nobody seeks work there (a group with
  positions and no seeker is listed first among the shortages).
- Occupation groups follow the 2022 classification: the major group is the first digit of
  the code (`4-03-01-02` -> `4`), the medium group the first two parts (`4-03`). A seeker
  counts once in each group they want; vacancies and seekers with no occupation go under
  "not stated".

A quarter is cut at the as-of date: for the current quarter, from its first day to the
as-of date.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.applications.models import Application, JobSeeker
from jiuye.geo.models import Region
from jiuye.occupations.models import Occupation
from jiuye.stats import platform_tally as pt
from jiuye.stats.catalogue import child_length, in_area
from jiuye.stats.platform_tally import UNSTATED, major, medium, quarter_start
from jiuye.vacancies.enums import PUBLISHED_STATUSES
from jiuye.vacancies.models import Vacancy

__all__ = ["quarter_start", "supply_demand"]


def quarters_of_year(as_of: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """(first day, last day) of each quarter of the as-of year up to the as-of date."""
    result = []
    start = datetime.date(as_of.year, 1, 1)
    while start <= as_of:
        month = start.month + 3
        nxt = datetime.date(start.year + (month > 12), (month - 1) % 12 + 1, 1)
        result.append((start, min(nxt - datetime.timedelta(days=1), as_of)))
        start = nxt
    return result


def live_vacancies(area_code: str, start: datetime.date, end: datetime.date):
    """Published vacancies live at some time in [start, end] (not yet cut to a quarter)."""
    rows = Vacancy.objects.filter(
        status__in=PUBLISHED_STATUSES,
        posted_on__lte=end,
        valid_until__gte=start,
        duplicate_of__isnull=True,
    )
    return in_area(rows, "region_id", area_code)


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _registered_in(start: datetime.date, end: datetime.date) -> Q:
    """Created on a day from `start` to `end` (local days): compared as instants, the
    same rows as `created_at__date` between them without converting every row's time."""
    return Q(
        created_at__gte=_local_midnight(start),
        created_at__lt=_local_midnight(end + datetime.timedelta(days=1)),
    )


def active_seekers(area_code: str, start: datetime.date, end: datetime.date):
    """Job seekers registered, or applying for a job, in [start, end]."""
    applied = Application.objects.filter(_registered_in(start, end)).values("seeker_id")
    rows = JobSeeker.objects.filter(_registered_in(start, end) | Q(pk__in=applied))
    # The person's area as copied onto the seeker row (applications migration 0003): no
    # join to the people table.
    return in_area(rows, "area_code", area_code)


def _by_quarter(area_code: str, quarters: list[tuple[datetime.date, datetime.date]], cut: int):
    """Positions and seekers of every quarter, grouped by (occupation, child area), from
    one read of each table: [(vacancy rows, seeker rows)] in quarter order."""
    first, last = quarters[0][0], quarters[-1][1]
    positions = {
        f"_q{i}": Sum("headcount", filter=Q(posted_on__lte=end, valid_until__gte=start))
        for i, (start, end) in enumerate(quarters)
    }
    vacancies = list(
        live_vacancies(area_code, first, last)
        .order_by()
        .annotate(_child=Substr("region_id", 1, cut))
        .values("occupation_code", "_child")
        .annotate(**positions)
        .values_list("occupation_code", "_child", *positions)
    )
    # `id IN (subquery)`: computed once and hashed, not a subquery per seeker.
    counts = {
        f"_q{i}": Count(
            "pk",
            filter=_registered_in(start, end)
            | Q(pk__in=Application.objects.filter(_registered_in(start, end)).values("seeker_id")),
        )
        for i, (start, end) in enumerate(quarters)
    }
    seekers = list(
        active_seekers(area_code, first, last)
        .order_by()
        .annotate(_child=Substr("area_code", 1, cut))
        .values("desired_occupations", "_child")
        .annotate(**counts)
        .values_list("desired_occupations", "_child", *counts)
    )
    return [
        (
            [(code, child, row[i]) for code, child, *row in vacancies if row[i]],
            [(wanted, child, row[i]) for wanted, child, *row in seekers if row[i]],
        )
        for i in range(len(quarters))
    ]


def ratio(positions: int, seekers: int) -> float | None:
    return round(positions / seekers, 2) if seekers else None


def _group_names(keys) -> dict[str, str]:
    codes = {}
    for key in keys:
        if not key:
            continue
        parts = key.split("-")
        full = "-".join(parts + ["00"] * (4 - len(parts))) if len(parts) > 1 else f"{key}-00-00-00"
        codes[full] = key
    names = {}
    for occupation in Occupation.objects.filter(code__in=codes, level__lte=2):
        names[codes[occupation.code]] = occupation.name
    return {key: names.get(key, key) if key else _("Not stated") for key in keys}


def _rows(positions: dict, seekers: dict, names: dict) -> list[dict]:
    keys = sorted(set(positions) | set(seekers), key=lambda k: (k == UNSTATED, k))
    return [
        {
            "code": key,
            "name": names.get(key, key),
            "positions": positions.get(key, 0),
            "seekers": seekers.get(key, 0),
            "ratio": ratio(positions.get(key, 0), seekers.get(key, 0)),
        }
        for key in keys
    ]


@dataclass
class Counts:
    """Demand (positions) and supply (seekers) of one period: in all, by child area, by
    major and by medium occupation group."""

    positions: int = 0
    seekers: int = 0
    by_area_p: defaultdict = field(default_factory=lambda: defaultdict(int))
    by_area_s: defaultdict = field(default_factory=lambda: defaultdict(int))
    by_major_p: defaultdict = field(default_factory=lambda: defaultdict(int))
    by_major_s: defaultdict = field(default_factory=lambda: defaultdict(int))
    by_medium_p: defaultdict = field(default_factory=lambda: defaultdict(int))
    by_medium_s: defaultdict = field(default_factory=lambda: defaultdict(int))


def _counts_of_rows(rows: tuple, length: int | None) -> Counts:
    """Counts from the grouped records of `_by_quarter`."""
    vacancies, seekers = rows
    c = Counts()
    for occupation, child, headcount in vacancies:
        c.positions += headcount
        if length and len(child) == length:
            c.by_area_p[child] += headcount
        c.by_major_p[major(occupation)] += headcount
        c.by_medium_p[medium(occupation)] += headcount
    for wanted, child, n in seekers:
        c.seekers += n
        if length and len(child) == length:
            c.by_area_s[child] += n
        codes = wanted.split() or [UNSTATED]
        for key in {major(code) for code in codes}:
            c.by_major_s[key] += n
        for key in {medium(code) for code in codes}:
            c.by_medium_s[key] += n
    return c


def _counts_of_tallies(positions: Counter, seekers: Counter, length: int | None) -> Counts:
    """Counts from the platform tallies' sums ({(code, dim, child): n})."""
    c = Counts()
    for (_code, group, child), n in positions.items():
        c.positions += n
        if len(child) == length:
            c.by_area_p[child] += n
        c.by_major_p[major(group)] += n
        c.by_medium_p[group] += n
    for (code, group, child), n in seekers.items():
        if code == pt.SEEKERS:
            c.seekers += n
            if len(child) == length:
                c.by_area_s[child] += n
        elif code == pt.SEEKERS_MAJOR:
            c.by_major_s[group] += n
        else:
            c.by_medium_s[group] += n
    return c


def _tallied_quarters(area_code: str, quarters: list, length: int | None) -> list[Counts]:
    """Every quarter's counts from one read of the platform tallies (`length`: the child
    areas' code length, None for a village)."""
    wanted = {}
    for i, (start, end) in enumerate(quarters):
        # Positions: posted by the quarter's (cut) last day, valid until its first or later.
        wanted[f"p{i}"] = ((pt.POSITIONS,), "until >= %s", (start,), None, end)
        # Seekers: first active in the quarter on a day up to its (cut) last day.
        seekers = (pt.SEEKERS, pt.SEEKERS_MAJOR, pt.SEEKERS_MEDIUM)
        wanted[f"s{i}"] = (seekers, "until = %s", (start,), start, end)
    sums = pt.read(area_code, length or len(area_code), wanted)
    return [_counts_of_tallies(sums[f"p{i}"], sums[f"s{i}"], length) for i in range(len(quarters))]


def _groups(c: Counts) -> set[str]:
    return set(c.by_major_p) | set(c.by_major_s) | set(c.by_medium_p) | set(c.by_medium_s)


def _children(area_code: str) -> dict[str, str]:
    return {r.code: r.name for r in Region.objects.children_of(area_code).order_by("code")}


def period_figures(
    area_code: str,
    start: datetime.date,
    end: datetime.date,
    counts: Counts | None = None,
    names: tuple[dict, dict] | None = None,
) -> dict:
    """Demand, supply and ratio for the area, by child area, by major and medium group
    (`counts`: the quarter's, else read here; `names`: (child areas, groups) by code,
    else read here)."""
    length = child_length(area_code)
    if counts is None:
        cut = length or len(area_code)
        counts = _counts_of_rows(_by_quarter(area_code, [(start, end)], cut)[0], length)
    c = counts
    children, names = names or (_children(area_code), _group_names(_groups(c)))
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "positions": c.positions,
        "seekers": c.seekers,
        "ratio": ratio(c.positions, c.seekers),
        "areas": [
            {
                "code": code,
                "name": name,
                "positions": c.by_area_p.get(code, 0),
                "seekers": c.by_area_s.get(code, 0),
                "ratio": ratio(c.by_area_p.get(code, 0), c.by_area_s.get(code, 0)),
            }
            for code, name in children.items()
        ],
        "majors": _rows(c.by_major_p, c.by_major_s, names),
        "mediums": _rows(c.by_medium_p, c.by_medium_s, names),
    }


def shortages(mediums: list[dict], limit: int = 10) -> list[dict]:
    """Medium groups in shortest supply: positions with no seeker first (most positions
    first), then by ratio, highest first; only groups with positions and a stated code."""
    wanted = [r for r in mediums if r["positions"] and r["code"]]
    return sorted(
        wanted,
        key=lambda r: (r["ratio"] is not None, -(r["ratio"] or 0), -r["positions"], r["code"]),
    )[:limit]


def supply_demand(area_code: str, as_of: datetime.date, direct: bool = False) -> dict:
    """The ratio per quarter of the as-of year (by child area, by group), and for the
    quarter of the as-of date the groups by ratio and the shortages: from the platform
    tallies (unless `direct`, or on a database without them), else from the records."""
    periods = quarters_of_year(as_of)
    length = child_length(area_code)
    if pt.applies(area_code) and not direct:
        counts = _tallied_quarters(area_code, periods, length)
    else:
        rows = _by_quarter(area_code, periods, length or len(area_code))
        counts = [_counts_of_rows(quarter, length) for quarter in rows]
    # The names of the child areas and of every group, read once for all the quarters.
    names = (_children(area_code), _group_names(set().union(*map(_groups, counts))))
    quarters = [
        period_figures(area_code, start, end, c, names)
        for (start, end), c in zip(periods, counts, strict=True)
    ]
    current = quarters[-1]
    return {
        "quarters": quarters,
        "current": current,
        "shortages": shortages(current["mediums"]),
    }
