"""Job board search at city scale on PostgreSQL.

Loads 300,000 live vacancies of 6,724 employers and 200,000 job seekers (ledger people)
on the real townships of Hechi (4512) and Guiyang (5201) into a separate database with COPY,
then measures the server time of `search_board` for typical queries (keyword + area, area
only, pinyin, near my home) and requests per second over HTTP with ApacheBench (`ab`)
against gunicorn on 127.0.0.1. Bounded: a fixed number of queries and of requests.

    .venv/bin/python -m bench.platform_search                  # load (if empty) and measure
    .venv/bin/python -m bench.platform_search --reload         # drop and load again
    .venv/bin/python -m bench.platform_search --vacancies 30000 --seekers 20000   # smaller

Needs PostgreSQL at BENCH_PG (default postgres://postgres@127.0.0.1:5432) and `ab`
(apt-get install apache2-utils) for the HTTP part.
"""

import argparse
import datetime
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "jiuye_bench_platform"
TRADES = ["食品", "服饰", "电子", "物流", "餐饮", "商贸", "建筑", "家政", "物业", "茶业"]
NAME_HEADS = (
    "瑶山红水河金城宜州南丹巴马凤山东兰环江大化罗城天峨都安筑城花溪乌当白云清镇开阳修文息烽"
)
TEST_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.test_settings",
    "DATABASE_URL": f"{PG}/{DB_NAME}",
    "JIUYE_DB_POOL": "1",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
}


