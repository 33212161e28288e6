"""Import benchmark: a generated city ledger into PostgreSQL, against a plain COPY.

    .venv/bin/python -m bench.ledger_generate --people 1000000 --out var/bench/ledger.csv
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_bench_ledger \\
        .venv/bin/python -m bench.ledger_import var/bench/ledger.csv --xlsx-rows 100000

The database is created and migrated if needed, the reference regions and occupations are
loaded, and the ledger tables are emptied before each timed run. In the same run the same
file is loaded with a plain `COPY ... FROM STDIN (FORMAT csv)` into a table of 14 text
columns (the floor of any load), and the rows the import wrote are copied back into the
ledger's own tables (the floor of any load into this schema, see `_copy_into_ledger`).
Peak memory is the process's maximum resident set size (`resource.getrusage`).
"""

import argparse
import csv
import itertools
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def _setup(database_url: str):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    os.environ["DATABASE_URL"] = database_url
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from jiuye.geo.models import Region

    if not Region.objects.filter(code="451228").exists():
        from jiuye.geo.services import load_reference_regions

        load_reference_regions()
    from jiuye.occupations.models import Occupation

    if not Occupation.objects.exists():
        from jiuye.occupations.services import load_occupations

        load_occupations()


def _empty_ledger():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE people_groupmembership, people_employmentspell, people_person, "
            "people_household RESTART IDENTITY CASCADE"
        )
        # The statistics' queue of people to recompute (filled by its triggers on every
        # write to the ledger) would otherwise grow run after run and slow later runs.
        cursor.execute("SELECT to_regclass('stats_dirtysubject') IS NOT NULL")
        if cursor.fetchone()[0]:
            cursor.execute("TRUNCATE stats_dirtysubject")
            # And the tallies and facts of the last run: each rebuild (`--drain`) deletes
            # and rewrites them, and runs back to back would time a table bloated by the
            # dead rows of the runs before, faster than autovacuum clears them.
            cursor.execute("TRUNCATE stats_tally, stats_subjectfacts")


def _server_cpu() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend (a server on this
    machine only). Less sensitive than wall time to the load of the machine's other users."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _helpers_cpu() -> float:
    """CPU seconds of this process's ended children: the import's forked parser."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_import(path: Path, area: str):
    from jiuye.people.importing.engine import import_ledger
    from jiuye.people.importing.reading import read_rows

    _empty_ledger()
    server, own, helpers = _server_cpu(), _own_cpu(), _helpers_cpu()
    started = time.perf_counter()
    result = import_ledger(read_rows(path), area_code=area)
    elapsed = time.perf_counter() - started
    own = _own_cpu() - own
    helpers = _helpers_cpu() - helpers
    server_after = _server_cpu()
    server = server_after - server if server is not None and server_after is not None else None
    where = f"server backend {server:.1f} s, " if server is not None else ""
    print(f"  CPU during the import: {where}importer {own:.1f} s, its parser {helpers:.1f} s")
    return elapsed, result


def _plain_copy(path: Path) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_plain_copy")
        cursor.execute(
            "CREATE TABLE bench_plain_copy (" + ", ".join(f"c{i} text" for i in range(14)) + ")"
        )
        started = time.perf_counter()
        with (
            path.open("rb") as f,
            cursor.cursor.copy(
                "COPY bench_plain_copy FROM STDIN (FORMAT csv, HEADER true)"
            ) as copy,
        ):
            while block := f.read(1 << 20):
                copy.write(block)
        elapsed = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_plain_copy")
    return elapsed


def _copy_into_ledger() -> tuple[float, int, float]:
    """The same rows again, straight into the ledger's own tables: what the import has just
    written is dumped (binary `COPY ... TO`), the tables emptied, and the dump loaded back
    by `COPY ... FROM` in one transaction, timed to its commit (the deferred foreign-key
    checks). It pays the schema's indexes, constraints and triggers and nothing else: no
    reading, validation, encryption or matching, so no import into this schema can beat it.
    Returns the seconds, the number of database rows, and the seconds of the same load into
    bare tables (`_copy_into_bare_tables`)."""
    from django.db import connection, transaction

    from jiuye.stats.tally import LEDGER_TABLES

    folder = Path(tempfile.mkdtemp())
    dumps = []
    with connection.cursor() as cursor:
        for table in LEDGER_TABLES:
            target = folder / f"{table}.bin"
            with (
                target.open("wb") as out,
                cursor.cursor.copy(f"COPY {table} TO STDOUT (FORMAT BINARY)") as copy,
            ):
                for block in copy:
                    out.write(block)
            dumps.append((table, target))
    _empty_ledger()
    rows = 0
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for table, source in dumps:
            rows += _load_dump(cursor, table, source)
    elapsed = time.perf_counter() - started
    bare = _copy_into_bare_tables(dumps)
    for _table, source in dumps:
        source.unlink()
    folder.rmdir()
    return elapsed, rows, bare


def _load_dump(cursor, table: str, source: Path) -> int:
    with (
        source.open("rb") as f,
        cursor.cursor.copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as copy,
    ):
        while block := f.read(1 << 20):
            copy.write(block)
    return cursor.cursor.rowcount


def _copy_into_bare_tables(dumps) -> float:
    """The same load into bare copies of the four tables: their columns and primary keys
    and the unique keyed hash, nothing else (no other index, no foreign key, no exclusion
    constraint, no trigger): what this server takes with none of the ledger's invariants
    but identity and uniqueness."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        for table, _source in dumps:
            cursor.execute(f"DROP TABLE IF EXISTS bare_{table}")
            cursor.execute(f"CREATE TABLE bare_{table} (LIKE {table} INCLUDING DEFAULTS)")
            cursor.execute(f"ALTER TABLE bare_{table} ADD PRIMARY KEY (id)")
        cursor.execute("ALTER TABLE bare_people_person ADD UNIQUE (id_number_hash)")
        started = time.perf_counter()
        with transaction.atomic():
            for table, source in dumps:
                _load_dump(cursor, f"bare_{table}", source)
        elapsed = time.perf_counter() - started
        for table, _source in dumps:
            cursor.execute(f"DROP TABLE bare_{table}")
    return elapsed


