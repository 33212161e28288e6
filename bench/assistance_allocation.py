"""Benchmark: optimal allocation of public welfare post places, end to end from PostgreSQL.

    .venv/bin/python -m bench.assistance_allocation            # both scales
    .venv/bin/python -m bench.assistance_allocation --scale small

Creates (or reuses) the database `jiuye_bench_assistance` (override with BENCH_DATABASE_URL),
migrates it, loads the Hechi divisions with made-up villages, then for each scale fills the
ledger with COPY: eligible people (lifted out of poverty or certified with employment
difficulties, some disabled, some near retirement), 10% more people in work (not
eligible), and posts of 1-5 places (village temporary, village welfare, urban welfare).
It times what `allocate_welfare_posts --dry-run` does for the whole city: loading
candidates and open posts from the database, and the min-cost-flow solve; and compares the
total priority score with a first-come-first-served baseline. Then it writes the proposals
as placements with a recorded month and times the city's monthly subsidy roll (XLSX), and
groups the people into households to time the daily zero-employment detection. Figures go to
docs/benchmarks-assistance.md by hand.
"""

import argparse
import datetime
import hashlib
import os
import random
import time

BENCH_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jiuye_bench_assistance"
)
SCALES = {"small": (20_000, 60_000), "large": (100_000, 420_000)}
AS_OF = datetime.date(2026, 6, 1)


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()


def prepare_regions(rng: random.Random) -> list[str]:
    from django.core.management import call_command
    from django.db import connection

    from jiuye.demo.city import ensure_villages
    from jiuye.geo.models import Region

    # Rows of an earlier run may not survive a later migration of the ledger (the
    # benchmark refills them anyway): empty them first.
    with connection.cursor() as cursor:
        if "people_person" in connection.introspection.table_names(cursor):
            cursor.execute("TRUNCATE people_person CASCADE")
    call_command("migrate", verbosity=0)
    if not Region.objects.filter(code="4512").exists():
        call_command("load_reference", verbosity=0)
    ensure_villages(rng)
    return list(
        Region.objects.filter(code__startswith="4512", level=5)
        .order_by("code")
        .values_list("code", flat=True)
    )


