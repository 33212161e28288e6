# ruff: noqa: S608 - SQL here is built from constants in this module; values are parameters.
"""The ledger indicators, fast and exact on every read.

Database triggers (migration 0006) queue the id of every person and household whose rows
are written (a person, an employment spell, a group membership, a household) in
`stats_dirtysubject`; triggers cannot be bypassed, so no write is missed. Each read first
drains that queue: under one lock it recomputes the facts (`jiuye.stats.facts`) of the
queued subjects only, and adds the difference between their new and their old facts to
`stats_tally`, the count changes by (fact, area, day) kept at three grains (year, month,
day). A value as of D is then a sum over a few thousand tally rows, whatever the size of
the ledger, and a read costs in proportion to the writes since the last one.

Exactness: the queue is read and emptied with one DELETE ... RETURNING inside the drain's
transaction, under a lock that makes drains take turns (on PostgreSQL a transaction-level
advisory lock; SQLite has a single writer). A write committed before a read starts is in
the queue (its trigger ran in the writer's transaction) or already drained by a drain that
the reader waits for; a write that commits later is queued for the next read.

The fast path answers an as-of indicator on any date, and a period indicator for the
calendar year to date (period from 1 January of the as-of year, the dashboard's default
and the targets' period); other periods are computed directly from the records.
"""

import bisect
import contextlib
import contextvars
import datetime
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, transaction

from jiuye.stats import facts as f

LOCK_KEY = 45_120_006
# Above this many queued subjects a drain rebuilds everything in one pass.
# A drain recomputes the queued subjects one by one, about three times the cost per person
# of a full rebuild: above this share of the ledger queued (a big import), it rebuilds.
REBUILD_SHARE = 0.3
# Up to this many day-level changes a drain writes the tallies row by row.
ROW_BY_ROW_MAX = 2_000
CHUNK = 20_000
# Tally rows kept in memory before they are written (bounds a rebuild's memory: ~300
# bytes each with the rows written from them; a rebuild of a million people passed 1.5
# million and took ~500 MB).
FLUSH_ABOVE = 250_000
TOWNSHIP_LENGTH = 9
PERSON, HOUSEHOLD, EVERYTHING = "p", "h", "*"
TALLY_COLUMNS = "code, period_year, cut, scope, region, grain, bucket, delta"
# The area codes tallies are kept under: counties (for a city's view), townships (a county's).
CUTS = (6, 9)
# A tally row's `scope`: its region cut to the area whose view reads that cut (the city's
# for county rows, the county's for township rows), the first key of the read index.
SCOPE = {6: 4, 9: 6}


def _vendor_supported() -> bool:
    return connection.vendor in ("postgresql", "sqlite")


# Triggers --------------------------------------------------------------------------------

# (table, [(kind, column)]): what a written row puts in the queue.
WATCHED = {
    "people_person": [(PERSON, "id"), (HOUSEHOLD, "household_id")],
    "people_employmentspell": [(PERSON, "person_id")],
    "people_groupmembership": [(PERSON, "person_id")],
    "people_household": [(HOUSEHOLD, "id")],
    # The platform tallies (`jiuye.stats.platform_tally`): vacancies and job seekers.
    "vacancies_vacancy": [("v", "id")],
    "applications_jobseeker": [("s", "id")],
    "applications_application": [("s", "seeker_id"), ("v", "vacancy_id")],
}
# What a TRUNCATE queues: a rebuild of the ledger tallies, or of the platform tallies.
PLATFORM_EVERYTHING = "+"
TRUNCATED = {
    "vacancies_vacancy": PLATFORM_EVERYTHING,
    "applications_jobseeker": PLATFORM_EVERYTHING,
    "applications_application": PLATFORM_EVERYTHING,
}


def _pg_function(table: str, rows: str) -> str:
    # DISTINCT: a statement that writes several rows of one subject (an import writes a
    # person's memberships in one COPY, 2.2 a person) queues the subject once.
    selects = " UNION ".join(
        f"SELECT DISTINCT '{kind}', {column} FROM {rows} WHERE {column} IS NOT NULL"
        for kind, column in WATCHED[table]
    )
    return f"INSERT INTO stats_dirtysubject (kind, ref_id) {selects};"