def _setup_django() -> None:
    os.environ.update(TEST_ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _recreate_database(drop: bool) -> bool:
    """Create the bench database; returns True when it was (re)created empty."""
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if exists and not drop:
            return False
        if exists:
            conn.execute(f"DROP DATABASE {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    return True


def _copy(model, columns: list[str], rows) -> int:
    from django.db import connection

    table = model._meta.db_table
    count = 0
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def load(n_vacancies: int, n_seekers: int, n_employers: int = 6724, seed: int = 4512) -> dict:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from stdnum.cn import ric

    from jiuye.applications.models import JobSeeker
    from jiuye.employers.enums import EmployerKind, EmployerStatus
    from jiuye.employers.models import Employer
    from jiuye.geo.enums import RegionLevel
    from jiuye.geo.models import Region
    from jiuye.people.models import Person
    from jiuye.people.services import identity_fields
    from jiuye.vacancies.models import Vacancy
    from jiuye.vacancies.samples import JOB_SAMPLES
    from jiuye.vacancies.search_text import area_tokens, normalise, pinyin_keys, search_grams

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    timings["migrate_and_reference_s"] = time.perf_counter() - started

    rng = random.Random(seed)
    townships = list(
        Region.objects.filter(level=RegionLevel.TOWNSHIP)
        .filter(code__regex=r"^(4512|5201)")
        .values_list("code", flat=True)
    )
    counties = sorted({t[:6] for t in townships})
    now = timezone.now()
    today = timezone.localdate(now)

    started = time.perf_counter()
    kinds = [EmployerKind.ENTERPRISE] * 6 + [EmployerKind.WORKSHOP, EmployerKind.PARK_COMPANY]
    employers = [
        Employer(
            name=f"{rng.choice(NAME_HEADS)}{rng.choice(TRADES)}{index}有限公司",
            kind=rng.choice(kinds),
            region_id=rng.choice(counties),
            status=EmployerStatus.VERIFIED,
            verified_at=now,
        )
        for index in range(n_employers)
    ]
    Employer.objects.bulk_create(employers, batch_size=2000)
    employers = list(Employer.objects.values_list("pk", "name"))
    timings["employers_s"] = time.perf_counter() - started

    started = time.perf_counter()
    title_keys = {}
    for titles, *_ in JOB_SAMPLES:
        for title in titles:
            title_keys[title] = pinyin_keys(normalise(title))
    columns = [
        "employer_id", "title", "occupation_code", "description", "headcount", "wage_min",
        "wage_max", "region_id", "address", "education", "skills", "housing", "meals",
        "transport", "employment_type", "status", "posted_on", "valid_until", "confirmed_at",
        "county_code", "search_text", "pinyin_keys", "search_grams", "created_at", "updated_at",
    ]  # fmt: skip

    title_grams = {
        title: search_grams("", "", title=title) for title in title_keys
    }  # pinyin of the bigrams, once per title

    def grams_of(title: str, employer_name: str) -> str:
        text = search_grams(f"{title} {employer_name}", title_keys[title])
        return f"{text} {title_grams[title]}"

    def vacancy_rows():
        for _ in range(n_vacancies):
            employer_id, employer_name = rng.choice(employers)
            titles, code, low, high, kind = rng.choice(JOB_SAMPLES)
            title = rng.choice(titles)
            region = rng.choice(townships)
            age = rng.randint(0, 29)
            wage_min = rng.randint(low, (low + high) // 2) // 100 * 100
            wage_max = max(wage_min, rng.randint((low + high) // 2, high) // 100 * 100)
            yield (
                employer_id, title, code, "吃苦耐劳，服从安排。", rng.choice([1, 2, 3, 5, 10]),
                wage_min, wage_max, region, "", "", "", rng.random() < 0.4, rng.random() < 0.5,
                False, kind, "live", today - datetime.timedelta(days=age),
                today + datetime.timedelta(days=rng.randint(5, 90)),
                now - datetime.timedelta(days=age, hours=rng.randint(0, 12)), region[:6],
                normalise(f"{title} {employer_name}"), title_keys[title],
                f"{grams_of(title, employer_name)} {' '.join(area_tokens(region))}", now, now,
            )  # fmt: skip

    _copy(Vacancy, columns, vacancy_rows())
    timings["vacancies_copy_s"] = time.perf_counter() - started

    started = time.perf_counter()
    timings["postings"] = _copy_postings()
    timings["postings_copy_s"] = time.perf_counter() - started

    started = time.perf_counter()
    person_columns = [
        "id_number_encrypted", "id_number_hash", "id_number_masked", "name", "sex",
        "birth_date", "phone", "region_id", "education", "ethnicity", "relation",
        "created_at", "updated_at",
    ]  # fmt: skip
    surnames, given = (
        "韦覃蓝黄莫潘罗蒙李陆卢梁吴谢王张刘陈杨",
        "秀丽春华建国志强海燕金凤文明小红永福桂兰德胜玉梅",
    )

    def person_rows():
        for index in range(n_seekers):
            birth = datetime.date(1965 + index % 40, 1 + index % 12, 1 + index % 28)
            body = f"452122{birth:%Y%m%d}{index % 999 + 1:03d}"
            # The area code is shared, so uniqueness comes from (birth, sequence) pairs;
            # 200,000 seekers need more: vary the area over real old Guangxi codes.
            area = ("452122", "452123", "452124", "452126", "452127", "452128")[index // 40000]
            body = area + body[6:]
            number = body + ric.calc_check_digit(body + "0")
            fields = identity_fields(number)
            yield (
                fields["id_number_encrypted"], fields["id_number_hash"], fields["id_number_masked"],
                rng.choice(surnames) + "".join(rng.sample(given, 2)), fields["sex"],
                fields["birth_date"], "", rng.choice(townships), "", "", "", now, now,
            )  # fmt: skip

    _copy(Person, person_columns, person_rows())
    timings["people_copy_s"] = time.perf_counter() - started

    started = time.perf_counter()
    people = list(Person.objects.order_by("pk").values_list("pk", "region_id"))

    def seeker_rows():
        for person_id, region in people:
            titles, code, low, *_ = rng.choice(JOB_SAMPLES)
            yield (person_id, code, titles[0], region[:6], low, "now", now)

    _copy(
        JobSeeker,
        ["person_id", "desired_occupations", "desired_titles", "desired_region_codes",
         "min_wage", "availability", "created_at"],
        seeker_rows(),
    )  # fmt: skip
    timings["seekers_copy_s"] = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timings["analyze_s"] = time.perf_counter() - started
    return timings


def _copy_postings() -> int:
    """The job board's keyword postings (vacancies.search_terms), by COPY: the terms of each
    distinct title are computed once."""
    from django.db import connection

    from jiuye.vacancies.models import Vacancy, VacancyTerm
    from jiuye.vacancies.search_terms import (
        PAYLOAD,
        area_terms,
        occupation_names,
        vacancy_terms,
    )

    fields = ["id", "title", "pinyin_keys", "region_id", *PAYLOAD]
    names = occupation_names(Vacancy.objects.values_list("occupation_code", flat=True).distinct())
    terms_of: dict = {}

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(fields)} FROM vacancies_vacancy WHERE status='live'")
        vacancies = cursor.fetchall()

    def rows():
        for pk, title, keys, region, *payload in vacancies:
            key = (title, keys, payload[PAYLOAD.index("occupation_code")])
            if key not in terms_of:  # the title's terms; the area's come from area_terms
                terms_of[key] = vacancy_terms(
                    title=title, pinyin_keys=keys, occupation_name=names.get(key[2], "")
                )
            for term, rank in terms_of[key].items():
                yield (pk, term, rank, *payload)
            for term in area_terms(region)[1:]:
                yield (pk, term, 0, *payload)

    written = _copy(VacancyTerm, ["vacancy_id", "term", "rank", *PAYLOAD], rows())
    with connection.cursor() as cursor:  # a bulk load leaves the index half-filled pages
        cursor.execute("REINDEX TABLE vacancies_vacancyterm")
    return written


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_queries(repeats: int, seed: int = 7) -> dict:
    from django.db import reset_queries
    from django.test import Client

    from jiuye.geo.models import Region
    from jiuye.vacancies.samples import JOB_SAMPLES
    from jiuye.vacancies.search_text import pinyin_keys
    from jiuye.vacancies.selectors import BoardQuery, search_board

    rng = random.Random(seed)
    counties = list(
        Region.objects.filter(level=3)
        .filter(code__regex=r"^(4512|5201)")
        .values_list("code", flat=True)
    )
    townships = list(
        Region.objects.filter(level=4)
        .filter(code__regex=r"^(4512|5201)")
        .values_list("code", flat=True)
    )
    titles = [t for titles, *_ in JOB_SAMPLES for t in titles]
    words = ["厨师", "保安", "司机", "普工", "收银", "快递", "焊工", "客服", "服务员", "护理"]
    pinyins = [pinyin_keys(t).split()[0] for t in titles] + ["chushi", "baoan", "kuaidi"]
    cases = {
        "keyword + county": lambda: BoardQuery(q=rng.choice(words), area=rng.choice(counties)),
        "keyword + city": lambda: BoardQuery(
            q=rng.choice(words), area=rng.choice(["4512", "5201"])
        ),
        "keyword, both cities": lambda: BoardQuery(q=rng.choice(words)),
        "keyword + city, page 5": lambda: BoardQuery(
            q=rng.choice(words), area=rng.choice(["4512", "5201"]), page=5
        ),
        "keyword + township": lambda: BoardQuery(q=rng.choice(words), area=rng.choice(townships)),
        "pinyin + city": lambda: BoardQuery(
            q=rng.choice(pinyins), area=rng.choice(["4512", "5201"])
        ),
        "employer-name word, both": lambda: BoardQuery(q=rng.choice(TRADES)),
        "county only": lambda: BoardQuery(area=rng.choice(counties)),
        "township only": lambda: BoardQuery(area=rng.choice(townships)),
        "pinyin": lambda: BoardQuery(q=rng.choice(pinyins)),
        "pinyin + county": lambda: BoardQuery(q=rng.choice(pinyins), area=rng.choice(counties)),
        "near my township": lambda: BoardQuery(near=rng.choice(townships)),
        "keyword + wage + 7 days": lambda: BoardQuery(
            q=rng.choice(words), min_wage=5000, posted_within_days=7
        ),
        "no filter, page 1": lambda: BoardQuery(),
        "county, page 10": lambda: BoardQuery(area=rng.choice(counties), page=10),
    }
    results = {}
    for name, make in cases.items():
        for _ in range(5):  # warm the cache
            search_board(make())
        times = []
        for _ in range(repeats):
            query = make()
            started = time.perf_counter()
            page = search_board(query)
            times.append((time.perf_counter() - started) * 1000)
            reset_queries()
        results[name] = {
            "median_ms": statistics.median(times),
            "p95_ms": _percentile(times, 0.95),
            "rows": len(page.vacancies),
        }
    # Whole page (view + template) through the test client, no network.
    client = Client()
    pages = {
        "full page: keyword + county": lambda: f"q={rng.choice(words)}&area={rng.choice(counties)}",
        "full page: keyword + city": lambda: (
            f"q={rng.choice(words)}&area={rng.choice(['4512', '5201'])}"
        ),
    }
    for name, make_params in pages.items():
        times = []
        for _ in range(repeats):
            url = f"/jobs/?{make_params()}"
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        results[name] = {
            "median_ms": statistics.median(times),
            "p95_ms": _percentile(times, 0.95),
            "rows": "",
        }
    return results


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure_http(requests: int, concurrency: int, workers: int) -> dict:
    if not shutil.which("ab"):
        return {"error": "ab not installed (apt-get install apache2-utils)"}
    import urllib.request

    port = _free_port()
    env = {**os.environ, **TEST_ENV}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", str(workers), "--worker-class", "sync", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    results = {}
    try:
        for _ in range(60):
            time.sleep(0.5)
            if server.poll() is not None:
                return {"error": "gunicorn did not start"}
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                continue
        urls = {
            "keyword + county": "/jobs/?q=%E5%8E%A8%E5%B8%88&area=451228",
            "keyword + city": "/jobs/?q=%E5%8E%A8%E5%B8%88&area=4512",
            "pinyin": "/jobs/?q=chushi",
            "county only": "/jobs/?area=520111",
        }
        for name, path in urls.items():
            url = f"http://127.0.0.1:{port}{path}"
            subprocess.run(
                ["ab", "-q", "-n", "50", "-c", "2", url], capture_output=True, timeout=120
            )
            out = subprocess.run(
                ["ab", "-q", "-n", str(requests), "-c", str(concurrency), "-s", "30", url],
                capture_output=True, text=True, timeout=300,
            ).stdout  # fmt: skip
            figures = {}
            for line in out.splitlines():
                if line.startswith("Requests per second"):
                    figures["rps"] = float(line.split()[3])
                elif line.startswith("Failed requests"):
                    figures["failed"] = int(line.split()[2])
                elif line.strip().startswith("50%"):
                    figures["p50_ms"] = int(line.split()[1])
                elif line.strip().startswith("95%"):
                    figures["p95_ms"] = int(line.split()[1])
                elif line.startswith("Non-2xx"):
                    figures["non_2xx"] = int(line.split()[2])
            results[name] = figures
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=300_000)
    parser.add_argument("--seekers", type=int, default=200_000)
    parser.add_argument("--reload", action="store_true", help="drop the bench database first")
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()

    created = _recreate_database(drop=args.reload)
    _setup_django()
    if created:
        print(f"loading {args.vacancies} vacancies and {args.seekers} seekers ...", flush=True)
        for name, value in load(args.vacancies, args.seekers).items():
            print(f"  {name}: {value:.1f}")
    from jiuye.applications.models import JobSeeker
    from jiuye.vacancies.models import Vacancy

    print(
        f"live vacancies: {Vacancy.objects.public().count()}, seekers: {JobSeeker.objects.count()}"
    )
    print(f"\nserver time of search_board ({args.repeats} queries each):")
    print(f"  {'query':<28} {'median ms':>10} {'p95 ms':>8} {'rows':>5}")
    for name, figures in measure_queries(args.repeats).items():
        median, p95, rows = figures["median_ms"], figures["p95_ms"], figures["rows"]
        print(f"  {name:<28} {median:>10.1f} {p95:>8.1f} {rows:>5}")
    if not args.no_http:
        print(f"\nHTTP, gunicorn {args.workers} sync workers, ab -n {args.requests}", end="")
        print(f" -c {args.concurrency}:")
        for name, figures in measure_http(args.requests, args.concurrency, args.workers).items():
            print(f"  {name:<20} {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
