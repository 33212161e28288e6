"""The ledger tallies (jiuye.stats.tally) give exactly what the indicators' direct queries
give: on hand-built ledgers with edge cases, on random ledgers (hypothesis), and on the
very next read after any write, however it is made."""

import datetime
from dataclasses import replace

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiuye.people.enums import WORKING_AGE_MAX, EmploymentStatus, PersonGroup
from jiuye.people.models import EmploymentSpell, GroupMembership, Household, Person
from jiuye.people.selectors import working_age_on
from jiuye.stats import facts, tally
from jiuye.stats.catalogue import Query, get
from jiuye.stats.indicators import Tallied
from jiuye.stats.models import DirtySubject, SubjectFacts, Tally
from tests.factories import HouseholdFactory
from tests.stats.factories import AWAY, FARMER, OUTSIDE, POOR, UNEMPLOYED, WORK, D, group, person
from tests.stats.factories import spell as make_spell
from tests.stats.test_indicators import new_jobs, poor_labour  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
TALLIED = [
    "new_rural_labour_jobs",
    "new_urban_jobs",
    "poverty_labour_employment_rate",
    "poverty_labour_force",
    "poverty_labour_employed",
    "migrant_workers",
    "migrant_return_to_work_rate",
    "zero_employment_households",
]


@pytest.fixture(autouse=True)
def _tallied_by_increments(db):
    """Take the full build the migrations queue first, so the rows each test makes are
    tallied by increments (full builds are compared with increments below)."""
    tally.drain()


def _normalised(figures):
    return (
        figures.total.as_dict(),
        {code: f.as_dict() for code, f in sorted(figures.children.items())},
        figures.unassigned,
    )


def assert_fast_equals_direct(areas, days):
    for code in TALLIED:
        indicator = get(code)
        assert isinstance(indicator, Tallied)
        for area in areas:
            for day in days:
                q = Query.for_year(area, day)
                # Township and village views sum their subjects' stored facts instead.
                assert indicator.uses_tallies(q)
                fast, direct = indicator.evaluate(q), indicator.evaluate_direct(q)
                assert _normalised(fast) == _normalised(direct), (code, area, day)


def test_tallied_indicators_are_the_ledger_ones():
    assert {i for i in TALLIED if isinstance(get(i), Tallied)} == set(TALLIED)
    assert isinstance(get("migrant_workers_vs_last_year").of, Tallied)


def edge_days():
    """Days on and around the boundaries the fixtures use."""
    days = [D(2026, 6, 30), D(2026, 7, 1), D(2026, 6, 29), D(2026, 1, 1), D(2025, 12, 31)]
    days += [D(2026, 3, 1), D(2026, 2, 28), D(2025, 6, 30), D(2024, 2, 29), D(2027, 1, 1)]
    return days


def test_fast_path_equals_direct_on_new_jobs(regions, new_jobs):  # noqa: F811
    areas = [regions[k] for k in ("city", "county", "township", "village", "far_township")]
    assert_fast_equals_direct(areas, edge_days())


def test_fast_path_equals_direct_on_poor_labour(regions, poor_labour):  # noqa: F811
    assert_fast_equals_direct([regions["city"], regions["county"], regions["township"]],
                              edge_days())  # fmt: skip


def test_fast_path_equals_direct_on_migrants_and_households(regions):
    village, township = regions["village"], regions["township"]
    back = person(township)
    make_spell(back, AWAY, D(2025, 3, 1), D(2025, 12, 1))
    make_spell(back, WORK, D(2025, 12, 1))
    eve = person(village)
    make_spell(eve, AWAY, D(2025, 12, 31), D(2026, 1, 1))
    make_spell(eve, UNEMPLOYED, D(2026, 1, 1))
    empty_spell = person(village)
    make_spell(empty_spell, AWAY, D(2025, 5, 5), D(2025, 5, 5))
    make_spell(empty_spell, WORK, D(2025, 5, 5))
    leap = person(regions["county"], birth=D(2008, 2, 29), sex="F")
    make_spell(leap, WORK, D(2024, 2, 29))
    household = HouseholdFactory(region_id=village)
    for who in (person(village, household=household), person(village, household=household)):
        make_spell(who, UNEMPLOYED, D(2024, 1, 1), D(2026, 3, 1))
    child = person(village, household=household, birth=D(2012, 1, 1))
    make_spell(child, OUTSIDE, D(2020, 1, 1))
    old = HouseholdFactory(region_id=township)
    person(township, household=old, birth=D(1966, 6, 30), sex="M")
    days = [*edge_days(), D(2026, 6, 30), D(2024, 3, 1), D(2024, 2, 28), D(2026, 5, 5)]
    areas = [regions["city"], regions["county"], township, village]
    assert_fast_equals_direct(areas, days)


