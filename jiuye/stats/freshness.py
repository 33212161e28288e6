"""Exact figures, fast: a computed dashboard is kept (in Django's cache) under the data
version it was computed from, and served again only while that version is current.

The version is the sum of `stats_dataversion`, which database triggers raise in the same
transaction as every insert, update or delete (and TRUNCATE on PostgreSQL) on the tables
the indicators read. The version is read BEFORE the figures are computed: a write that
commits in between can only make the kept figures newer than their version, never older,
and the next reader sees a higher version and computes afresh. So a figure is never served
after a write that changes it. Reading the version costs one query over sixteen rows.
"""

import hashlib

from django.core.cache import cache
from django.db import connection
from django.utils import translation

SHARDS = 16
# The tables the ledger indicators read, and the targets (progress is part of a dashboard).
WATCHED_TABLES = [
    "people_person",
    "people_employmentspell",
    "people_groupmembership",
    "people_household",
    "geo_region",
    "stats_target",
]
# The tables the platform and assistance indicators (and the supply-demand figures) read;
# their triggers come from migration 0005.
MODULE_TABLES = [
    "jobfairs_jobfair",
    "jobfairs_fairemployer",
    "vacancies_vacancy",
    "applications_jobseeker",
    "applications_application",
    "assistance_certification",
    "assistance_welfarepost",
    "assistance_placement",
    "assistance_zeroemploymentcase",
    "assistance_homevisit",
]
TIMEOUT = 6 * 3600
# Writes to these (the busiest ledger tables: every change of status, every group joined or
# left) raise shards 0-7; writes to every other watched table shards 8-15. The ledger
# figures are read from tallies on every read anyway, so the rest of a dashboard (the
# platform figures, supply and demand) is kept under shards 8-15 only (`OTHERS`).
# The targets are read by the progress, not by the platform part: their writes raise 0-7 too.
# So do vacancies, job seekers and applications: every figure read from them comes from
# the platform tallies on every read (`jiuye.stats.platform_tally`; migration 0013).
ACTIVITY_TABLES = frozenset(
    {
        "people_employmentspell",
        "people_groupmembership",
        "stats_target",
        "vacancies_vacancy",
        "applications_jobseeker",
        "applications_application",
    }
)
# The platform part reads people and households only for their area (a job seeker counts in
# the area of the person's household registration, a household visited in the household's):
# an insert or delete of one (no platform row refers to it yet, or its rows go first) and an
# update that moves nobody raise shards 0-7; an update that changes a row's `region_id`, and
# TRUNCATE, raise 8-15. See `test_every_platform_read_of_people_is_by_area`.
AREA_TABLES = frozenset({"people_person", "people_household"})
ALL, OTHERS = "all", "others"
PART_SHARDS = {ALL: range(SHARDS), OTHERS: range(SHARDS // 2, SHARDS)}


def _first_shard(table: str) -> int:
    return 0 if table in ACTIVITY_TABLES else SHARDS // 2


PG_TRIGGERS = ("stats_data_version", "stats_data_version_update", "stats_data_version_truncate")


def _pg_drop(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name in PG_TRIGGERS]


def _pg_sql(table: str) -> list[str]:
    if table not in AREA_TABLES:
        return [
            *_pg_drop(table),
            f"CREATE TRIGGER stats_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION "
            f"stats_bump_data_version('{_first_shard(table)}')",
        ]
    # A trigger with transition tables takes one event only.
    return [
        *_pg_drop(table),
        f"CREATE TRIGGER stats_data_version AFTER INSERT OR DELETE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION stats_bump_data_version('0')",
        f"CREATE TRIGGER stats_data_version_truncate AFTER TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION stats_bump_data_version('{SHARDS // 2}')",
        f"CREATE TRIGGER stats_data_version_update AFTER UPDATE ON {table} "
        f"REFERENCING OLD TABLE AS stats_old NEW TABLE AS stats_new "
        f"FOR EACH STATEMENT EXECUTE FUNCTION stats_bump_area_version()",
    ]


PG_FUNCTION = """
CREATE OR REPLACE FUNCTION stats_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- Drawn once: random() in the WHERE clause would be drawn again for every row. The
    -- argument is the first of the table's eight shards.
    picked int := floor(random() * 8)::int + coalesce(TG_ARGV[0], '0')::int;
BEGIN
    UPDATE stats_dataversion SET version = version + 1 WHERE shard = picked;
    RETURN NULL;
END $$
"""
assert "* 8)" in PG_FUNCTION and SHARDS == 16  # two halves of SHARDS

PG_AREA_FUNCTION = """
CREATE OR REPLACE FUNCTION stats_bump_area_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    picked int := floor(random() * 8)::int;
BEGIN
    -- Shards 8-15 only when the statement moved a row to another area. EXCEPT hashes both
    -- transition tables (no statistics, no index): a join could be planned as a nested
    -- loop, quadratic for a statement of many rows. (A row whose id changed counts as moved.)
    IF EXISTS (
        SELECT id, region_id FROM stats_new EXCEPT SELECT id, region_id FROM stats_old
    ) THEN
        picked := picked + 8;
    END IF;
    UPDATE stats_dataversion SET version = version + 1 WHERE shard = picked;
    RETURN NULL;
END $$
"""


def _sqlite_trigger(name: str, event: str, table: str, shard: int, when: str = "") -> str:
    # Names come from constants in code, never from input.
    bump = f"UPDATE stats_dataversion SET version = version + 1 WHERE shard = {shard}"  # noqa: S608
    return f"CREATE TRIGGER {name} AFTER {event} ON {table} {when} BEGIN {bump}; END"


SQLITE_EVENTS = ("insert", "update", "delete", "update_same")


def _sqlite_triggers(table: str) -> list[str]:
    """The CREATE statement of each trigger of `table` (named stats_dv_<table>_<event>)."""
    shard, moved = _first_shard(table), "OLD.region_id IS NOT NEW.region_id"
    if table not in AREA_TABLES:
        events = [(e.lower(), e, shard, "") for e in ("INSERT", "UPDATE", "DELETE")]
    else:
        events = [
            ("insert", "INSERT", 0, ""),
            ("delete", "DELETE", 0, ""),
            ("update", "UPDATE", SHARDS // 2, f"WHEN {moved}"),
            ("update_same", "UPDATE", 0, f"WHEN NOT ({moved})"),
        ]
    return [
        _sqlite_trigger(f"stats_dv_{table}_{suffix}", event, table, first, when)
        for suffix, event, first, when in events
    ]


def watch_tables(tables: list[str]):
    """A RunPython forward function creating the triggers on `tables` (any vendor)."""

    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        with schema_editor.connection.cursor() as cursor:
            if vendor == "postgresql":
                cursor.execute(PG_FUNCTION)
                cursor.execute(PG_AREA_FUNCTION)
                for table in tables:
                    for sql in _pg_sql(table):
                        cursor.execute(sql)
            elif vendor == "sqlite":
                for table in tables:
                    for event in SQLITE_EVENTS:
                        cursor.execute(f"DROP TRIGGER IF EXISTS stats_dv_{table}_{event}")
                    for sql in _sqlite_triggers(table):
                        cursor.execute(sql)
            else:  # pragma: no cover - other databases keep no cache (see data_version)
                return

    return forward


def unwatch_tables(tables: list[str]):
    def backward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        with schema_editor.connection.cursor() as cursor:
            for table in tables:
                if vendor == "postgresql":
                    for sql in _pg_drop(table):
                        cursor.execute(sql)
                elif vendor == "sqlite":
                    for event in SQLITE_EVENTS:
                        cursor.execute(f"DROP TRIGGER IF EXISTS stats_dv_{table}_{event}")

    return backward


def data_version(part: str = ALL) -> int | None:
    """The current data version of every watched table, or of all but the busiest ledger
    tables (`part=OTHERS`); None on a database without the triggers: no caching."""
    if connection.vendor not in ("postgresql", "sqlite"):
        return None
    from jiuye.stats.models import DataVersion

    versions = dict(DataVersion.objects.values_list("shard", "version"))
    if len(versions) != SHARDS:
        # The counter rows are missing (a flushed database): put them back, and keep
        # nothing until they exist, since writes until now raised no counter.
        DataVersion.objects.bulk_create(
            [DataVersion(shard=i) for i in range(SHARDS)], ignore_conflicts=True
        )
        return None
    return sum(versions[shard] for shard in PART_SHARDS[part])


def cached(kind: str, key: str, compute, part: str = ALL):
    """`compute()` kept under (kind, key, catalogue, data version of `part`); recomputed
    after a write to the tables of that part."""
    from jiuye.stats.catalogue import catalogue

    version = data_version(part)
    if version is None:
        return compute()
    definitions = ",".join(f"{i.code}:{i.version}" for i in catalogue())
    digest = hashlib.sha256(definitions.encode()).hexdigest()[:16]
    language = translation.get_language() or ""
    full_key = f"jiuye-stats:{kind}:{key}:{language}:{digest}:{version}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, TIMEOUT)
    return value