LEDGER_TABLES = ("people_person", "people_employmentspell", "people_groupmembership",
                 "people_household")  # fmt: skip
PLATFORM_TABLES = tuple(t for t in WATCHED if t not in LEDGER_TABLES)


def pg_trigger_sql(tables=LEDGER_TABLES) -> list[str]:
    """Statement-level triggers with transition tables: a COPY of a million rows queues its
    ids in one INSERT ... SELECT."""
    sql = []
    for table in tables:
        name = f"stats_dirty_{table}"
        sql.append(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n"
            f"  IF TG_OP = 'TRUNCATE' THEN\n"
            f"    INSERT INTO stats_dirtysubject (kind, ref_id) "
            f"VALUES ('{TRUNCATED.get(table, EVERYTHING)}', 0);\n"
            f"    RETURN NULL;\n"
            f"  END IF;\n"
            f"  IF TG_OP IN ('INSERT', 'UPDATE') THEN {_pg_function(table, 'new_rows')} END IF;\n"
            f"  IF TG_OP IN ('DELETE', 'UPDATE') THEN {_pg_function(table, 'old_rows')} END IF;\n"
            f"  RETURN NULL;\n"
            f"END $$"
        )
        events = {
            "insert": "INSERT ON {t} REFERENCING NEW TABLE AS new_rows",
            "update": "UPDATE ON {t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
            "delete": "DELETE ON {t} REFERENCING OLD TABLE AS old_rows",
            "truncate": "TRUNCATE ON {t}",
        }
        for event, clause in events.items():
            trigger = f"{name}_{event}"
            sql.append(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
            sql.append(
                f"CREATE TRIGGER {trigger} AFTER {clause.format(t=table)} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
            )
    return sql


def sqlite_trigger_sql(tables=LEDGER_TABLES) -> list[str]:
    sql = []
    for table in tables:
        queued = WATCHED[table]
        for event, refs in (("INSERT", ["NEW"]), ("UPDATE", ["OLD", "NEW"]), ("DELETE", ["OLD"])):
            inserts = " ".join(
                f"INSERT INTO stats_dirtysubject (kind, ref_id) SELECT '{kind}', {ref}.{column} "
                f"WHERE {ref}.{column} IS NOT NULL;"
                for ref in refs
                for kind, column in queued
            )
            name = f"stats_dirty_{table}_{event.lower()}"
            sql.append(f"DROP TRIGGER IF EXISTS {name}")
            sql.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {inserts} END")
    return sql


def queue_full_build(apps, schema_editor):
    """Empty the tallies and queue a full build (a migration that changes their shape)."""
    for name in ("Tally", "SubjectFacts"):
        apps.get_model("stats", name).objects.using(schema_editor.connection.alias).all().delete()
    DirtySubject = apps.get_model("stats", "DirtySubject")
    DirtySubject.objects.using(schema_editor.connection.alias).create(kind=EVERYTHING, ref_id=0)


def replace_trigger_functions(apps, schema_editor):
    """The queue triggers' functions as this module writes them now (migration 0016), on
    PostgreSQL; the triggers, and whatever is queued, stay."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for sql in pg_trigger_sql(LEDGER_TABLES + PLATFORM_TABLES):
            if sql.startswith("CREATE OR REPLACE FUNCTION"):
                cursor.execute(sql)


def install_triggers(apps, schema_editor):
    """The ledger's queue triggers (migration 0006)."""
    _install(schema_editor, LEDGER_TABLES, EVERYTHING)


def install_platform_triggers(apps, schema_editor):
    """The platform tables' queue triggers (migration 0011), installed again by any later
    migration that rebuilds one of those tables on SQLite."""
    _install(schema_editor, PLATFORM_TABLES, PLATFORM_EVERYTHING)


def _install(schema_editor, tables, build: str) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": pg_trigger_sql, "sqlite": sqlite_trigger_sql}.get(vendor)
    if statements is None:  # pragma: no cover - other databases read the records directly
        return
    with schema_editor.connection.cursor() as cursor:
        for sql in statements(tables):
            cursor.execute(sql)
        # Whatever the tables hold already is tallied by the first read.
        cursor.execute("INSERT INTO stats_dirtysubject (kind, ref_id) VALUES (%s, 0)", [build])


def remove_triggers(apps, schema_editor):
    _remove(schema_editor, LEDGER_TABLES)


def remove_platform_triggers(apps, schema_editor):
    _remove(schema_editor, PLATFORM_TABLES)


def _remove(schema_editor, tables) -> None:
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        for table in tables:
            for event in ("insert", "update", "delete", "truncate"):
                name = f"stats_dirty_{table}_{event}"
                if vendor == "postgresql":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                elif vendor == "sqlite":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            if vendor == "postgresql":
                cursor.execute(f"DROP FUNCTION IF EXISTS stats_dirty_{table}()")


# Loading the rows facts are computed from ---------------------------------------------


def _people_rows(people, with_groups: bool) -> dict[int, tuple]:
    """{person id: (household id, PersonRows)} for the Person queryset `people`."""
    from jiuye.people.models import EmploymentSpell, GroupMembership

    rows = {
        pk: (household, f.PersonRows(region, birth, sex))
        for pk, household, region, birth, sex in people.order_by().values_list(
            "pk", "household_id", "region_id", "birth_date", "sex"
        )
    }
    if not rows:
        return rows
    ids = list(rows)
    # Many ids: read their id range (cheaper than a long IN list); a few: by id.
    by_id = {"person_id__in": ids} if len(ids) <= 1000 else {
        "person_id__gte": min(ids), "person_id__lte": max(ids)
    }  # fmt: skip
    spells = EmploymentSpell.objects.order_by().filter(**by_id)
    for pk, status, start, end in spells.values_list("person_id", "status", "start", "end"):
        if pk in rows:
            rows[pk][1].spells.append((status, start, end))
    if with_groups:
        groups = GroupMembership.objects.order_by().filter(**by_id)
        for pk, group, start, end in groups.values_list("person_id", "group", "start", "end"):
            if pk in rows:
                rows[pk][1].groups.append((group, start, end))
    return rows


def _chunks(items: list, size: int = 5000) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def person_facts_of(ids: list[int]) -> tuple[dict[int, list], set[int]]:
    """New facts of the people `ids` (a missing person has none) and their households."""
    from jiuye.people.models import Person

    result, households = {pk: [] for pk in ids}, set()
    for chunk in _chunks(ids):
        people = _people_rows(Person.objects.filter(pk__in=chunk), True)
        for pk, (household, rows) in people.items():
            result[pk] = f.person_facts(rows)
            if household is not None:
                households.add(household)
    return result, households


def _household_facts(households, known: dict) -> None:
    """Facts of the Household queryset `households` into `known` (by household id)."""
    from jiuye.people.models import Person

    pairs = list(households.order_by().values_list("pk", "region_id"))
    if not pairs:
        return
    ids = [pk for pk, _ in pairs]
    people = Person.objects.filter(household_id__gte=min(ids), household_id__lte=max(ids))
    people = people.filter(household_id__in=ids) if len(ids) <= 1000 else people
    members = defaultdict(list)
    for household, rows in _people_rows(people, False).values():
        members[household].append(rows)
    for pk, region in pairs:
        known[pk] = f.household_facts(region, members.get(pk, []))


def household_facts_of(ids: list[int]) -> dict[int, list]:
    from jiuye.people.models import Household

    result = {pk: [] for pk in ids}
    for chunk in _chunks(ids):
        _household_facts(Household.objects.filter(pk__in=chunk), result)
    return result


# Tallies ----------------------------------------------------------------------------------


_BUCKETS: dict[int, tuple[str, str, str]] = {}


def _buckets(day: int) -> tuple[str, str, str]:
    """The year, month and day buckets of a day ordinal, as ISO dates (memoised)."""
    found = _BUCKETS.get(day)
    if found is None:
        date = datetime.date.fromordinal(day)
        found = (f"{date.year:04d}-01-01", f"{date.year:04d}-{date.month:02d}-01", date.isoformat())
        _BUCKETS[day] = found
    return found


def _add(counter: Counter, facts: list, sign: int) -> None:
    """Day-level changes: {(code, period_year, township, day ordinal): delta}."""
    for code, period_year, region, start, end in facts:
        township = region[:TOWNSHIP_LENGTH]
        counter[(code, period_year, township, start)] += sign
        if end is not None:
            counter[(code, period_year, township, end)] -= sign


def _by_grain(counter: Counter) -> list[tuple]:
    """Day-level changes as tally rows at the three grains and both cuts."""
    rows: Counter = Counter()
    for (code, period_year, region, day), n in counter.items():
        if n:
            for grain, bucket in zip("ymd", _buckets(day), strict=True):
                for cut in CUTS:
                    key = (code, period_year, cut, region[: SCOPE[cut]], region[:cut])
                    rows[(*key, grain, bucket)] += n
    return [(*key, n) for key, n in rows.items() if n]


UPSERT = (
    f"INSERT INTO stats_tally ({TALLY_COLUMNS}) VALUES {{values}} "
    "ON CONFLICT (code, period_year, cut, region, grain, bucket) "
    "DO UPDATE SET delta = stats_tally.delta + excluded.delta"
)
ROW_MARKS = "(%s, %s, %s, %s, %s, %s, %s, %s)"


def _write_tallies(counter: Counter) -> None:
    """Add day-level changes to the tallies: row by row for a few subjects, summed by SQL
    from a temporary table for many (an import)."""
    if len(counter) <= ROW_BY_ROW_MAX:
        upsert_rows(UPSERT, ROW_MARKS, _by_grain(counter))
        return
    with connection.cursor() as cursor:
        _create_load_table(cursor)
        _load_days(counter)
        _tally_from_load(cursor, add=True)
        cursor.execute("DROP TABLE stats_tally_load")


def upsert_rows(upsert: str, marks: str, rows: list[tuple]) -> None:
    """`upsert` (an INSERT ... ON CONFLICT with `{values}` for the rows) for `rows`, one
    statement per 500 (each key once: the callers sum the rows by key first)."""
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, 500):
            values = ", ".join([marks] * len(chunk))
            cursor.execute(upsert.format(values=values), [v for row in chunk for v in row])