def test_a_write_is_counted_by_the_very_next_read(regions):
    village = regions["village"]
    q = Query.for_year(regions["county"], D(2026, 6, 30))
    jobs = get("new_rural_labour_jobs")
    assert jobs.evaluate(q).total.value == 0
    newcomer = person(village)
    job = make_spell(newcomer, WORK, D(2026, 3, 1))
    assert jobs.evaluate(q).total.value == 1
    # A bulk update skips save() and signals: the trigger still queues the person. Closed
    # on its first day, the spell covers no day and is no new job.
    EmploymentSpell.objects.filter(pk=job.pk).update(end=D(2026, 3, 1))
    assert jobs.evaluate(q).total.value == 0
    EmploymentSpell.objects.filter(pk=job.pk).delete()
    make_spell(newcomer, WORK, D(2026, 6, 30))
    assert jobs.evaluate(q).total.value == 1
    # The person moves to another county: counted there, no longer here.
    Person.objects.filter(pk=newcomer.pk).update(region_id=f"{regions['far_township']}201")
    assert jobs.evaluate(q).total.value == 0
    assert jobs.evaluate(replace(q, area_code=regions["other_county"])).total.value == 1
    newcomer.delete()
    assert jobs.evaluate(replace(q, area_code=regions["city"])).total.value == 0
    assert not SubjectFacts.objects.filter(kind="p", ref_id=newcomer.pk).exists()


def test_a_household_write_moves_its_zero_employment_figure(regions):
    q = Query.for_year(regions["county"], D(2026, 6, 30))
    zero = get("zero_employment_households")
    household = HouseholdFactory(region_id=regions["township"])
    member = person(regions["township"], household=household)
    figures = zero.evaluate(q)
    assert (figures.total.value, set(figures.children)) == (1, {regions["township"]})
    Household.objects.filter(pk=household.pk).update(region_id=regions["other_township"])
    assert set(zero.evaluate(q).children) == {regions["other_township"]}
    make_spell(member, WORK, D(2026, 1, 1))
    assert zero.evaluate(q).total.value == 0
    Person.objects.filter(pk=member.pk).update(household=None)
    assert zero.evaluate(q).total.value == 0  # a household with no members is not counted


def test_a_group_write_is_counted(regions):
    q = Query.for_year(regions["county"], D(2026, 6, 30))
    force = get("poverty_labour_force")
    who = person(regions["township"])
    membership = group(who, POOR, D(2020, 1, 1))
    assert force.evaluate(q).total.value == 1
    GroupMembership.objects.filter(pk=membership.pk).update(end=D(2026, 6, 30))
    assert force.evaluate(q).total.value == 0


def _tallies():
    return {
        (t.code, t.period_year, t.cut, t.region, t.grain, t.bucket): t.delta
        for t in Tally.objects.exclude(delta=0)
    }


@pytest.mark.parametrize("row_by_row_max", [2_000, 0])
def test_increments_give_the_same_tallies_as_a_full_rebuild(regions, monkeypatch, row_by_row_max):
    # Row by row, or summed by SQL from a temporary table (as for an import).
    monkeypatch.setattr(tally, "ROW_BY_ROW_MAX", row_by_row_max)
    tally.drain()  # the full build the migrations queued: from here on, increments
    assert not DirtySubject.objects.exists()
    village = regions["village"]
    household = HouseholdFactory(region_id=village)
    for index in range(6):
        who = person(village if index % 2 else regions["township"], household=household)
        make_spell(who, UNEMPLOYED, D(2024, 1, 1), D(2025, 3, 1 + index))
        make_spell(who, WORK if index % 3 else AWAY, D(2025, 3, 1 + index))
        group(who, POOR if index % 2 else FARMER, D(2020, 1, 1))
    assert tally.drain() > 0
    incremental = _tallies()
    assert incremental
    DirtySubject.objects.create(kind="*", ref_id=0)
    tally.drain()
    assert _tallies() == incremental


