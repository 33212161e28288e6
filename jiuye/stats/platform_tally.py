# ruff: noqa: S608 - SQL here is built from constants in this module; values are parameters.
"""Vacancies and job seekers, counted by area and day, exact on every read.

The same machinery as the ledger's tallies (`jiuye.stats.tally`): triggers on vacancies,
job seekers and applications queue the written vacancy ("v") or job seeker ("s") in
`stats_dirtysubject` (an application queues both); every read drains the queue under the
same lock, recomputes the facts of the queued subjects only, and adds the difference
between their new and their old facts to `stats_platformtally`
(`jiuye.stats.models.PlatformTally`).

The facts of a subject, each (code, region, dim, until, day, weight):

- a published vacancy that is no duplicate: ("vn", region, "", quarter of valid_until,
  posted_on, 1) and ("vp", region, medium group, quarter of valid_until, posted_on,
  headcount);
- a job seeker, for each quarter they were active in (registered, or applied for a job):
  ("sn", area, "", quarter, first active day in it, 1), and the same under "sM" once for
  each major group they want and "sm" once for each medium group ("" for none stated);
  for each year they applied for a job, ("ja", area, "", that year, first day, 1);
- an application, as a fact of the vacancy applied for (applications and hires count in
  the vacancy's area): ("ap", region, "", its year, day made, 1) and, once hired, ("hi",
  region, "", its year, day hired, 1).

Each is tallied at the county, the township and the village cut, at the grain of the day
and of the month. What the dashboard asks is then a sum over tally rows:

- vacancies, positions, applications and hires in any period: bucket in the period;
- people who applied in the year to date: "ja" rows of that year, bucket up to the day;
- positions live in a quarter: posted by its last day (bucket), valid until its first
  day or later (`until` >= the quarter's first day, since it is a quarter's first day);
- job seekers active in a quarter up to a day: `until` = the quarter, bucket <= the day.
"""

import contextlib
import contextvars
import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import connection
from django.utils import timezone

from jiuye.stats import tally
from jiuye.stats.catalogue import AreaFigures, Figure, Query, child_length
from jiuye.stats.tally import _chunks, _encode, _insert_rows, merged_ranges, upsert_rows
from jiuye.vacancies.enums import PUBLISHED_STATUSES

VACANCY, SEEKER, EVERYTHING = "v", "s", "+"
KINDS = (VACANCY, SEEKER)
VACANCIES, POSITIONS = "vn", "vp"
APPLICATIONS, HIRES = "ap", "hi"
SEEKERS, SEEKERS_MAJOR, SEEKERS_MEDIUM = "sn", "sM", "sm"
APPLIED = "ja"
HIRED = "hired"
# County, township and village cuts: every view from the city's down reads tally rows.
CUTS = (6, 9, 12)
UNSTATED = ""
CHUNK = 20_000
ROW_BY_ROW_MAX = 2_000
COLUMNS = "code, cut, region, dim, until, grain, bucket, delta"
KEY = "cut, code, grain, region, dim, until, bucket"


def _vendor_supported() -> bool:
    return connection.vendor in ("postgresql", "sqlite")


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def major(code: str) -> str:
    return code.split("-")[0] if code else UNSTATED


def medium(code: str) -> str:
    return "-".join(code.split("-")[:2]) if code and "-" in code else major(code)


# Facts ------------------------------------------------------------------------------------

VACANCY_FIELDS = (
    "pk", "status", "duplicate_of_id", "posted_on", "valid_until", "region_id",
    "occupation_code", "headcount",
)  # fmt: skip


def _year(day: datetime.date) -> str:
    return f"{day.year:04d}-01-01"