def _create_load_table(cursor) -> None:
    cursor.execute("DROP TABLE IF EXISTS stats_tally_load")
    cursor.execute(
        "CREATE TEMP TABLE stats_tally_load (code varchar(8), period_year integer, "
        "region varchar(9), day date, delta integer)"
    )


BUCKET_SQL = {
    "postgresql": {"y": "date_trunc('year', day)::date", "m": "date_trunc('month', day)::date"},
    "sqlite": {"y": "date(day, 'start of year')", "m": "date(day, 'start of month')"},
}


def _tally_from_load(cursor, add: bool = False) -> None:
    """Sum the day-level changes in stats_tally_load into the tallies: into empty ones (a
    rebuild), or added to the rows already there (`add`)."""
    buckets = {**BUCKET_SQL[connection.vendor], "d": "day"}
    on_conflict = (
        " ON CONFLICT (code, period_year, cut, region, grain, bucket) "
        "DO UPDATE SET delta = stats_tally.delta + excluded.delta"
        if add
        else ""
    )
    for cut in CUTS:
        for grain, bucket in buckets.items():
            cursor.execute(
                f"INSERT INTO stats_tally ({TALLY_COLUMNS}) SELECT code, period_year, {cut}, "
                f"substr(region, 1, {SCOPE[cut]}), substr(region, 1, {cut}), '{grain}', "
                f"{bucket}, SUM(delta) "
                f"FROM stats_tally_load GROUP BY code, period_year, "
                f"substr(region, 1, {SCOPE[cut]}), substr(region, 1, {cut}), "
                f"{bucket} HAVING SUM(delta) <> 0{on_conflict}"
            )


