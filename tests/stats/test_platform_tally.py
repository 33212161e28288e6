"""The platform tallies (vacancies and job seekers by area and day) answer exactly what the
records answer: for any period, as of any day, after every kind of write, and a rebuild
gives the very same tallies as the writes one by one."""

import datetime
import random

import pytest

from jiuye.applications.enums import ApplicationStatus
from jiuye.applications.models import Application, JobSeeker
from jiuye.people.models import Person
from jiuye.stats import platform_tally as pt
from jiuye.stats import tally
from jiuye.stats.catalogue import Query, get
from jiuye.stats.models import DirtySubject, PlatformTally
from jiuye.stats.supply import supply_demand
from jiuye.vacancies.enums import VacancyStatus
from jiuye.vacancies.models import Vacancy
from tests.stats import module_factories as m
from tests.stats.factories import D, person

pytestmark = pytest.mark.django_db
HIRED = ApplicationStatus.HIRED
STATUSES = [VacancyStatus.LIVE] * 4 + [
    VacancyStatus.EXPIRED,
    VacancyStatus.CLOSED,
    VacancyStatus.DRAFT,
    VacancyStatus.PENDING,
]
OCCUPATIONS = ["", "4-03-01-02", "4-03-02-01", "6-01-02-00", "2-02-01-03", "6-05-01-00"]
# Month ends, mid-month, a quarter's first and last day, the first of a year.
AS_OF_DAYS = [
    D(2026, 6, 30),
    D(2026, 5, 15),
    D(2026, 4, 1),
    D(2026, 3, 31),
    D(2026, 1, 1),
    D(2025, 12, 31),
    D(2026, 11, 17),
]


FIRST_DAY = D(2025, 1, 1)


def _day(rng, days=700):
    return FIRST_DAY + datetime.timedelta(days=rng.randrange(days))


def _areas(regions):
    # The province, the city, two counties, two townships and a village: every cut.
    keys = ("city", "county", "other_county", "township", "far_township", "village")
    return ["45", *(regions[k] for k in keys)]


@pytest.fixture
def market(regions):
    rng = random.Random(4512)
    places = [regions[k] for k in ("township", "other_township", "village", "far_township")]
    places.append(regions["county"])  # a vacancy placed at the county itself (no township)
    vacancies = []
    for _ in range(80):
        posted = _day(rng)
        made = m.vacancy(
            rng.choice(places),
            posted,
            headcount=rng.randrange(1, 12),
            status=rng.choice(STATUSES),
            occupation=rng.choice(OCCUPATIONS),
            valid_until=posted + datetime.timedelta(days=rng.randrange(0, 200)),
        )
        vacancies.append(made)
    for duplicate in vacancies[:5]:
        Vacancy.objects.filter(pk=duplicate.pk).update(duplicate_of=vacancies[-1])
    homes = [regions[k] for k in ("village", "other_village", "far_township", "township")]
    seekers = []
    for _ in range(40):
        wanted = " ".join(rng.sample(OCCUPATIONS[1:], rng.randrange(0, 4)))
        seekers.append(m.seeker(person(rng.choice(homes)), occupations=wanted, created=_day(rng)))
    pairs = rng.sample([(v, s) for v in vacancies for s in seekers], 90)
    for i, (vacancy, seeker) in enumerate(pairs):
        made, hour = _day(rng), rng.choice([0, 9, 23])
        if i % 4:
            m.application(vacancy, seeker, made, hour=hour)
        else:  # hired some days after applying, across a year's end for some
            hired = made + datetime.timedelta(days=rng.randrange(0, 60))
            m.application(vacancy, seeker, made, hour=hour, status=HIRED, hired_on=hired)
    return {"rng": rng, "vacancies": vacancies, "seekers": seekers, **regions}


def _children(figures):
    return {code: f.value for code, f in figures.children.items() if f.value}


def assert_tallies_answer_as_the_records(regions):
    for code in ("vacancies", "positions_offered", "applications", "hires", "job_seekers_applied"):
        indicator = get(code)
        for area in _areas(regions):
            for as_of in AS_OF_DAYS:
                for start in (as_of.replace(month=1, day=1), as_of.replace(day=1), D(2025, 2, 17)):
                    if start > as_of:
                        continue
                    q = Query(area, as_of, start)
                    tallied, direct = indicator.evaluate(q), indicator.evaluate_direct(q)
                    assert tallied.total == direct.total, (code, q)
                    assert _children(tallied) == _children(direct), (code, q)
                    assert tallied.unassigned == direct.unassigned, (code, q)
    for area in _areas(regions):
        for as_of in AS_OF_DAYS:
            assert supply_demand(area, as_of) == supply_demand(area, as_of, direct=True), (
                area,
                as_of,
            )


def _tally_rows():
    rows = PlatformTally.objects.exclude(delta=0).values_list(
        "code", "cut", "region", "dim", "until", "grain", "bucket", "delta"
    )
    return sorted(rows)


def test_the_market_is_not_trivial(market):
    q = Query(market["city"], D(2026, 6, 30), D(2026, 1, 1))
    assert get("vacancies").evaluate_direct(q).total.value > 10
    assert get("hires").evaluate_direct(q).total.value > 3
    assert get("job_seekers_applied").evaluate_direct(q).total.value > 5
    current = supply_demand(market["city"], D(2026, 6, 30), direct=True)["current"]
    assert current["positions"] > 0 and current["seekers"] > 0


