"""What each person and each household contributes to the ledger indicators, as intervals
of days: one pure function of the subject's own rows, the single place where the meaning of
the fast path lives (pinned equal to the indicators' direct queries by tests/stats).

A fact is `(code, period_year, region, start, end)`: the subject counts for `code` in
`region` on every day D with start <= D < end (`end` None: from `start` on), days as date
ordinals. As-of indicators have `period_year` 0. A period indicator (new jobs) counts over
the calendar year to date: its fact for year Y is the day the person first counts in the
period from 1 January Y (`end` None), emitted only when that day falls in Y, since the fast
path answers only year-to-date periods (see `jiuye.stats.tally`).

The definitions restate jiuye/stats/indicators.py over intervals (see docs/indicators.md):
spells and group memberships are half-open, working age is 16 to 59 (men) or 54 (women) as
`working_age_on` counts it, a new job is a working spell that does not continue one.
"""

import datetime
from dataclasses import dataclass, field

from jiuye.people.enums import (
    AWAY_STATUSES,
    POVERTY_GROUPS,
    WORKING_AGE_MAX,
    WORKING_AGE_MIN,
    WORKING_STATUSES,
    EmploymentStatus,
    PersonGroup,
)

VILLAGE_CODE_LENGTH = 12
# Fact codes (short: they are stored in every tally row).
NEW_RURAL = "nrj"
NEW_URBAN = "nuj"
POOR_FORCE = "plf"
POOR_EMPLOYED = "ple"
MIGRANTS = "mig"
RETURN_DENOMINATOR = "mrd"
RETURN_NUMERATOR = "mrn"
ZERO_HOUSEHOLDS = "zeh"
PERIOD_CODES = frozenset({NEW_RURAL, NEW_URBAN})
PERSON_CODES = (NEW_RURAL, NEW_URBAN, POOR_FORCE, POOR_EMPLOYED, MIGRANTS, RETURN_DENOMINATOR,
                RETURN_NUMERATOR)  # fmt: skip
HOUSEHOLD_CODES = (ZERO_HOUSEHOLDS,)

FIRST = datetime.date.min.toordinal()
NEVER = None  # an open end
Interval = tuple[int, int | None]
Fact = tuple[str, int, str, int, int | None]


@dataclass
class PersonRows:
    """A person's rows as the facts need them: spells and groups as (kind, start, end)."""

    region: str
    birth: datetime.date
    sex: str
    spells: list = field(default_factory=list)
    groups: list = field(default_factory=list)


def _ord(day: datetime.date | None, default: int | None) -> int | None:
    return day.toordinal() if day is not None else default


def _lt(a: int | None, b: int | None) -> bool:
    """a < b where None is +infinity."""
    return b is None if a is None else (b is None or a < b)


def union(intervals) -> list[Interval]:
    """Sorted, disjoint, non-touching intervals covering the same days."""
    kept = [(a, b) for a, b in intervals if _lt(a, b)]
    ordered = sorted(kept, key=lambda ab: (ab[0], ab[1] is None, ab[1] or 0))
    merged: list[list] = []
    for a, b in ordered:
        if merged and (merged[-1][1] is None or merged[-1][1] >= a):
            if merged[-1][1] is not None and (b is None or b > merged[-1][1]):
                merged[-1][1] = b
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def intersect(xs: list[Interval], ys: list[Interval]) -> list[Interval]:
    result = []
    for a, b in xs:
        for c, d in ys:
            start = max(a, c)
            end = b if d is None else (d if b is None else min(b, d))
            if _lt(start, end):
                result.append((start, end))
    return union(result)