def fill(rng: random.Random, villages: list[str], places: int, people: int) -> dict:
    from django.db import connection

    from jiuye.assistance.models import DifficultyCategory

    category_id = DifficultyCategory.objects.get(province_code="", code="disabled").pk
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE assistance_monthlyrecord, assistance_placement, assistance_welfarepost, "
            "assistance_certificationtransition, assistance_certification, "
            "assistance_zeroemploymentcase, people_employmentspell, people_groupmembership, "
            "people_household, people_person CASCADE"
        )
    now = datetime.datetime.now(datetime.UTC)
    in_work = people // 10
    total_people = people + in_work
    started = time.monotonic()
    with connection.cursor() as cursor:
        with cursor.copy(
            "COPY people_person (id, id_number_encrypted, id_number_hash, id_number_masked, "
            "name, sex, birth_date, phone, region_id, education, ethnicity, relation, "
            "created_at, updated_at) FROM STDIN"
        ) as copy:
            for i in range(1, total_people + 1):
                birth = datetime.date(rng.randint(1963, 2004), rng.randint(1, 12), 1)
                copy.write_row(
                    (
                        i,
                        b"",
                        hashlib.sha256(f"bench-{i}".encode()).digest(),  # 32 bytes, unique
                        "451228********0000",
                        f"测试{i}",
                        rng.choice("MF"),
                        birth,
                        "",
                        rng.choice(villages),
                        "",
                        "",
                        "",
                        now,
                        now,
                    )
                )
        with cursor.copy(
            'COPY people_groupmembership (person_id, "group", detail) FROM STDIN'
        ) as copy:
            lifted = set()
            for i in range(1, people + 1):
                if rng.random() < 0.85:
                    lifted.add(i)
                    copy.write_row((i, "lifted", ""))
                if rng.random() < 0.08:
                    copy.write_row((i, "disabled", ""))
        with cursor.copy(
            "COPY assistance_certification (person_id, region_id, category_id, status, "
            "applied_on, applied_by_person, statement, visit_findings, certified_on, "
            "valid_until, closed_reason, created_at) FROM STDIN"
        ) as copy:
            for i in range(1, people + 1):
                if i not in lifted or rng.random() < 0.1:
                    copy.write_row(
                        (
                            i,
                            villages[0],
                            category_id,
                            "certified",
                            datetime.date(2026, 1, 1),
                            False,
                            "",
                            "",
                            datetime.date(2026, 2, 1),
                            datetime.date(2028, 2, 1),
                            "",
                            now,
                        )
                    )
        with cursor.copy(
            "COPY people_employmentspell (person_id, status, employer_name, occupation_code, "
            "occupation_text, start, source, created_at) FROM STDIN"
        ) as copy:
            for i in range(people + 1, total_people + 1):
                copy.write_row(
                    (i, "employed_county", "", "", "", datetime.date(2025, 1, 1), "import", now)
                )
        # Posts: village posts in villages, urban posts in township seats.
        remaining = places
        with cursor.copy(
            "COPY assistance_welfarepost (post_type, title, region_id, host_unit, duties, "
            "funding_source, monthly_subsidy, places, start_date, created_at) FROM STDIN"
        ) as copy:
            while remaining > 0:
                n = min(remaining, rng.randint(1, 5))
                kind = rng.random()
                village = rng.choice(villages)
                if kind < 0.45:
                    row = ("village_temporary", "护林员", village, f"{village}村委")
                elif kind < 0.9:
                    row = ("village_welfare", "保洁员", village, f"{village}村委")
                else:
                    row = ("urban_welfare", "社区协管员", village[:9], f"{village[:9]}街道")
                copy.write_row((*row, "", "衔接资金", 880, n, datetime.date(2026, 1, 1), now))
                remaining -= n
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('people_person', 'id'), %s)", [total_people]
        )
        cursor.execute("ANALYZE")
    return {"generate_s": time.monotonic() - started, "people_rows": total_people}


def time_roll(proposals) -> dict:
    """Write the proposals as placements with a recorded month (COPY), then time the
    month's subsidy roll of the whole city, as the posts page downloads it."""
    from django.db import connection

    from jiuye.assistance.welfare import subsidy_roll_xlsx

    now = datetime.datetime.now(datetime.UTC)
    with connection.cursor() as cursor:
        with cursor.copy(
            "COPY assistance_placement (post_id, person_id, status, start_date, term_end, "
            "end_reason, score, created_at) FROM STDIN"
        ) as copy:
            for p in proposals:
                copy.write_row(
                    (
                        p.post_id,
                        p.person_id,
                        "active",
                        AS_OF,
                        datetime.date(2029, 6, 1),
                        "",
                        p.score,
                        now,
                    )
                )
        cursor.execute(
            "INSERT INTO assistance_monthlyrecord (placement_id, month, days_worked, subsidy, "
            "note) SELECT id, %s, 22, 880, '' FROM assistance_placement",
            [AS_OF],
        )
        cursor.execute("ANALYZE assistance_placement, assistance_monthlyrecord")
    started = time.monotonic()
    content = subsidy_roll_xlsx(area_code="4512", month=AS_OF, by=None)
    return {"roll_s": time.monotonic() - started, "roll_bytes": len(content)}