def test_tallies_answer_as_the_records(market):
    assert_tallies_answer_as_the_records(market)


def test_after_every_kind_of_write(market):
    rng, vacancies, seekers = market["rng"], market["vacancies"], market["seekers"]
    assert_tallies_answer_as_the_records(market)
    for vacancy in vacancies[10:30]:
        vacancy.status = rng.choice(STATUSES)
        vacancy.headcount = rng.randrange(1, 9)
        vacancy.occupation_code = rng.choice(OCCUPATIONS)
        vacancy.valid_until = vacancy.valid_until + datetime.timedelta(days=rng.randrange(-40, 90))
        vacancy.save()
    Vacancy.objects.filter(pk__in=[v.pk for v in vacancies[30:35]]).update(
        region_id=market["far_township"], posted_on=D(2026, 2, 28)
    )
    unapplied = Vacancy.objects.filter(pk__in=[v.pk for v in vacancies[35:]], applications=None)
    assert unapplied.exists()
    unapplied.delete()  # (a vacancy applied for is kept: applications protect it)
    for seeker in seekers[:8]:
        seeker.desired_occupations = rng.choice(OCCUPATIONS)
        seeker.save()
    # A person who moves takes their seeker row's area along (a trigger copies it).
    Person.objects.filter(pk=seekers[8].person_id).update(region_id=market["far_township"])
    Application.objects.filter(seeker__in=seekers[9:14]).delete()
    Application.objects.filter(seeker=seekers[14]).update(created_at=m.local(D(2026, 4, 1), 0))
    Application.objects.filter(seeker__in=seekers[17:22]).update(
        status=HIRED, hired_at=m.local(D(2026, 5, 31), 23)
    )
    Application.objects.filter(seeker__in=seekers[22:25], status=HIRED).update(
        status=ApplicationStatus.SUBMITTED, hired_at=None
    )
    JobSeeker.objects.filter(pk=seekers[15].pk).update(created_at=m.local(D(2026, 3, 31), 23))
    Application.objects.filter(seeker=seekers[16]).delete()
    seekers[16].delete()
    assert_tallies_answer_as_the_records(market)
    incremental = _tally_rows()
    DirtySubject.objects.create(kind=pt.EVERYTHING, ref_id=0)
    tally.drain()
    assert _tally_rows() == incremental


def test_a_ledger_rebuild_keeps_the_platform_facts(market):
    """The ledger's full build empties its own facts only: the platform tallies still
    subtract the right old facts at the next write."""
    tally.drain()
    DirtySubject.objects.create(kind=tally.EVERYTHING, ref_id=0)
    tally.drain()
    for vacancy in market["vacancies"][40:60]:
        vacancy.headcount += 3
        vacancy.save()
    for seeker in market["seekers"][20:30]:
        seeker.desired_occupations = "6-01-02-00"
        seeker.save()
    assert_tallies_answer_as_the_records(market)


def test_a_rebuild_is_queued_by_the_migration_and_by_truncate(market):
    from django.db import connection

    tally.drain()
    assert PlatformTally.objects.exists()
    if connection.vendor != "postgresql":
        return  # SQLite has no TRUNCATE
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks of the rows
        cursor.execute("TRUNCATE applications_application CASCADE")
    assert DirtySubject.objects.filter(kind=pt.EVERYTHING).exists()
    assert_tallies_answer_as_the_records(market)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (None, D(2026, 6, 30)),
        (None, D(2026, 6, 29)),
        (None, D(2026, 1, 1)),
        (D(2026, 1, 1), D(2026, 12, 31)),
        (D(2026, 1, 1), D(2026, 1, 1)),
        (D(2026, 1, 31), D(2026, 2, 1)),
        (D(2026, 1, 2), D(2026, 2, 27)),
        (D(2026, 2, 1), D(2026, 2, 28)),
        (D(2025, 12, 15), D(2026, 3, 14)),
        (D(2026, 3, 15), D(2026, 3, 14)),
    ],
)
def test_a_range_of_days_reads_each_day_once(db, start, end):
    """Every day from 2025-11-01 to 2027-02-28 tallied once (at both grains): a range
    sums to its number of days."""
    tally.drain()
    day, rows = D(2025, 11, 1), []
    while day <= D(2027, 2, 28):
        for grain, bucket in (("d", day), ("m", day.replace(day=1))):
            rows.append((grain, bucket))
        day += datetime.timedelta(days=1)
    months = {}
    for grain, bucket in rows:
        months[(grain, bucket)] = months.get((grain, bucket), 0) + 1
    PlatformTally.objects.bulk_create(
        PlatformTally(
            code="vn",
            cut=6,
            region="451228",
            dim="",
            until=D(2026, 1, 1),
            grain=grain,
            bucket=bucket,
            delta=n,
        )
        for (grain, bucket), n in months.items()
    )
    first = start or D(2025, 11, 1)
    expected = max((end - first).days + 1, 0)
    wanted = {"days": (("vn",), None, (), start, end)}
    assert sum(pt.read("4512", 6, wanted)["days"].values()) == expected


def test_every_platform_tallied_indicator_is_read_with_the_others():
    from jiuye.stats.catalogue import catalogue

    tallied = {
        (i.tally, i.year_to_date_only) for i in catalogue() if isinstance(i, pt.PlatformTallied)
    }
    assert tallied == set(pt.COUNTS)