def test_drain_empties_the_queue_and_reads_cost_nothing_after(
    regions, django_assert_max_num_queries
):
    make_spell(person(regions["village"]), WORK, D(2026, 3, 1))
    assert DirtySubject.objects.exists()
    assert tally.drain() > 0
    assert not DirtySubject.objects.exists()
    q = Query.for_year(regions["city"], D(2026, 6, 30))
    with django_assert_max_num_queries(2):  # is the queue empty? then one read of tallies
        get("new_rural_labour_jobs").evaluate(q)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement-level triggers")
def test_a_statement_queues_each_person_once(regions):
    # An import writes a person's memberships in one statement: one queued change each.
    someone, other = person(regions["village"]), person(regions["village"])
    tally.drain()
    GroupMembership.objects.bulk_create(
        [
            GroupMembership(person=someone, group=PersonGroup.FARMER),
            GroupMembership(person=someone, group=PersonGroup.MIGRANT_WORKER),
            GroupMembership(person=someone, group=PersonGroup.DISABLED),
            GroupMembership(person=other, group=PersonGroup.FARMER),
        ]
    )
    queued = sorted(DirtySubject.objects.values_list("kind", "ref_id"))
    assert queued == sorted([(tally.PERSON, someone.pk), (tally.PERSON, other.pk)])


def test_the_drain_takes_the_whole_queue_and_each_subject_once(db):
    tally.drain()
    DirtySubject.objects.bulk_create(
        [DirtySubject(kind=tally.PERSON, ref_id=7) for _ in range(3)]
        + [DirtySubject(kind=tally.HOUSEHOLD, ref_id=9), DirtySubject(kind="v", ref_id=7)]
    )
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        tally._taken_queue(cursor) as (total, sizes, subjects),
    ):
        assert (total, sizes) == (5, {tally.PERSON: 1, tally.HOUSEHOLD: 1, "v": 1})
        assert (subjects(tally.PERSON), subjects("s")) == ({7}, set())
        assert not DirtySubject.objects.exists()


def test_other_periods_read_the_records(regions, new_jobs):  # noqa: F811
    q = Query(regions["county"], D(2026, 6, 30), D(2026, 2, 1))
    jobs = get("new_rural_labour_jobs")
    assert not jobs.uses_tallies(q)
    assert jobs.evaluate(q).total.value == jobs.evaluate_direct(q).total.value


def test_trend_from_tallies_equals_day_by_day(regions, new_jobs):  # noqa: F811
    q = Query.for_year(regions["county"], D(2026, 6, 30))
    days = [D(2026, m, 28) for m in range(1, 7)]
    for code in ("new_rural_labour_jobs", "migrant_workers", "poverty_labour_employment_rate"):
        indicator = get(code)
        expected = [indicator.evaluate_direct(replace(q, as_of=d)).total.value for d in days]
        assert indicator.values_on(q, days) == expected


def test_working_age_interval_matches_the_selector_on_every_day(regions):
    births = [D(2000, 2, 29), D(1999, 3, 1), D(1984, 2, 28), D(1990, 12, 31)]
    for birth in births:
        for sex in WORKING_AGE_MAX:
            start, end = facts.working_age(birth, sex)[0]
            for boundary in (start, end):
                for day in range(boundary - 2, boundary + 3):
                    date = datetime.date.fromordinal(day)
                    who = Person(birth_date=birth, sex=sex)
                    inside = start <= day < end
                    assert inside == _selector_says_working_age(who, date), (birth, sex, date)


def _selector_says_working_age(who, day) -> bool:
    """working_age_on evaluated in Python on an unsaved person (the Q's lookups)."""
    q = working_age_on(day)
    return _matches(q, who)


def _matches(q, who) -> bool:
    results = []
    for child in q.children:
        if hasattr(child, "children"):
            results.append(_matches(child, who))
            continue
        lookup, value = child
        field, _, op = lookup.partition("__")
        actual = getattr(who, field)
        results.append({"": actual == value, "gt": actual > value, "lte": actual <= value}[op])
    return any(results) if q.connector == "OR" else all(results)