def _encode(facts: list) -> str:
    return json.dumps(facts, separators=(",", ":"))


def _decode(text: str) -> list:
    return [tuple(fact) for fact in json.loads(text)]


def _store_facts(kind: str, new: dict[int, list], add=None, region_at: int = 2) -> Counter:
    """Replace the stored facts of the subjects in `new`; the tally changes that makes
    (`add(counter, facts, sign)` counts them: the ledger's `_add` by default). A fact's
    area is its item `region_at` (the platform tallies' facts keep it elsewhere)."""
    from jiuye.stats.models import SubjectFacts

    add = add or _add
    counter: Counter = Counter()
    ids = list(new)
    for chunk in _chunks(ids):
        marks = ", ".join(["%s"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM stats_subjectfacts WHERE kind = %s AND ref_id IN ({marks}) "
                "RETURNING facts",
                [kind, *chunk],
            )
            for (text,) in cursor.fetchall():
                add(counter, _decode(text), -1)
        for ref_id in chunk:
            add(counter, new[ref_id], +1)
        SubjectFacts.objects.bulk_create(
            [
                SubjectFacts(
                    kind=kind, ref_id=i, region=new[i][0][region_at], facts=_encode(new[i])
                )
                for i in chunk
                if new[i]
            ]
        )
    return counter


def _update(people: set[int], households: set[int]) -> None:
    person_facts, their_households = person_facts_of(sorted(people))
    counter = _store_facts(PERSON, person_facts)
    households = household_facts_of(sorted(households | their_households))
    counter.update(_store_facts(HOUSEHOLD, households))
    _write_tallies(counter)


def _rebuild() -> None:
    """Every subject's facts and every tally, afresh, in chunks of ids: the day-level
    changes are loaded into a temporary table and summed into the tallies by SQL."""
    from jiuye.people.models import Household, Person

    with connection.cursor() as cursor:
        # The ledger's own facts only: the platform tallies' stay with their tallies.
        cursor.execute("DELETE FROM stats_subjectfacts WHERE kind IN (%s, %s)", [PERSON, HOUSEHOLD])
        cursor.execute("DELETE FROM stats_tally")
        _create_load_table(cursor)
    counter: Counter = Counter()
    for kind, table in ((PERSON, "people_person"), (HOUSEHOLD, "people_household")):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT min(id), max(id) FROM {table}")
            lo, hi = cursor.fetchone()
        if lo is None:
            continue
        for start in range(lo, hi + 1, CHUNK):
            in_chunk = {"pk__gte": start, "pk__lt": start + CHUNK}
            known: dict[int, list] = {}
            if kind == PERSON:
                people = Person.objects.filter(**in_chunk)
                for pk, (_, rows) in _people_rows(people, True).items():
                    known[pk] = f.person_facts(rows)
            else:
                _household_facts(Household.objects.filter(**in_chunk), known)
            _write_facts([(kind, pk, v[0][2], _encode(v)) for pk, v in known.items() if v])
            for facts in known.values():
                _add(counter, facts, +1)
            if len(counter) > FLUSH_ABOVE:
                _load_days(counter)
                counter = Counter()
    _load_days(counter)
    with connection.cursor() as cursor:
        _tally_from_load(cursor)
        cursor.execute("DROP TABLE stats_tally_load")
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE stats_tally")


def _load_days(counter: Counter) -> None:
    rows = [
        (code, year, region, datetime.date.fromordinal(day).isoformat(), n)
        for (code, year, region, day), n in counter.items()
        if n
    ]
    _insert_rows("stats_tally_load", "code, period_year, region, day, delta", rows)


def _insert_rows(table: str, columns: str, rows: list[tuple]) -> None:
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(rows[0]))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _write_facts(rows: list[tuple]) -> None:
    _insert_rows("stats_subjectfacts", "kind, ref_id, region, facts", rows)