def vacancy_facts(row: tuple, applications: Iterable[tuple] = ()) -> list[tuple]:
    """A vacancy's facts, with those of the applications to it (`(created_at, status,
    hired_at)` each), which count in the vacancy's area whatever its status."""
    _pk, status, duplicate_of, posted_on, valid_until, region, occupation, headcount = row
    if not region:
        return []
    facts = []
    if status in PUBLISHED_STATUSES and duplicate_of is None and posted_on is not None:
        until, day = quarter_start(valid_until).isoformat(), posted_on.isoformat()
        facts.append((VACANCIES, region, "", until, day, 1))
        facts.append((POSITIONS, region, medium(occupation or ""), until, day, headcount))
    for created_at, application_status, hired_at in applications:
        made = local_day(created_at)
        facts.append((APPLICATIONS, region, "", _year(made), made.isoformat(), 1))
        if application_status == HIRED and hired_at is not None:
            hired = local_day(hired_at)
            facts.append((HIRES, region, "", _year(hired), hired.isoformat(), 1))
    return facts


def local_day(moment: datetime.datetime) -> datetime.date:
    """The day of `moment` in the project's time zone (whatever the request's)."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def seeker_facts(
    area: str, wanted: str, registered: datetime.date, applied: Iterable[datetime.date] = ()
) -> list[tuple]:
    """The facts of a job seeker in `area` wanting the occupations `wanted` (codes
    separated by spaces), registered on `registered`, who applied for jobs on `applied`:
    active in each quarter of those days, and applying in each year of the applications
    (the first application day of each year: `job_seekers_applied` counts a person once)."""
    if not area:
        return []
    applied = list(applied)
    first: dict[datetime.date, datetime.date] = {}
    for day in [registered, *applied]:
        quarter = quarter_start(day)
        if quarter not in first or day < first[quarter]:
            first[quarter] = day
    first_in_year: dict[str, datetime.date] = {}
    for day in applied:
        year = _year(day)
        if year not in first_in_year or day < first_in_year[year]:
            first_in_year[year] = day
    codes = wanted.split() or [UNSTATED]
    majors, mediums = sorted({major(c) for c in codes}), sorted({medium(c) for c in codes})
    facts = []
    for quarter, day in sorted(first.items()):
        until, on = quarter.isoformat(), day.isoformat()
        facts.append((SEEKERS, area, "", until, on, 1))
        facts.extend((SEEKERS_MAJOR, area, group, until, on, 1) for group in majors)
        facts.extend((SEEKERS_MEDIUM, area, group, until, on, 1) for group in mediums)
    for year, day in sorted(first_in_year.items()):
        facts.append((APPLIED, area, "", year, day.isoformat(), 1))
    return facts


def _vacancy_facts_of(rows, applications) -> dict[int, list]:
    made = defaultdict(list)
    fields = ("vacancy_id", "created_at", "status", "hired_at")
    for vacancy, *application in applications.order_by().values_list(*fields):
        made[vacancy].append(application)
    return {
        row[0]: vacancy_facts(row, made.get(row[0], ()))
        for row in rows.order_by().values_list(*VACANCY_FIELDS)
    }


def _seeker_facts_of(seekers, applications) -> dict[int, list]:
    days = defaultdict(list)
    for seeker, created in applications.order_by().values_list("seeker_id", "created_at"):
        days[seeker].append(local_day(created))
    result = {}
    rows = seekers.order_by().values_list("pk", "area_code", "desired_occupations", "created_at")
    for pk, area, wanted, created in rows:
        result[pk] = seeker_facts(area, wanted, local_day(created), days.get(pk, []))
    return result


def facts_of(kind: str, ids: list[int]) -> dict[int, list]:
    """New facts of the subjects `ids` (a missing one has none)."""
    from jiuye.applications.models import Application, JobSeeker
    from jiuye.vacancies.models import Vacancy

    result: dict[int, list] = {pk: [] for pk in ids}
    for chunk in _chunks(ids):
        if kind == VACANCY:
            result.update(
                _vacancy_facts_of(
                    Vacancy.objects.filter(pk__in=chunk),
                    Application.objects.filter(vacancy_id__in=chunk),
                )
            )
        else:
            result.update(
                _seeker_facts_of(
                    JobSeeker.objects.filter(pk__in=chunk),
                    Application.objects.filter(seeker_id__in=chunk),
                )
            )
    return result


# Tallies ----------------------------------------------------------------------------------


def _add(counter: Counter, facts: Iterable, sign: int) -> None:
    for code, region, dim, until, day, weight in facts:
        counter[(code, region, dim, until, day)] += sign * weight


def _month(day: str) -> str:
    return f"{day[:7]}-01"


def _by_cut_and_grain(counter: Counter) -> list[tuple]:
    rows: Counter = Counter()
    for (code, region, dim, until, day), n in counter.items():
        if n:
            for cut in CUTS:
                part = region[:cut]
                rows[(code, cut, part, dim, until, "d", day)] += n
                rows[(code, cut, part, dim, until, "m", _month(day))] += n
    return [(*key, n) for key, n in rows.items() if n]


UPSERT = (
    f"INSERT INTO stats_platformtally ({COLUMNS}) VALUES {{values}} ON CONFLICT ({KEY}) "
    "DO UPDATE SET delta = stats_platformtally.delta + excluded.delta"
)
ROW_MARKS = "(%s, %s, %s, %s, %s, %s, %s, %s)"
LOAD_COLUMNS = "code, region, dim, until, day, delta"


def _write_tallies(counter: Counter) -> None:
    """Add fact-level changes to the tallies: row by row for a few subjects, summed by SQL
    from a temporary table for many."""
    if len(counter) <= ROW_BY_ROW_MAX:
        upsert_rows(UPSERT, ROW_MARKS, _by_cut_and_grain(counter))
        return
    with connection.cursor() as cursor:
        _create_load_table(cursor)
        _load(counter)
        _tally_from_load(cursor, add=True)
        cursor.execute("DROP TABLE stats_platform_load")


def _create_load_table(cursor) -> None:
    cursor.execute("DROP TABLE IF EXISTS stats_platform_load")
    cursor.execute(
        "CREATE TEMP TABLE stats_platform_load (code varchar(2), region varchar(12), "
        "dim varchar(16), until date, day date, delta bigint)"
    )


def _load(counter: Counter) -> None:
    rows = [(*key, n) for key, n in counter.items() if n]
    _insert_rows("stats_platform_load", LOAD_COLUMNS, rows)


def _tally_from_load(cursor, add: bool = False) -> None:
    buckets = {"d": "day", "m": tally.BUCKET_SQL[connection.vendor]["m"]}
    on_conflict = (
        f" ON CONFLICT ({KEY}) DO UPDATE SET delta = stats_platformtally.delta + excluded.delta"
        if add
        else ""
    )
    for cut in CUTS:
        for grain, bucket in buckets.items():
            cursor.execute(
                f"INSERT INTO stats_platformtally ({COLUMNS}) SELECT code, {cut}, "
                f"substr(region, 1, {cut}), dim, until, '{grain}', {bucket}, SUM(delta) "
                f"FROM stats_platform_load GROUP BY code, substr(region, 1, {cut}), dim, until, "
                f"{bucket} HAVING SUM(delta) <> 0{on_conflict}"
            )


def update(vacancies: set[int], seekers: set[int]) -> None:
    """Bring the tallies up to date for these subjects (called by `tally.drain`, which
    holds the lock)."""
    counter: Counter = Counter()
    for kind, ids in ((VACANCY, vacancies), (SEEKER, seekers)):
        if ids:
            facts = facts_of(kind, sorted(ids))
            counter.update(tally._store_facts(kind, facts, add=_add, region_at=1))
    _write_tallies(counter)


def rebuild() -> None:
    """Every vacancy's and job seeker's facts and every platform tally, afresh."""
    from jiuye.applications.models import Application, JobSeeker
    from jiuye.stats.tally import _insert_rows
    from jiuye.vacancies.models import Vacancy

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM stats_platformtally")
        cursor.execute("DELETE FROM stats_subjectfacts WHERE kind IN (%s, %s)", list(KINDS))
        _create_load_table(cursor)
    for kind, table in ((VACANCY, "vacancies_vacancy"), (SEEKER, "applications_jobseeker")):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT min(id), max(id) FROM {table}")
            lo, hi = cursor.fetchone()
        if lo is None:
            continue
        for start in range(lo, hi + 1, CHUNK):
            in_chunk = {"pk__gte": start, "pk__lt": start + CHUNK}
            if kind == VACANCY:
                known = _vacancy_facts_of(
                    Vacancy.objects.filter(**in_chunk),
                    Application.objects.filter(vacancy_id__gte=start, vacancy_id__lt=start + CHUNK),
                )
            else:
                known = _seeker_facts_of(
                    JobSeeker.objects.filter(**in_chunk),
                    Application.objects.filter(seeker_id__gte=start, seeker_id__lt=start + CHUNK),
                )
            rows = [(kind, pk, v[0][1], _encode(v)) for pk, v in known.items() if v]
            _insert_rows("stats_subjectfacts", "kind, ref_id, region, facts", rows)
            counter: Counter = Counter()
            for facts in known.values():
                _add(counter, facts, +1)
            _load(counter)
    with connection.cursor() as cursor:
        _tally_from_load(cursor)
        cursor.execute("DROP TABLE stats_platform_load")
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE stats_platformtally")


# Reading -----------------------------------------------------------------------------------


def applies(area_code: str) -> bool:
    """Whether the tallies answer for an area (any area, on the databases with the
    triggers)."""
    return _vendor_supported() and bool(area_code)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def day_parts(start: datetime.date | None, end: datetime.date) -> list[tuple]:
    """The tally rows of the days from `start` (None: from the first) to `end`, as
    (grain, first bucket or None, last bucket): the whole months in between at the month
    grain, the days at either end at the day's."""
    if start is not None and start > end:
        return []
    one = datetime.timedelta(days=1)
    # Whole months: from `low` (a first of month) up to before `high` (a first of month).
    low = None if start is None else start if start.day == 1 else _next_month(start)
    following = end + one
    high = following if following.day == 1 else end.replace(day=1)
    if low is not None and low >= high:  # within one month
        return [("d", start, end)]
    parts = [("m", low, high - one)]
    if start is not None and start < low:
        parts.append(("d", start, low - one))
    if high <= end:
        parts.append(("d", high, end))
    return parts