def subtract(xs: list[Interval], ys: list[Interval]) -> list[Interval]:
    result = list(xs)
    for c, d in ys:
        pieces = []
        for a, b in result:
            if not (_lt(a, d) and _lt(c, b)):  # no overlap
                pieces.append((a, b))
                continue
            if a < c:
                pieces.append((a, c))
            if d is not None and _lt(d, b):
                pieces.append((d, b))
        result = pieces
    return union(result)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The first day D with `years_before(D, years) >= day` (29 February -> 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return datetime.date(day.year + years, 3, 1)


def working_age(birth: datetime.date, sex: str) -> list[Interval]:
    start = add_years(birth, WORKING_AGE_MIN).toordinal()
    end = add_years(birth, WORKING_AGE_MAX[sex] + 1).toordinal()
    return union([(start, end)])


def spells_in(spells, statuses) -> list[Interval]:
    return union(
        (_ord(start, FIRST), _ord(end, NEVER))
        for status, start, end in spells
        if status in statuses
    )


def _year_start(year: int) -> int:
    return datetime.date(year, 1, 1).toordinal()


def years_after_away(spells) -> list[Interval]:
    """The calendar years following a year in which the person worked away from home: a
    spell away touching that year (as `worked_away_in_year` reads it: it starts before the
    year's end and ends after its first day)."""
    result = []
    for status, start, end in spells:
        if status not in AWAY_STATUSES:
            continue
        first = start.year
        if end is None:
            result.append((_year_start(first + 1), NEVER))
            continue
        last = (end - datetime.timedelta(days=1)).year
        if first <= last:
            result.append((_year_start(first + 1), _year_start(last + 2)))
    return union(result)


def new_job_starts(spells) -> list[datetime.date]:
    """Starts of working spells that do not directly continue a working spell."""
    working = [(start, end) for status, start, end in spells if status in WORKING_STATUSES]
    ends = {end for _, end in working if end is not None}
    return sorted({start for start, _ in working if start not in ends})


def _new_job_facts(rows: PersonRows) -> list[Fact]:
    starts = new_job_starts(rows.spells)
    firsts: dict[int, datetime.date] = {}
    for start in starts:
        firsts.setdefault(start.year, start)
    village = len(rows.region) == VILLAGE_CODE_LENGTH
    farmer = [(s, e) for group, s, e in rows.groups if group == PersonGroup.FARMER]
    facts = []
    for year, first in firsts.items():
        if not village:
            facts.append((NEW_URBAN, year, rows.region, first.toordinal(), NEVER))
        period = datetime.date(year, 1, 1)
        counts_from = None
        if village:
            counts_from = first
        else:
            froms = [max(s or period, period) for s, e in farmer if e is None or e > period]
            if froms:
                counts_from = max(first, min(froms))
        if counts_from is not None and counts_from.year == year:
            facts.append((NEW_RURAL, year, rows.region, counts_from.toordinal(), NEVER))
    return facts


def person_facts(rows: PersonRows) -> list[Fact]:
    work = spells_in(rows.spells, WORKING_STATUSES)
    outside = spells_in(rows.spells, {EmploymentStatus.NOT_IN_LABOUR_FORCE})
    away = spells_in(rows.spells, AWAY_STATUSES)
    poor = union(
        (_ord(start, FIRST), _ord(end, NEVER))
        for group, start, end in rows.groups
        if group in POVERTY_GROUPS
    )
    poor_force = subtract(intersect(poor, working_age(rows.birth, rows.sex)), outside)
    returned = years_after_away(rows.spells)
    sets = {
        POOR_FORCE: poor_force,
        POOR_EMPLOYED: intersect(poor_force, work),
        MIGRANTS: away,
        RETURN_DENOMINATOR: returned,
        RETURN_NUMERATOR: intersect(returned, work),
    }
    facts = _new_job_facts(rows)
    for code, intervals in sets.items():
        facts.extend((code, 0, rows.region, a, b) for a, b in intervals)
    return facts


def household_facts(region: str, members: list[PersonRows]) -> list[Fact]:
    """Zero-employment: a working-age member in the labour force, none in work."""
    in_force, in_work = [], []
    for member in members:
        age = working_age(member.birth, member.sex)
        outside = spells_in(member.spells, {EmploymentStatus.NOT_IN_LABOUR_FORCE})
        in_force.extend(subtract(age, outside))
        in_work.extend(intersect(age, spells_in(member.spells, WORKING_STATUSES)))
    zero = subtract(union(in_force), union(in_work))
    return [(ZERO_HOUSEHOLDS, 0, region, a, b) for a, b in zero]