def _people_estimate() -> float:
    """About how many people the ledger holds (PostgreSQL's planner estimate: no scan)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'people_person'")
            row = cursor.fetchone()
            if row and row[0] > 0:
                return row[0]
        cursor.execute("SELECT count(*) FROM people_person")
        return cursor.fetchone()[0]


def drain() -> int:
    """Bring the tallies up to date with every committed write; the subjects recomputed."""
    from jiuye.stats.models import DirtySubject

    if not _vendor_supported():
        return 0
    # By the primary key, not a scan: after a big drain the table holds dead rows until
    # vacuumed, and the index skips them once marked.
    if not DirtySubject.objects.order_by("pk").values_list("pk", flat=True)[:1]:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        with _taken_queue(cursor) as (total, sizes, subjects):
            _bring_up_to_date(sizes, subjects)
    return total


def _bring_up_to_date(sizes: dict[str, int], subjects: Callable[[str], set[int]]) -> None:
    """Recompute what the taken queue names: everything, or subject by subject."""
    people = sizes.get(PERSON, 0)
    if EVERYTHING in sizes or (people > 1000 and people > REBUILD_SHARE * _people_estimate()):
        _rebuild()
    elif people or sizes.get(HOUSEHOLD):
        _update(subjects(PERSON), subjects(HOUSEHOLD))
    from jiuye.stats import platform_tally  # (which builds on this module)

    if PLATFORM_EVERYTHING in sizes:
        platform_tally.rebuild()
    elif sizes.get(platform_tally.VACANCY) or sizes.get(platform_tally.SEEKER):
        platform_tally.update(subjects(platform_tally.VACANCY), subjects(platform_tally.SEEKER))


@contextlib.contextmanager
def _taken_queue(cursor):
    """Empty the queue, giving how many changes it held, how many subjects of each kind,
    and a way to read the subjects of one kind. On PostgreSQL one `DELETE ... RETURNING`
    moves them, each once, into a temporary table, dropped when the block ends, so that a
    big queue (an imported city queues millions of changes; fetched whole, they took ~600
    MB) never sits in Python: only the kinds that are updated subject by subject are read,
    a rebuild needs none. (On an error the transaction's rollback drops the table.)"""
    if connection.vendor == "postgresql":
        cursor.execute("DROP TABLE IF EXISTS stats_drained")
        cursor.execute("CREATE TEMP TABLE stats_drained (kind varchar(1), ref_id bigint, n bigint)")
        cursor.execute(
            "WITH gone AS (DELETE FROM stats_dirtysubject RETURNING kind, ref_id) "
            "INSERT INTO stats_drained SELECT kind, ref_id, count(*) FROM gone "
            "GROUP BY kind, ref_id"
        )
        cursor.execute("SELECT kind, count(*), sum(n) FROM stats_drained GROUP BY kind")
        counted = cursor.fetchall()

        def subjects(kind: str) -> set[int]:
            cursor.execute("SELECT ref_id FROM stats_drained WHERE kind = %s", [kind])
            return {ref for (ref,) in cursor.fetchall()}

        yield sum(int(n) for _, _, n in counted), {k: c for k, c, _ in counted}, subjects
        cursor.execute("DROP TABLE stats_drained")
        return
    cursor.execute("DELETE FROM stats_dirtysubject RETURNING kind, ref_id")
    kinds: dict[str, set[int]] = defaultdict(set)
    total = 0
    for kind, ref in cursor.fetchall():
        kinds[kind].add(ref)
        total += 1
    yield total, {k: len(v) for k, v in kinds.items()}, lambda kind: kinds.get(kind, set())


# Reading -----------------------------------------------------------------------------------


def applies(timing: str, area_code: str, as_of: datetime.date, period_start: datetime.date) -> bool:
    """Whether the tallies answer a query (else the records are read directly): an as-of
    figure or a period that is the year to date. (A township's or a village's figures are
    summed from the stored facts of its subjects instead of tally rows: `_query_facts`.)"""
    from jiuye.stats.catalogue import AS_OF

    if not _vendor_supported():
        return False
    return timing == AS_OF or period_start == as_of.replace(month=1, day=1)


def _day_ranges(day: datetime.date) -> list[tuple[str, datetime.date | None, datetime.date]]:
    """The tally rows whose sum is the value on `day`, as (grain, first bucket or None,
    last bucket): the years before, the months of its year before its month, the days of
    its month up to it. On the last day of a month (of a year) the month (year) row itself
    stands for its days: fewer rows. (Period facts carry their year: `_sum_on` keeps a
    period fact for its own year only.)"""
    first_of_year, first_of_month = day.replace(month=1, day=1), day.replace(day=1)
    following = day + datetime.timedelta(days=1)
    before_year = first_of_year - datetime.timedelta(days=1)
    if following.year != day.year:
        return [("y", None, first_of_year)]
    if following.month != day.month:
        return [("y", None, before_year), ("m", first_of_year, first_of_month)]
    return [
        ("y", None, before_year),
        ("m", first_of_year, first_of_month - datetime.timedelta(days=1)),
        ("d", first_of_month, day),
    ]


def merged_ranges(parts: Iterable[tuple]) -> list[tuple]:
    """Disjoint (grain, first bucket or None, last bucket) covering every one of `parts`
    (ranges of the same form): each bucket once, for a UNION ALL of index ranges."""
    by_grain: dict[str, list] = defaultdict(list)
    for grain, low, high in parts:
        by_grain[grain].append((low, high))
    merged = []
    for grain, ranges in sorted(by_grain.items()):
        ranges.sort(key=lambda r: (r[0] is not None, r[0] or datetime.date.min))
        current: list | None = None
        for low, high in ranges:
            if current is not None and (low is None or low <= current[1] + datetime.timedelta(1)):
                current[1] = max(current[1], high)
            else:
                if current is not None:
                    merged.append((grain, *current))
                current = [low, high]
        if current is not None:
            merged.append((grain, *current))
    return merged


def _merged_ranges(days: list[datetime.date]) -> list[tuple]:
    """The rows every one of `days` needs, as disjoint (grain, first or None, last)."""
    return merged_ranges(part for day in days for part in _day_ranges(day))


_READING: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "tally_reading", default=None
)