def days_condition(start: datetime.date | None, end: datetime.date) -> tuple[str, list]:
    """`day_parts` as an SQL condition on (grain, bucket), and its parameters."""
    parts, params = [], []
    for grain, low, high in day_parts(start, end):
        if low is None:
            parts.append("(grain = %s AND bucket <= %s)")
            params += [grain, high.isoformat()]
        else:
            parts.append("(grain = %s AND bucket >= %s AND bucket <= %s)")
            params += [grain, low.isoformat(), high.isoformat()]
    return ("(" + " OR ".join(parts) + ")" if parts else "1 = 0"), params


_READING: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "platform_tally_reading", default=None
)


@contextlib.contextmanager
def reading():
    """Answers asked again inside the block (a page asks each figure more than once) are
    read once: the figures of one page are taken at one moment."""
    if _READING.get() is not None:
        yield
        return
    token = _READING.set({})
    try:
        yield
    finally:
        _READING.reset(token)


def read(area_code: str, length: int, wanted: dict[str, tuple]) -> dict[str, Counter]:
    """{name: {(code, dim, child): sum}} for each `wanted[name]` = (codes, condition
    on `until` or None, its parameters, first day or None, last day), over the rows of
    the area cut to `length` digits (the child areas' codes)."""
    key = (area_code, length, tuple(sorted(wanted.items())))
    memo = _READING.get()
    if memo is not None and key in memo:
        return memo[key]
    tally.drain()
    cut = next(c for c in CUTS if c >= length)
    filters, filter_params = [], []
    for codes, until_sql, until_params, start, end in wanted.values():
        days_sql, days_params = days_condition(start, end)
        marks = ", ".join(["%s"] * len(codes))
        sql = f"code IN ({marks}) AND {days_sql}"
        params = [*codes, *days_params]
        if until_sql:
            sql += f" AND {until_sql}"
            params += [p.isoformat() if isinstance(p, datetime.date) else p for p in until_params]
        filters.append(sql)
        filter_params.append(params)
    sums = ", ".join(f"SUM(delta) FILTER (WHERE {sql})" for sql in filters)
    # The rows come from one index range per disjoint range of buckets (UNION ALL): an OR
    # of the ranges was planned as a scan of every row of the cut.
    codes = sorted({code for codes, *_rest in wanted.values() for code in codes})
    code_marks = ", ".join(["%s"] * len(codes))
    branches, branch_params = [], []
    parts = [part for *_c, start, end in wanted.values() for part in day_parts(start, end)]
    for grain, low, high in merged_ranges(parts):
        branches.append(
            "SELECT code, dim, region, until, grain, bucket, delta FROM stats_platformtally "
            f"WHERE cut = %s AND grain = %s AND {'bucket >= %s AND ' if low else ''}"
            f"bucket <= %s AND region LIKE %s AND code IN ({code_marks})"
        )
        bounds = [low.isoformat()] if low else []
        branch_params += [cut, grain, *bounds, high.isoformat(), f"{area_code}%", *codes]
    if not branches:
        return {name: Counter() for name in wanted}
    sql = (
        f"SELECT code, dim, substr(region, 1, {int(length)}), {sums} "
        f"FROM ({' UNION ALL '.join(branches)}) AS wanted "
        f"GROUP BY code, dim, substr(region, 1, {int(length)})"
    )
    params = [p for ps in filter_params for p in ps] + branch_params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result = {name: Counter() for name in wanted}
    for code, dim, child, *sums_ in rows:
        for name, n in zip(wanted, sums_, strict=True):
            if n:
                result[name][(code, dim, child)] += int(n)
    if memo is not None:
        memo[key] = result
    return result