def time_detection(people_rows: int) -> dict:
    """Group the people into households of three (COPY), then time the daily detection of
    zero-employment households over the whole city: the first run opens the cases, the
    second (the daily steady state) finds nothing new."""
    from django.db import connection

    from jiuye.assistance.services import detect_zero_employment_households

    now = datetime.datetime.now(datetime.UTC)
    households = (people_rows + 2) // 3
    with connection.cursor() as cursor:
        with cursor.copy(
            "COPY people_household (id, number, address, created_at, updated_at, region_id) "
            "FROM STDIN"
        ) as copy:
            for h in range(1, households + 1):
                copy.write_row((h, f"B{h:08d}", "", now, now, "451228100201"))
        cursor.execute(
            "UPDATE people_household h SET region_id = p.region_id FROM people_person p "
            "WHERE p.id = (h.id - 1) * 3 + 1"
        )
        cursor.execute("UPDATE people_person SET household_id = (id - 1) / 3 + 1")
        cursor.execute("ANALYZE people_household, people_person")
    started = time.monotonic()
    first = detect_zero_employment_households(as_of=AS_OF, area_code="4512")
    first_s = time.monotonic() - started
    started = time.monotonic()
    again = detect_zero_employment_households(as_of=AS_OF, area_code="4512")
    return {
        "households": households,
        "detect_opened": first["opened"],
        "detect_first_s": first_s,
        "detect_again_s": time.monotonic() - started,
        "detect_again_opened": again["opened"],
    }


def run_scale(rng, villages, places: int, people: int) -> dict:
    from django.db import connection

    from jiuye.assistance.allocation import allocate_first_come, allocate_optimal, total_score
    from jiuye.assistance.rules import points_for
    from jiuye.assistance.welfare import load_candidates, open_posts

    result = fill(rng, villages, places, people)
    connection.close()
    # What `allocate_welfare_posts --area 4512 --dry-run` does, step by step.
    t0 = time.monotonic()
    points = points_for("4512")
    candidates = load_candidates(area_code="4512", as_of=AS_OF, points=points)
    posts = open_posts(area_code="4512", as_of=AS_OF)
    t1 = time.monotonic()
    proposals = allocate_optimal(candidates, posts, points)
    t2 = time.monotonic()
    baseline = allocate_first_come(candidates, posts, points)
    t3 = time.monotonic()
    result.update(
        places=sum(p.open_places for p in posts),
        posts=len(posts),
        eligible=len(candidates),
        load_s=t1 - t0,
        solve_s=t2 - t1,
        end_to_end_s=t2 - t0,
        placed=len(proposals),
        score=total_score(proposals),
        first_come_placed=len(baseline),
        first_come_score=total_score(baseline),
        first_come_s=t3 - t2,
    )
    result.update(time_roll(proposals))
    result.update(time_detection(result["people_rows"]))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["small", "large", "both"], default="both")
    args = parser.parse_args()
    ensure_database(BENCH_URL)
    setup_django()
    rng = random.Random(4512)
    villages = prepare_regions(rng)
    scales = ["small", "large"] if args.scale == "both" else [args.scale]
    for scale in scales:
        places, people = SCALES[scale]
        r = run_scale(rng, villages, places, people)
        print(
            f"{scale}: {r['places']} places in {r['posts']} posts, {r['eligible']} eligible of "
            f"{r['people_rows']} people ({len(villages)} villages); generated in "
            f"{r['generate_s']:.1f}s\n"
            f"  load {r['load_s']:.2f}s + solve {r['solve_s']:.2f}s = end to end "
            f"{r['end_to_end_s']:.2f}s\n"
            f"  optimal: {r['placed']} placed, total score {r['score']}\n"
            f"  first come: {r['first_come_placed']} placed, total score "
            f"{r['first_come_score']} ({r['first_come_s']:.2f}s); optimal/first come = "
            f"{r['score'] / max(r['first_come_score'], 1):.3f}\n"
            f"  subsidy roll of the city for {r['placed']} placements: {r['roll_s']:.1f}s "
            f"({r['roll_bytes'] / 1e6:.1f} MB)\n"
            f"  zero-employment detection over {r['households']} households: first run "
            f"{r['detect_first_s']:.1f}s ({r['detect_opened']} cases opened), next day "
            f"{r['detect_again_s']:.1f}s ({r['detect_again_opened']} opened)"
        )


if __name__ == "__main__":
    main()
