"""Benchmark: the whole statistics dashboard for the city at city scale, on PostgreSQL, with
DuckDB over the same rows as a reference (figures compared, times side by side).

    .venv/bin/python -m bench.stats_dashboard                      # 1,000,000 people, ~3M spells
    .venv/bin/python -m bench.stats_dashboard --people 100000      # a quick run
    .venv/bin/python -m bench.stats_dashboard --reuse              # keep the rows already loaded

Rows are generated with numpy (seeded), written once as tab-separated files and loaded with
COPY into a separate database (default `jiuye_bench_stats`, created if missing); DuckDB reads
the very same files. Nothing here touches the development or test databases.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

AS_OF = datetime.date(2026, 6, 30)
PERIOD_START = datetime.date(2026, 1, 1)
STATUSES = [
    ("employed_county", 20),
    ("employed_province", 12),
    ("employed_outside", 20),
    ("self_employed", 8),
    ("flexible", 5),
    ("welfare_post", 3),
    ("unemployed", 20),
    ("training", 4),
    ("not_in_labour_force", 8),
]
WORKING = ("employed_county", "employed_province", "employed_outside", "self_employed",
           "flexible", "welfare_post")  # fmt: skip
AWAY = ("employed_province", "employed_outside")
POVERTY = ("poor", "lifted", "monitored")
EPOCH = np.datetime64("1970-01-01")


def _setup_django(db: str) -> None:
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    os.environ["JIUYE_DB_POOL"] = "0"
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone():
            c.execute(f'CREATE DATABASE "{db}"')
    import django

    django.setup()


def _days(dates: np.ndarray) -> np.ndarray:
    return dates.astype("datetime64[D]").astype(str)


def generate(folder: Path, people: int, seed: int) -> dict[str, int]:
    """Write people, households, group memberships and spells as COPY text files."""
    from django.db.models.functions import Length

    from jiuye.geo.models import Region

    rng = np.random.default_rng(seed)
    regions = Region.objects.filter(code__startswith="4512").annotate(n=Length("code"))
    villages = np.array(list(regions.filter(n=12).values_list("code", flat=True)))
    towns = np.array(list(regions.filter(n=9).values_list("code", flat=True)))
    now = "2026-07-01 00:00:00+08"

    # Households of three; everyone in a household shares its area (10 % in towns).
    households = (people + 2) // 3
    urban = rng.random(households) < 0.1
    hh_region = np.where(
        urban,
        towns[rng.integers(0, len(towns), households)],
        villages[rng.integers(0, len(villages), households)],
    )
    with open(folder / "household.tsv", "w") as f:
        for i in range(households):
            f.write(f"{i + 1}\tH{i + 1:09d}\t\t{now}\t{now}\t\\N\t{hh_region[i]}\n")

    ids = np.arange(1, people + 1)
    household = (ids - 1) // 3 + 1
    region = hh_region[household - 1]
    sex = np.where(rng.random(people) < 0.5, "M", "F")
    birth = _days(np.datetime64("1961-01-01") + rng.integers(0, 48 * 365, people))
    with open(folder / "person.tsv", "w") as f:
        for i in range(people):
            f.write(
                f"{ids[i]}\t\\\\x00\t\\\\x{ids[i]:064x}\t"
                f"452700********{ids[i] % 10000:04d}\t人{ids[i]}\t"
                f"{sex[i]}\t{birth[i]}\t\t\t\t\t{now}\t{now}\t\\N\t{household[i]}\t{region[i]}\n"
            )

    # Groups: 30 % in a poverty group (a fifth of them left it), 45 % rural labourers.
    poor = rng.random(people) < 0.30
    kind = np.array(POVERTY)[rng.choice(3, people, p=[0.35, 0.55, 0.10])]
    g_start = _days(np.datetime64("2014-01-01") + rng.integers(0, 6 * 365, people))
    ended = rng.random(people) < 0.2
    g_end = _days(np.datetime64("2021-01-01") + rng.integers(0, 6 * 365, people))
    farmer = rng.random(people) < 0.45
    groups = 0
    with open(folder / "group.tsv", "w") as f:
        for i in np.flatnonzero(poor):
            groups += 1
            end = g_end[i] if ended[i] else "\\N"
            f.write(f"{groups}\t{kind[i]}\t{g_start[i]}\t{end}\t\t{ids[i]}\n")
        for i in np.flatnonzero(farmer):
            groups += 1
            f.write(f"{groups}\tfarmer\t\\N\t\\N\t\t{ids[i]}\n")

    # Spells: one to five per person (three on average), back to back, the last one open.
    count = rng.integers(1, 6, people)
    total = int(count.sum())
    owner = np.repeat(ids, count)
    first = np.repeat(np.cumsum(count) - count, count)
    position = np.arange(total) - first
    base = np.repeat(rng.integers(0, 10 * 365, people), count)
    gaps = rng.integers(60, 700, total)
    gaps[position == 0] = 0
    offset = np.cumsum(gaps)
    offset -= np.repeat(offset[np.cumsum(count) - count], count)
    start = np.datetime64("2016-01-01") + base + offset
    last = position == np.repeat(count - 1, count)
    end = np.empty(total, dtype="datetime64[D]")
    end[:-1] = start[1:]
    start_s, end_s = _days(start), _days(end)
    names, weights = zip(*STATUSES, strict=True)
    status = np.array(names)[rng.choice(len(names), total, p=np.array(weights) / sum(weights))]
    with open(folder / "spell.tsv", "w") as f:
        for i in range(total):
            e = "\\N" if last[i] else end_s[i]
            f.write(
                f"{i + 1}\t{status[i]}\t\t\t\\N\t{start_s[i]}\t{e}\timport\t{now}\t\\N\t\\N\t\\N"
                f"\t{owner[i]}\t\n"
            )
    return {"people": people, "households": households, "groups": groups, "spells": total}


TABLES = {
    "people_household": (
        "household.tsv",
        "id, number, address, created_at, updated_at, head_id, region_id",
    ),
    "people_person": (
        "person.tsv",
        "id, id_number_encrypted, id_number_hash, id_number_masked, name, sex, birth_date, "
        "phone, education, ethnicity, relation, created_at, updated_at, current_region_id, "
        "household_id, region_id",
    ),
    "people_groupmembership": ("group.tsv", 'id, "group", start, "end", detail, person_id'),
    "people_employmentspell": (
        "spell.tsv",
        'id, status, employer_name, occupation_code, monthly_income, start, "end", source, '
        "created_at, created_by_id, employer_id, region_id, person_id, occupation_text",
    ),
}  # fmt: skip


def load_postgres(folder: Path) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE people_employmentspell, people_groupmembership, people_person, "
            "people_household RESTART IDENTITY CASCADE"
        )
        for table, (name, columns) in TABLES.items():
            with (
                cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
                open(folder / name, "rb") as f,
            ):
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
    connection.commit() if not connection.get_autocommit() else None
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - started


def load_duckdb(folder: Path):
    import duckdb

    db = duckdb.connect()
    started = time.perf_counter()
    specs = {
        "household": ("household.tsv", {"id": "BIGINT", "number": "VARCHAR", "address": "VARCHAR",
                      "created_at": "VARCHAR", "updated_at": "VARCHAR", "head_id": "BIGINT",
                      "region_id": "VARCHAR"}),
        "person": ("person.tsv", {"id": "BIGINT", "enc": "VARCHAR", "hash": "VARCHAR",
                   "masked": "VARCHAR", "name": "VARCHAR", "sex": "VARCHAR", "birth_date": "DATE",
                   "phone": "VARCHAR", "education": "VARCHAR", "ethnicity": "VARCHAR",
                   "relation": "VARCHAR", "created_at": "VARCHAR", "updated_at": "VARCHAR",
                   "current_region_id": "VARCHAR", "household_id": "BIGINT",
                   "region_id": "VARCHAR"}),
        "grp": ("group.tsv", {"id": "BIGINT", "grp": "VARCHAR", "start": "DATE", "end": "DATE",
                "detail": "VARCHAR", "person_id": "BIGINT"}),
        "spell": ("spell.tsv", {"id": "BIGINT", "status": "VARCHAR", "employer_name": "VARCHAR",
                  "occupation_code": "VARCHAR", "monthly_income": "INTEGER", "start": "DATE",
                  "end": "DATE", "source": "VARCHAR", "created_at": "VARCHAR",
                  "created_by_id": "BIGINT", "employer_id": "BIGINT", "region_id": "VARCHAR",
                  "person_id": "BIGINT", "occupation_text": "VARCHAR"}),
    }  # fmt: skip
    for table, (name, columns) in specs.items():
        db.execute(
            f"CREATE TABLE {table} AS SELECT * FROM read_csv(?, delim='\t', header=false, "
            f"nullstr='\\N', quote='', escape='', columns={columns!r})",
            [str(folder / name)],
        )
    return db, time.perf_counter() - started


def duckdb_figures(db, as_of: datetime.date, start: datetime.date) -> dict[str, dict]:
    """The same figures by county, written directly in SQL over the same rows."""
    w, a, p = (", ".join(f"'{s}'" for s in group) for group in (WORKING, AWAY, POVERTY))
    d, s = f"DATE '{as_of}'", f"DATE '{start}'"
    last = as_of.year - 1
    current = f'sp.start <= {d} AND (sp."end" IS NULL OR sp."end" > {d})'
    started = (
        f"EXISTS (SELECT 1 FROM spell sp WHERE sp.person_id = pe.id AND sp.status IN ({w}) "
        f"AND sp.start BETWEEN {s} AND {d} AND NOT EXISTS (SELECT 1 FROM spell prev WHERE "
        f'prev.person_id = sp.person_id AND prev."end" = sp.start AND prev.status IN ({w})))'
    )
    in_work = (
        f"EXISTS (SELECT 1 FROM spell sp WHERE sp.person_id = pe.id AND {current} "
        f"AND sp.status IN ({w}))"
    )
    working_age = (
        f"pe.birth_date <= {d} - INTERVAL 16 YEAR AND ((pe.sex = 'M' AND pe.birth_date > "
        f"{d} - INTERVAL 60 YEAR) OR (pe.sex = 'F' AND pe.birth_date > {d} - INTERVAL 55 YEAR))"
    )
    poor_labour = (
        f"EXISTS (SELECT 1 FROM grp g WHERE g.person_id = pe.id AND g.grp IN ({p}) AND "
        f'(g.start IS NULL OR g.start <= {d}) AND (g."end" IS NULL OR g."end" > {d})) AND '
        f"{working_age} AND NOT EXISTS (SELECT 1 FROM spell sp WHERE sp.person_id = pe.id AND "
        f"{current} AND sp.status = 'not_in_labour_force')"
    )
    farmer = (
        f"EXISTS (SELECT 1 FROM grp g WHERE g.person_id = pe.id AND g.grp = 'farmer' AND "
        f'(g.start IS NULL OR g.start <= {d}) AND (g."end" IS NULL OR g."end" > {s}))'
    )
    away = (
        f"EXISTS (SELECT 1 FROM spell sp WHERE sp.person_id = pe.id AND {current} "
        f"AND sp.status IN ({a}))"
    )
    away_last_year = (
        f"EXISTS (SELECT 1 FROM spell sp WHERE sp.person_id = pe.id AND sp.status IN ({a}) AND "
        f"sp.start < DATE '{last + 1}-01-01' AND "
        f'(sp."end" IS NULL OR sp."end" > DATE \'{last}-01-01\'))'
    )
    counts = {
        "new_rural_labour_jobs": f"{started} AND (length(pe.region_id) = 12 OR {farmer})",
        "new_urban_jobs": f"{started} AND length(pe.region_id) < 12",
        "poverty_labour_force": poor_labour,
        "poverty_labour_employed": f"{poor_labour} AND {in_work}",
        "migrant_workers": away,
        "migrant_return_denominator": away_last_year,
        "migrant_return_numerator": f"{away_last_year} AND {in_work}",
    }  # fmt: skip
    result = {}
    for code, where in counts.items():
        rows = db.execute(
            f"SELECT substr(pe.region_id, 1, 6), count(*) FROM person pe WHERE {where} GROUP BY 1"
        ).fetchall()
        result[code] = dict(rows)
    members = f"FROM person pe WHERE pe.household_id = h.id AND {working_age.replace(chr(10), ' ')}"
    zero = db.execute(
        f"SELECT substr(h.region_id, 1, 6), count(*) FROM household h WHERE "
        f"EXISTS (SELECT 1 {members} AND NOT EXISTS (SELECT 1 FROM spell sp WHERE "
        f"sp.person_id = pe.id AND {current} AND sp.status = 'not_in_labour_force')) AND "
        f"NOT EXISTS (SELECT 1 {members} AND {in_work}) GROUP BY 1"
    ).fetchall()
    result["zero_employment_households"] = dict(zero)
    return result


def postgres_by_county(report: dict) -> dict[str, dict]:
    ind = report["indicators"]

    def column(code, field="value"):
        return {row["code"]: row[field] for row in ind[code]["children"] if row[field]}

    return {
        "new_rural_labour_jobs": column("new_rural_labour_jobs"),
        "new_urban_jobs": column("new_urban_jobs"),
        "poverty_labour_force": column("poverty_labour_force"),
        "poverty_labour_employed": column("poverty_labour_employed"),
        "migrant_workers": column("migrant_workers"),
        "migrant_return_denominator": column("migrant_return_to_work_rate", "denominator"),
        "migrant_return_numerator": column("migrant_return_to_work_rate", "numerator"),
        "zero_employment_households": column("zero_employment_households"),
    }


def load_platform(people: int, seed: int) -> dict[str, int]:
    """Employers, vacancies (300,000 at city scale) and job seekers (a fifth of the people),
    through the ORM: the module indicators and the supply-demand figures read them."""
    import random

    from django.db import connection

    from jiuye.applications.models import JobSeeker
    from jiuye.employers.models import Employer
    from jiuye.geo.models import Region
    from jiuye.vacancies.models import Vacancy

    with connection.cursor() as cursor:
        # Not CASCADE from employers: that would empty the spells (employer_id) too.
        cursor.execute("TRUNCATE applications_jobseeker, vacancies_vacancy CASCADE")
        cursor.execute("DELETE FROM employers_employer")
    rng = random.Random(seed)
    towns = list(
        Region.objects.filter(code__startswith="4512", level=4).values_list("code", flat=True)
    )
    Employer.objects.bulk_create(
        [Employer(name=f"基准企业{i}", region_id=rng.choice(towns)[:6]) for i in range(6_000)],
        batch_size=2_000,
    )
    employers = list(Employer.objects.values_list("pk", flat=True))
    codes = ["4-03-01-02", "6-18-01-01", "4-07-05-01", "2-02-10-04", "5-01-01-01", "6-29-01-03"]
    n_vacancies = people * 3 // 10
    batch = []
    for i in range(n_vacancies):
        posted = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(181))
        region = rng.choice(towns)
        batch.append(
            Vacancy(
                employer_id=rng.choice(employers), title="普工", occupation_code=rng.choice(codes),
                headcount=rng.choice([1, 2, 3, 5, 10]), wage_min=2500, wage_max=4000,
                region_id=region, county_code=region[:6], status=rng.choice(STATUS_MIX),
                posted_on=posted, valid_until=posted + datetime.timedelta(days=rng.randint(20, 90)),
                confirmed_at=datetime.datetime.combine(posted, datetime.time(9), datetime.UTC),
            )
        )  # fmt: skip
        if len(batch) == 10_000 or i == n_vacancies - 1:
            Vacancy.objects.bulk_create(batch)
            batch = []
    seekers = [
        JobSeeker(person_id=pk, desired_occupations=rng.choice(codes))
        for pk in range(1, people + 1, 5)
    ]
    JobSeeker.objects.bulk_create(seekers, batch_size=10_000)
    with connection.cursor() as cursor:
        # Registered through the first half of 2026 (auto_now_add wrote today).
        cursor.execute(
            "UPDATE applications_jobseeker SET created_at = "
            "timestamptz '2026-01-01 08:00+08' + (id % 181) * interval '1 day'"
        )
        for table in ("vacancies_vacancy", "applications_jobseeker", "employers_employer"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return {"employers": len(employers), "vacancies": n_vacancies, "seekers": len(seekers)}


STATUS_MIX = ["live"] * 6 + ["expired"] * 3 + ["closed"]


def write_then_read(q, runs: int) -> list[str]:
    """The dashboard the way pages get it (`current_dashboard`), timed right after writes:
    each run records a new job for one of `runs` new people (a change of status: spells
    only), then reads, and checks the job is counted; then one write to the people table
    (the platform part is computed again too)."""
    from jiuye.demo.ids import make_id_number
    from jiuye.geo.models import Region
    from jiuye.people.models import EmploymentSpell, Person
    from jiuye.people.services import identity_fields
    from jiuye.stats.dashboard import current_dashboard
    from jiuye.stats.freshness import data_version

    data_version()  # puts the counter rows in place if they are missing
    first_ms, board = timed(lambda: current_dashboard(q), 1)
    warm_ms, _ = timed(lambda: current_dashboard(q), max(5, runs))
    villages = list(Region.objects.filter(code__startswith=q.area_code, level=5)[:runs])
    people = [
        Person.objects.create(
            **identity_fields(make_id_number(v.code, datetime.date(1990, 5, 5), i + 7, "M")),
            name="基准新人",
            region_id=v.code,
        )
        for i, v in enumerate(villages)
    ]
    people_ms, board = timed(lambda: current_dashboard(q), 1)
    write_times, read_times = [], []
    for newcomer in people:
        before = board.report["indicators"]["new_rural_labour_jobs"]["value"]
        started = time.perf_counter()
        EmploymentSpell.objects.create(
            person=newcomer, status="employed_county", start=datetime.date(2026, 3, 1),
            source="visit",
        )  # fmt: skip
        write_times.append((time.perf_counter() - started) * 1000)
        ms, board = timed(lambda: current_dashboard(q), 1)
        read_times.append(ms)
        after = board.report["indicators"]["new_rural_labour_jobs"]["value"]
        if after != before + 1:
            raise SystemExit(f"STALE: {before} then {after} after a new job")
    # A person's edit that moves nobody (platform part kept), then one that moves someone,
    # then a new vacancy (the platform part is computed again after both).
    edited = people[0]
    edited.name = "基准改名"
    edited.save()
    edited_ms, board = timed(lambda: current_dashboard(q), 1)
    edited.region_id = villages[-1].code
    edited.save()
    moved_ms, board = timed(lambda: current_dashboard(q), 1)
    from jiuye.employers.models import Employer
    from jiuye.vacancies.models import Vacancy

    positions = board.report["indicators"]["positions_offered"]["value"]
    Vacancy.objects.create(
        employer=Employer.objects.first(), title="基准新岗", occupation_code="4-03-01-02",
        headcount=3, wage_min=2500, wage_max=4000, region_id=villages[0].code[:9],
        county_code=villages[0].code[:6], status="live", posted_on=datetime.date(2026, 6, 1),
        valid_until=datetime.date(2026, 7, 31),
        confirmed_at=datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC),
    )  # fmt: skip
    vacancy_ms, board = timed(lambda: current_dashboard(q), 1)
    if board.report["indicators"]["positions_offered"]["value"] != positions + 3:
        raise SystemExit("STALE: the new vacancy's positions are not counted")
    from jiuye.applications.models import Application, JobSeeker

    # A job seeker registered (on a day of the as-of quarter), then an application.
    seekers = board.supply["current"]["seekers"]
    registered = JobSeeker.objects.create(person=people[1], desired_occupations="4-03-01-02")
    JobSeeker.objects.filter(pk=registered.pk).update(
        created_at=datetime.datetime(2026, 6, 15, 9, tzinfo=datetime.UTC)
    )
    seeker_ms, board = timed(lambda: current_dashboard(q), 1)
    if board.supply["current"]["seekers"] != seekers + 1:
        raise SystemExit("STALE: the new job seeker is not counted")
    applications = board.report["indicators"]["applications"]["value"]
    applied = Application.objects.create(
        vacancy=Vacancy.objects.get(title="基准新岗"), seeker=registered
    )
    Application.objects.filter(pk=applied.pk).update(
        created_at=datetime.datetime(2026, 6, 20, 9, tzinfo=datetime.UTC)
    )
    application_ms, board = timed(lambda: current_dashboard(q), 1)
    if board.report["indicators"]["applications"]["value"] != applications + 1:
        raise SystemExit("STALE: the new application is not counted")
    applied.delete()
    registered.delete()
    Vacancy.objects.filter(title="基准新岗").delete()
    for newcomer in people:
        newcomer.delete()
    deleted_ms, board = timed(lambda: current_dashboard(q), 1)
    return [
        f"| dashboard as pages get it, first read | {first_ms:,.1f} |",
        f"| dashboard as pages get it, no write since (median of {max(5, runs)}) | "
        f"{warm_ms:,.1f} |",
        f"| one spell written (triggers queue the person, raise the version) (median) | "
        f"{statistics.median(write_times):,.1f} |",
        f"| **dashboard read right after each change of status (median of {len(read_times)}; "
        f"new job counted every time)** | **{statistics.median(read_times):,.1f}** |",
        f"| the same, slowest | {max(read_times):,.1f} |",
        f"| dashboard read after {len(people)} people were added (platform part kept) | "
        f"{people_ms:,.1f} |",
        f"| dashboard read after a person's name was edited (platform part kept) | "
        f"{edited_ms:,.1f} |",
        f"| dashboard read after a person moved village (platform part again) | {moved_ms:,.1f} |",
        f"| **dashboard read after a vacancy was posted (platform part kept; counted)** | "
        f"**{vacancy_ms:,.1f}** |",
        f"| **dashboard read after a job seeker registered (platform part kept; counted)** | "
        f"**{seeker_ms:,.1f}** |",
        f"| dashboard read after an application (the rest of the platform part again) | "
        f"{application_ms:,.1f} |",
        f"| dashboard read after deleting them (back to the start) | {deleted_ms:,.1f} |",
    ]


def views(runs: int) -> list[str]:
    """A county's and a township's dashboard, built afresh, the counties and townships
    with the most people."""
    from django.db.models import Count
    from django.db.models.functions import Substr

    from jiuye.people.models import Person
    from jiuye.stats.catalogue import Query
    from jiuye.stats.dashboard import build_dashboard

    lines = []
    for label, length in (("county", 6), ("township", 9)):
        biggest = (
            Person.objects.annotate(_a=Substr("region_id", 1, length)).values("_a")
            .annotate(n=Count("pk")).order_by("-n").first()
        )  # fmt: skip
        q = Query(biggest["_a"], AS_OF, PERIOD_START)
        ms, _ = timed(lambda q=q: build_dashboard(q), runs)
        people = f"{biggest['n']:,} people"
        lines.append(f"| whole dashboard built, {label} {q.area_code} ({people}) | {ms:,.1f} |")
        after = _read_after_new_jobs(q, runs)
        lines.append(
            f"| {label} {q.area_code}: dashboard read right after a change of status "
            f"(median of {runs}; counted every time) | {after:,.1f} |"
        )
    return lines


def _read_after_new_jobs(q, runs: int) -> float:
    """As `write_then_read` for another area: a new job for each of `runs` new people of
    the area, the dashboard read after each (and checked), then the people deleted."""
    from jiuye.demo.ids import make_id_number
    from jiuye.geo.models import Region
    from jiuye.people.models import EmploymentSpell, Person
    from jiuye.people.services import identity_fields
    from jiuye.stats.dashboard import current_dashboard

    villages = list(Region.objects.filter(code__startswith=q.area_code, level=5)[:runs])
    people = [
        Person.objects.create(
            **identity_fields(make_id_number(v.code, datetime.date(1991, 6, 6), i + 11, "F")),
            name="基准新人", region_id=v.code,
        )
        for i, v in enumerate(villages)
    ]  # fmt: skip
    board = current_dashboard(q)
    times = []
    for newcomer in people:
        before = board.report["indicators"]["new_rural_labour_jobs"]["value"]
        EmploymentSpell.objects.create(
            person=newcomer, status="employed_county", start=datetime.date(2026, 3, 1),
            source="visit",
        )  # fmt: skip
        ms, board = timed(lambda: current_dashboard(q), 1)
        times.append(ms)
        if board.report["indicators"]["new_rural_labour_jobs"]["value"] != before + 1:
            raise SystemExit(f"STALE in {q.area_code}: the new job is not counted")
    for newcomer in people:
        newcomer.delete()
    return statistics.median(times)


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--db", default="jiuye_bench_stats")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=4512)
    parser.add_argument("--reuse", action="store_true", help="keep the rows already loaded")
    parser.add_argument("--folder", default="", help="where the row files go (default: a temp dir)")
    parser.add_argument(
        "--no-direct", dest="direct", action="store_false",
        help="skip timing the tallied indicators from the records (slow at city scale)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    _setup_django(args.db)

    from django.core.management import call_command
    from django.db import connection

    from jiuye.demo import city
    from jiuye.people.models import Person
    from jiuye.stats import tally
    from jiuye.stats.catalogue import Query, catalogue
    from jiuye.stats.dashboard import build_dashboard
    from jiuye.stats.selectors import area_report
    from jiuye.stats.supply import supply_demand
    from jiuye.vacancies.models import Vacancy

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    import random

    city.ensure_villages(random.Random(args.seed))
    folder = Path(args.folder or tempfile.mkdtemp(prefix="jiuye-bench-stats-"))
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    if args.reuse and (folder / "spell.tsv").exists() and Person.objects.exists():
        out.append(f"reusing {Person.objects.count():,} people in {args.db}")
        if not Vacancy.objects.exists():
            started = time.perf_counter()
            sizes = load_platform(Person.objects.count(), args.seed)
            out.append(f"platform rows {sizes} in {time.perf_counter() - started:.1f} s")
    else:
        started = time.perf_counter()
        sizes = generate(folder, args.people, args.seed)
        out.append(
            f"generated {sizes['people']:,} people, {sizes['households']:,} households, "
            f"{sizes['groups']:,} group memberships, {sizes['spells']:,} spells "
            f"in {time.perf_counter() - started:.1f} s"
        )
        out.append(f"PostgreSQL COPY + VACUUM ANALYZE: {load_postgres(folder):.1f} s")
        started = time.perf_counter()
        sizes = load_platform(args.people, args.seed)
        out.append(f"platform rows {sizes} in {time.perf_counter() - started:.1f} s")
    print("\n".join(out), flush=True)

    q = Query("4512", AS_OF, PERIOD_START)
    started = time.perf_counter()
    queued = tally.drain()  # the load queued everything: the first drain builds the tallies
    build_s = time.perf_counter() - started
    with connection.cursor() as cursor:  # what autovacuum would do after a big drain
        cursor.execute(
            "VACUUM ANALYZE stats_dirtysubject, stats_tally, stats_platformtally, "
            "stats_subjectfacts"
        )
    out = [f"tallies built from {queued:,} queued rows in {build_s:.1f} s ({load_average()})"]
    timings, unequal = [], []
    for indicator in catalogue():
        direct = getattr(indicator, "evaluate_direct", None)
        if direct is None or not args.direct:
            ms, _ = timed(lambda i=indicator: i.evaluate(q), 1)
            how = "from the tallies of its count" if hasattr(indicator, "of") else "from records"
            timings.append((indicator.code, how, ms))
            continue
        ms, slow = timed(lambda i=indicator: i.evaluate_direct(q), 1)
        fast_ms, fast = timed(lambda i=indicator: i.evaluate(q), args.runs)
        timings.append((indicator.code, f"records {ms:,.0f} / tallies", fast_ms))
        if (slow.total, slow.children) != (fast.total, fast.children):
            unequal.append(indicator.code)
    print("\n".join(out), flush=True)
    report_ms, report = timed(lambda: area_report(q), args.runs)
    board_ms, _ = timed(lambda: build_dashboard(q), max(5, args.runs))
    supply_ms, tallied_supply = timed(lambda: supply_demand(q.area_code, q.as_of), args.runs)
    direct_supply_ms, direct_supply = timed(
        lambda: supply_demand(q.area_code, q.as_of, direct=True), args.runs
    )
    supply_equal = tallied_supply == direct_supply
    view_lines = views(args.runs)
    # "As of any date": the whole city dashboard built afresh (nothing kept) on other days.
    for day in (datetime.date(2026, 5, 17), datetime.date(2026, 3, 31), datetime.date(2025, 11, 3)):
        other = Query.for_year(q.area_code, day)
        ms, _ = timed(lambda other=other: build_dashboard(other), max(5, args.runs))
        view_lines.append(f"| whole city dashboard built afresh, as of {day} | {ms:,.1f} |")
    cache_lines = write_then_read(q, max(5, args.runs))

    db, duck_load = load_duckdb(folder)
    duck_ms, duck = timed(lambda: duckdb_figures(db, AS_OF, PERIOD_START), args.runs)
    # The dashboard also evaluates everything a year earlier: time DuckDB for both years.
    duck_both_ms, _ = timed(
        lambda: (
            duckdb_figures(db, AS_OF, PERIOD_START),
            duckdb_figures(db, AS_OF.replace(year=2025), PERIOD_START.replace(year=2025)),
        ),
        args.runs,
    )
    pg = postgres_by_county(report)
    mismatches = {
        code: (pg[code], duck.get(code, {}))
        for code in pg
        if {k: v for k, v in pg[code].items() if v} != {k: v for k, v in duck[code].items() if v}
    }

    lines = [
        "",
        f"as of {AS_OF}, period from {PERIOD_START}, city 4512 by county",
        "| step | median ms |",
        "|---|---:|",
        *[f"| PostgreSQL: {code}, {how} (area + counties) | {ms:,.1f} |"
          for code, how, ms in timings],
        f"| PostgreSQL: every indicator, counties, year on year (area_report) | {report_ms:,.1f} |",
        f"| PostgreSQL: supply and demand, four quarters, platform tallies | {supply_ms:,.1f} |",
        f"| PostgreSQL: supply and demand, four quarters, from the records | "
        f"{direct_supply_ms:,.1f} |",
        *view_lines,
        f"| **PostgreSQL: whole dashboard built (report, targets, trends, supply)** | "
        f"**{board_ms:,.1f}** |",
        f"| DuckDB: load the same rows from the files | {duck_load * 1000:,.0f} |",
        f"| DuckDB: the same figures by county, this year | {duck_ms:,.0f} |",
        "| DuckDB: the same figures by county, this year and a year earlier | "
        f"{duck_both_ms:,.0f} |",
        *cache_lines,
        "",
        "figures PostgreSQL == DuckDB: " + ("yes" if not mismatches else f"NO {mismatches}"),
        "supply and demand, platform tallies == records (every quarter, area, county and "
        "group): " + ("yes" if supply_equal else "NO"),
        "tallies == records (every tallied indicator, area and counties): "
        + ("yes" if args.direct and not unequal else f"NO {unequal}" if unequal else "not run"),
        f"load average at the end: {load_average()}",
        "city totals: "
        + ", ".join(f"{code}={sum(v.values()):,}" for code, v in pg.items()),
    ]  # fmt: skip
    print("\n".join(lines))
    return 1 if mismatches or unequal or not supply_equal else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
