"""The ledger's list page at city scale: search and filters as a city and a township see
them, on the ledger `bench.ledger_import` left in the benchmark database.

    .venv/bin/python -m bench.ledger_import var/bench/ledger1m.csv --import-only
    .venv/bin/python -m bench.ledger_pages

Each page is requested through Django's test client (the whole view: the query, the count
for the pager, the template) five times; the first is dropped and the median of the rest
printed. Two benchmark users are made if missing: a city administrator and the officer
of one township.
"""

import argparse
import os
import statistics
import time


def _setup(database_url: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()


def _user(username: str, role: str, region: str):
    from jiuye.accounts.models import User

    user, _created = User.objects.update_or_create(
        username=username, defaults={"role": role, "region_id": region}
    )
    return user


def _median_ms(client, url: str, runs: int = 5) -> tuple[int, float]:
    times, status = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        status = client.get(url).status_code
        times.append((time.perf_counter() - started) * 1000)
    return status, statistics.median(times[1:])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jiuye_bench_ledger"
        ),
    )
    parser.add_argument("--township", default="451228100")
    args = parser.parse_args(argv)
    _setup(args.database_url)
    from django.test import Client

    from jiuye.people.models import Person

    city = _user("bench_city", "city_admin", args.township[:4])
    township = _user("bench_township", "township_officer", args.township)
    sample = Person.objects.filter(region__code__startswith=args.township).order_by("pk").first()
    print(f"people: {Person.objects.count():,}; searching for {sample.name}, {sample.phone}")
    cases = [
        (city, "/ledger/"),
        (city, f"/ledger/?q={sample.name[:2]}"),
        (city, f"/ledger/?q={sample.name}"),
        (city, f"/ledger/?q={sample.phone[:7]}"),
        (city, "/ledger/?group=disabled"),
        (city, "/ledger/?status=unemployed&age=16-29"),
        (city, "/ledger/?page=500"),
        (township, "/ledger/"),
        (township, f"/ledger/?q={sample.name[:1]}"),
        (township, "/ledger/?group=lifted&status=employed_outside"),
        (city, f"/ledger/people/{sample.pk}/"),
    ]
    for user, url in cases:
        client = Client()
        client.force_login(user)
        status, median = _median_ms(client, url)
        print(f"{user.username:15s} {url:48s} {status} median {median:7.1f} ms")


if __name__ == "__main__":
    main()