# Random ledgers --------------------------------------------------------------------------

STATUSES = [
    EmploymentStatus.EMPLOYED_IN_COUNTY,
    EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE,
    EmploymentStatus.SELF_EMPLOYED,
    EmploymentStatus.UNEMPLOYED,
    EmploymentStatus.NOT_IN_LABOUR_FORCE,
    EmploymentStatus.EMPLOYED_IN_PROVINCE,
]
GROUPS = [PersonGroup.POOR, PersonGroup.LIFTED_OUT_OF_POVERTY, FARMER, PersonGroup.DISABLED]
BASE = D(2024, 1, 1)
day_offsets = st.integers(min_value=0, max_value=3 * 366)
people_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "where": st.sampled_from(["village", "other_village", "township", "county", "far"]),
            "birth": st.sampled_from(
                [D(1966, 7, 1), D(1971, 1, 1), D(1990, 5, 5), D(2010, 1, 1), D(2008, 2, 29)]
            ),
            "sex": st.sampled_from(["M", "F"]),
            "household": st.integers(min_value=0, max_value=2),
            # Back-to-back spells: (status, length in days, 0 = open if last).
            "spells": st.lists(
                st.tuples(st.sampled_from(STATUSES), st.integers(0, 400)), max_size=4
            ),
            "first": day_offsets,
            "groups": st.lists(
                st.tuples(
                    st.sampled_from(GROUPS), st.none() | day_offsets, st.none() | day_offsets
                ),
                max_size=2,
            ),
        }
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=people_strategy, probes=st.lists(day_offsets, min_size=1, max_size=3))
def test_fast_path_equals_direct_on_random_ledgers(regions, people, probes):
    places = {
        "village": regions["village"],
        "other_village": regions["other_village"],
        "township": regions["township"],
        "county": regions["county"],
        "far": f"{regions['far_township']}201",
    }
    with transaction.atomic():
        tally.drain()  # the queued full build first: the rows below are tallied by increments
        households = [HouseholdFactory(region_id=places[k]) for k in ("village", "township", "far")]
        for spec in people:
            who = person(places[spec["where"]], birth=spec["birth"], sex=spec["sex"],
                         household=households[spec["household"]])  # fmt: skip
            start = BASE + datetime.timedelta(days=spec["first"])
            for index, (status, length) in enumerate(spec["spells"]):
                last = index == len(spec["spells"]) - 1
                end = None if last and length == 0 else start + datetime.timedelta(days=length)
                make_spell(who, status, start, end)
                start = end or start
            open_groups = set()
            for name, a, b in spec["groups"]:
                if b is None and name in open_groups:
                    continue  # one open membership per group (a database constraint)
                open_groups.add(name) if b is None else None
                begin = BASE + datetime.timedelta(days=a) if a is not None else None
                until = BASE + datetime.timedelta(days=b) if b is not None else None
                if begin and until and until < begin:
                    begin, until = until, begin
                GroupMembership.objects.create(person=who, group=name, start=begin, end=until)
        days = [BASE + datetime.timedelta(days=p) for p in probes]
        assert_fast_equals_direct([regions["city"], regions["county"], regions["township"]], days)
        incremental = _tallies()
        DirtySubject.objects.create(kind="*", ref_id=0)
        tally.drain()
        assert _tallies() == incremental
        transaction.set_rollback(True)
    assert connection.vendor in ("sqlite", "postgresql")


@pytest.mark.parametrize(
    ("intervals", "merged"),
    [
        ([(5, None), (5, 9)], [(5, None)]),
        ([(1, 3), (3, 6), (8, 9)], [(1, 6), (8, 9)]),
        ([(4, 4), (2, 3)], [(2, 3)]),
        ([(1, 10), (2, 5)], [(1, 10)]),
    ],
)
def test_union_merges_touching_and_open_intervals(intervals, merged):
    assert facts.union(intervals) == merged


def test_subtract_and_intersect_keep_half_open_ends():
    assert facts.subtract([(1, None)], [(3, 5)]) == [(1, 3), (5, None)]
    assert facts.intersect([(1, None)], [(3, 5), (7, None)]) == [(3, 5), (7, None)]
    assert facts.subtract([(1, 5)], [(1, 5)]) == []