def _xlsx_from(path: Path, rows: int) -> Path:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    with path.open(encoding="utf-8") as f:
        for row in itertools.islice(csv.reader(f), rows + 1):
            sheet.append(row)
    target = Path(tempfile.mkdtemp()) / f"ledger-{rows}.xlsx"
    workbook.save(target)
    return target


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _helper_peak_mib() -> float:
    """The largest maximum resident set of the ended children (the forked parser). It
    counts the pages it still shares with the importer, so adding it to the importer's
    overstates the two together."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--area", default="4512")
    parser.add_argument("--xlsx-rows", type=int, default=0, help="also time an XLSX of N rows")
    parser.add_argument(
        "--drain",
        action="store_true",
        help="then time bringing the statistics' tallies up to date, as the import job does",
    )
    parser.add_argument(
        "--import-only",
        action="store_true",
        help="time the import alone (no plain COPY): for A/B runs of one change",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jiuye_bench_ledger"
        ),
    )
    args = parser.parse_args(argv)
    _setup(args.database_url)
    print(f"peak before import: {_peak_mib():.0f} MiB", file=sys.stderr)
    print(f"load average before the import: {os.getloadavg()[0]:.2f}")
    elapsed, result = _timed_import(args.csv, args.area)
    peak = _peak_mib()
    rows = result.rows
    print(f"import: {rows} rows in {elapsed:.1f} s = {rows / elapsed:,.0f} rows/s")
    print(f"  counts {result.counts}, written={result.written}, problems={len(result.problems)}")
    for problem in result.problems[:5]:
        print(f"  {problem}")
    print(f"load average after the import: {os.getloadavg()[0]:.2f}")
    if args.drain:
        from jiuye.stats import tally

        started = time.perf_counter()
        queued = tally.drain()
        print(
            f"statistics brought up to date after the import: {queued:,} queued changes "
            f"in {time.perf_counter() - started:.1f} s"
        )
    if args.import_only:
        return
    copy_elapsed = _plain_copy(args.csv)
    print(f"plain COPY: {rows} rows in {copy_elapsed:.1f} s = {rows / copy_elapsed:,.0f} rows/s")
    print(f"import / COPY speed: {copy_elapsed / elapsed:.2f}")
    ledger_elapsed, ledger_rows, bare_elapsed = _copy_into_ledger()
    print(
        f"COPY of the imported rows into the ledger's tables: {ledger_rows:,} database rows "
        f"in {ledger_elapsed:.1f} s = {rows / ledger_elapsed:,.0f} file rows/s; "
        f"import / this speed: {ledger_elapsed / elapsed:.2f}"
    )
    print(
        "the same into bare tables (primary keys and the unique hash only): "
        f"{bare_elapsed:.1f} s = {rows / bare_elapsed:,.0f} file rows/s"
    )
    print(
        f"peak memory (max RSS) after the import: {peak:.0f} MiB, "
        f"its parser {_helper_peak_mib():.0f} MiB"
    )
    if args.xlsx_rows:
        xlsx = _xlsx_from(args.csv, args.xlsx_rows)
        elapsed, result = _timed_import(xlsx, args.area)
        print(
            f"XLSX import: {result.rows} rows in {elapsed:.1f} s = "
            f"{result.rows / elapsed:,.0f} rows/s (written={result.written})"
        )
        xlsx.unlink()
    print(f"peak memory (max RSS) overall: {_peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