@contextlib.contextmanager
def reading(area_code: str, days: list[datetime.date], child_length: int | None):
    """Drain once, then answer every fact for (area, child level) on `days` from one query
    for the length of the block (a dashboard reads ~20 figures): the figures of one page
    are taken at one moment. Other areas and days are read as usual."""
    days = sorted(set(days))
    if not _vendor_supported() or _READING.get() is not None:
        yield
        return
    known = _query(list(f.PERSON_CODES + f.HOUSEHOLD_CODES), area_code, days, child_length)
    token = _READING.set({"key": (area_code, child_length), "values": known})
    try:
        yield
    finally:
        _READING.reset(token)


def values(
    codes: list[str], area_code: str, days: list[datetime.date], child_length: int | None
) -> dict[tuple[str, datetime.date], dict[str, int]]:
    """{(code, day): {child code: value}} as of each of `days` for the area's children
    (codes cut to `child_length`; a code shorter than that is a row registered at the
    area itself; `child_length` None: the area's total under its own code)."""
    current = _READING.get()
    if current is not None and current["key"] == (area_code, child_length):
        known = current["values"]
        if all((code, day) in known for code in codes for day in days):
            return {(code, day): known[(code, day)] for code in codes for day in days}
    return _query(codes, area_code, days, child_length)