# The facts counted by `PlatformTallied` indicators, and whether each is counted once a year.
COUNTS = ((VACANCIES, False), (POSITIONS, False), (APPLICATIONS, False), (HIRES, False),
          (APPLIED, True))  # fmt: skip


class PlatformTallied:
    """An indicator counted from the platform tallies where they apply, else from the
    records (`evaluate_direct`, always the records: the tests pin both equal). Read on
    every dashboard read (`live`): a write counts at once, at the cost of one read of the
    tallies. `tally` names the fact; a fact counted once a year (`year_to_date_only`: a
    person who applied) answers the year to date only."""

    live = True
    tally: str = ""
    year_to_date_only = False

    def uses_platform_tallies(self, q: Query) -> bool:
        if not applies(q.area_code):
            return False
        return not self.year_to_date_only or q.period_start == q.as_of.replace(month=1, day=1)

    def evaluate(self, q: Query) -> AreaFigures:
        if not self.uses_platform_tallies(q):
            return self.evaluate_direct(q)
        length = child_length(q.area_code)  # None for a village: no child areas
        # Every platform-tallied count of the period in one read (remembered inside
        # `reading()`: the other indicators of the page find theirs there).
        year_to_date = q.period_start == q.as_of.replace(month=1, day=1)
        wanted = {}
        for code, once_a_year in COUNTS:
            if once_a_year and not year_to_date:
                continue
            until = ("until = %s", (q.period_start,)) if once_a_year else (None, ())
            wanted[code] = ((code,), *until, q.period_start, q.as_of)
        children: dict[str, int] = {}
        total = 0
        sums = read(q.area_code, length or len(q.area_code), wanted)[self.tally]
        for (_code, _dim, child), n in sums.items():
            total += n
            if len(child) == length:
                children[child] = children.get(child, 0) + n
        figures = {child: Figure(n) for child, n in children.items() if n}
        unassigned = total - sum(children.values()) if length else 0
        return AreaFigures(Figure(total), figures, unassigned)

    def evaluate_direct(self, q: Query) -> AreaFigures:
        return super().evaluate(q)