def _query(codes, area_code, days, child_length):
    """One grouped read of the tally rows any of `days` needs; each day's value is then
    summed in Python from those few thousand rows (`_day_ranges` says which)."""
    drain()
    if len(area_code) >= TOWNSHIP_LENGTH:
        return _query_facts(codes, area_code, days, child_length)
    length = min(child_length or len(area_code), TOWNSHIP_LENGTH)
    cut = next(c for c in CUTS if c >= length)
    marks = ", ".join(["%s"] * len(codes))
    # The area whose view reads this cut (a city for county rows, a county for township
    # rows) is a scope: an equality on the index's second key. Any other (a province)
    # takes the regions by prefix.
    where, area = ("scope = %s", area_code) if len(area_code) == SCOPE[cut] else (
        "region LIKE %s", f"{area_code}%"
    )  # fmt: skip
    # One branch per disjoint range of buckets: each is a range of the read index (an OR
    # of them was planned as a scan of every row of the scope).
    branches, params = [], []
    for grain, low, high in _merged_ranges(days):
        branches.append(
            f"SELECT code, period_year, region, grain, bucket, delta FROM stats_tally "
            f"WHERE cut = %s AND {where} AND code IN ({marks}) AND grain = %s "
            + ("AND bucket >= %s " if low is not None else "")
            + "AND bucket <= %s"
        )
        bounds = [low.isoformat()] if low is not None else []
        params += [cut, area, *codes, grain, *bounds, high.isoformat()]
    sql = (
        f"SELECT code, period_year, substr(region, 1, {int(length)}), grain, bucket, "
        f"SUM(delta) FROM ({' UNION ALL '.join(branches)}) AS wanted GROUP BY 1, 2, 3, 4, 5"
    )
    result: dict[tuple[str, datetime.date], dict[str, int]] = {
        (code, day): {} for code in codes for day in days
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    series = _cumulated(rows)
    for day in days:
        counts = _sum_on(series, day)
        for (code, child), n in counts.items():
            if n:
                result[(code, day)][child] = n
    return result


def _query_facts(codes, area_code, days, child_length):
    """`_query` for a township or a village: its few thousand subjects' stored facts
    (current: the caller drained), summed in Python. A fact counts on day D when
    start <= D < end, in its period year (0: every year)."""
    length = child_length or len(area_code)
    wanted = set(codes)
    result: dict[tuple[str, datetime.date], dict[str, int]] = {
        (code, day): {} for code in codes for day in days
    }
    days_ordinals = [(day, day.toordinal()) for day in days]
    series: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
    subjects = [
        (PERSON, wanted & set(f.PERSON_CODES)),
        (HOUSEHOLD, wanted & set(f.HOUSEHOLD_CODES)),
    ]
    for kind, kind_codes in subjects:
        if not kind_codes:
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT facts FROM stats_subjectfacts WHERE kind = %s AND region LIKE %s",
                [kind, f"{area_code}%"],
            )
            rows = cursor.fetchall()
        for (text,) in rows:
            for code, period_year, region, start, end in json.loads(text):
                if code in kind_codes and region.startswith(area_code):
                    starts, ends = series[(code, period_year, region[:length])]
                    starts.append(start)
                    if end is not None:
                        ends.append(end)
    # Counted on day D: facts started by D (start <= D) less those ended by D (end <= D).
    for (code, period_year, child), (starts, ends) in series.items():
        starts.sort()
        ends.sort()
        for day, ordinal in days_ordinals:
            if period_year in (0, day.year):
                n = bisect.bisect_right(starts, ordinal) - bisect.bisect_right(ends, ordinal)
                if n:
                    counts = result[(code, day)]
                    counts[child] = counts.get(child, 0) + n
    return result


def _cumulated(rows) -> dict[tuple, tuple[list[int], list[int]]]:
    """{(code, period year, child, grain): (bucket ordinals, running sums)} of grouped
    tally rows, so that any range of buckets sums with two bisections."""
    grouped: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for code, period_year, child, grain, bucket, n in rows:
        if isinstance(bucket, str):  # SQLite returns the date as text
            bucket = datetime.date.fromisoformat(bucket)
        grouped[(code, period_year, child, grain)].append((bucket.toordinal(), int(n)))
    series = {}
    for key, points in grouped.items():
        points.sort()
        running, total = [0], 0
        for _, n in points:
            total += n
            running.append(total)
        series[key] = ([b for b, _ in points], running)
    return series


def _sum_on(series, day: datetime.date) -> Counter:
    """{(code, child): value on `day`} (the buckets as `_day_ranges` picks them)."""
    first_of_year, first_of_month = day.replace(month=1, day=1), day.replace(day=1)
    following = day + datetime.timedelta(days=1)
    end_of_year = first_of_year.toordinal() - 1
    if following.year != day.year:
        limits = {"y": (f.FIRST, first_of_year.toordinal())}
    elif following.month != day.month:
        limits = {"y": (f.FIRST, end_of_year),
                  "m": (first_of_year.toordinal(), first_of_month.toordinal())}  # fmt: skip
    else:
        limits = {"y": (f.FIRST, end_of_year),
                  "m": (first_of_year.toordinal(), first_of_month.toordinal() - 1),
                  "d": (first_of_month.toordinal(), day.toordinal())}  # fmt: skip
    counts: Counter = Counter()
    for (code, period_year, child, grain), (buckets, running) in series.items():
        low_high = limits.get(grain)
        if low_high is None or period_year not in (0, day.year):
            continue
        low, high = low_high
        upto, before = bisect.bisect_right(buckets, high), bisect.bisect_left(buckets, low)
        total = running[upto] - running[before]
        if total:
            counts[(code, child)] += total
    return counts
