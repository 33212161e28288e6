"""A kept dashboard is never served after a write that changes its figures."""

import pytest

from jiuye.people.models import EmploymentSpell, GroupMembership
from jiuye.people.services import record_employment_status
from jiuye.stats.catalogue import Query
from jiuye.stats.dashboard import current_dashboard
from jiuye.stats.freshness import data_version
from jiuye.stats.services import set_city_target
from tests.stats.factories import POOR, UNEMPLOYED, WORK, D, group, person, spell

pytestmark = pytest.mark.django_db(transaction=True)
Q = Query("451228", D(2026, 6, 30), D(2026, 1, 1))


@pytest.fixture(autouse=True)
def _counter_rows(regions):
    """Transactional tests flush every table, the counter rows too: the first read puts
    them back (and keeps nothing); read once so each test starts with them in place."""
    assert data_version() is None or data_version() >= 0
    assert data_version() is not None


def test_without_counter_rows_nothing_is_kept(regions):
    from jiuye.stats.models import DataVersion

    DataVersion.objects.all().delete()
    assert data_version() is None
    assert data_version() == 0


def figure(code, field="value"):
    return current_dashboard(Q).report["indicators"][code][field]


def test_every_write_to_the_ledger_raises_the_data_version(regions):
    someone = person(regions["village"])
    # Many writes: each must raise the version (a shard drawn per row once let some
    # writes raise none on PostgreSQL).
    for day in range(1, 29):
        before = data_version()
        spell(person(regions["village"]), UNEMPLOYED, D(2026, 2, day))
        assert data_version() > before
    before = data_version()
    spell(someone, WORK, D(2026, 3, 1))
    assert data_version() > before


def test_new_spell_is_counted_at_once(regions):
    someone = person(regions["village"])
    spell(someone, UNEMPLOYED, D(2025, 1, 1))
    assert figure("new_rural_labour_jobs") == 0
    record_employment_status(person=someone, status=WORK, start=D(2026, 3, 1), source="visit")
    assert figure("new_rural_labour_jobs") == 1


def test_ended_group_and_deleted_spell_are_seen_at_once(regions):
    poor = person(regions["township"])
    membership = group(poor, POOR, D(2019, 1, 1))
    work = spell(poor, WORK, D(2025, 1, 1))
    assert figure("poverty_labour_employment_rate", "denominator") == 1
    GroupMembership.objects.filter(pk=membership.pk).update(end=D(2026, 6, 1))
    assert figure("poverty_labour_employment_rate", "denominator") == 0
    EmploymentSpell.objects.filter(pk=work.pk).delete()
    assert figure("migrant_workers") == 0


def test_unchanged_data_is_served_with_one_query(regions, django_assert_num_queries):
    spell(person(regions["village"]), WORK, D(2026, 3, 1))
    first = current_dashboard(Q)
    with django_assert_num_queries(1):
        again = current_dashboard(Q)
    assert again.report == first.report


def test_a_new_target_shows_at_once(regions, city_admin):
    county = current_dashboard(Query("4512", D(2026, 6, 30), D(2026, 1, 1)))
    assert county.progress == {}
    set_city_target(
        indicator_code="new_rural_labour_jobs",
        year=2026,
        region_code="4512",
        value=5,
        by=city_admin,
    )
    city = current_dashboard(Query("4512", D(2026, 6, 30), D(2026, 1, 1)))
    assert city.progress["new_rural_labour_jobs"]["area"].target == 5


def test_writes_to_the_platform_and_assistance_tables_are_seen_at_once(regions):
    from jiuye.assistance.enums import PostType
    from jiuye.vacancies.models import Vacancy
    from tests.stats import module_factories as m

    assert figure("positions_offered") == 0
    job = m.vacancy(regions["township"], D(2026, 3, 1), headcount=4)
    assert figure("positions_offered") == 4
    Vacancy.objects.filter(pk=job.pk).update(headcount=6)
    assert figure("positions_offered") == 6
    m.fair(regions["township"], D(2026, 3, 1))
    assert figure("job_fairs") == 1
    post = m.welfare_post(regions["village"], PostType.URBAN_WELFARE)
    m.placement(post, person(regions["village"]), D(2026, 4, 1))
    assert figure("welfare_posts_filled_urban_welfare") == 1
    home = m.household(regions["village"])
    m.visit(home, D(2026, 5, 1))
    assert figure("households_visited") == 1
    m.case(home, D(2026, 1, 5), cleared_on=D(2026, 2, 1))
    assert figure("zero_employment_households_cleared") == 1
    seeker = m.seeker(person(regions["village"]))
    m.application(job, seeker, D(2026, 5, 1))
    assert figure("applications") == 1
    assert figure("job_seekers_applied") == 1


def triggered_tables() -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name = 'stats_data_version'"
            )
        else:
            cursor.execute(  # the data version's triggers, not the seekers' area copy
                "SELECT DISTINCT tbl_name FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE 'stats_dv_%'"
            )
        return {row[0] for row in cursor.fetchall()}


def test_every_module_table_has_a_trigger(regions):
    from jiuye.stats.freshness import MODULE_TABLES

    assert set(MODULE_TABLES) <= triggered_tables()


def test_module_triggers_are_removed_and_restored_by_the_migration_functions(regions):
    from django.db import connection

    from jiuye.stats.freshness import MODULE_TABLES, WATCHED_TABLES, unwatch_tables, watch_tables

    try:
        with connection.schema_editor() as editor:
            unwatch_tables(MODULE_TABLES)(None, editor)
        assert not triggered_tables() & set(MODULE_TABLES)
        assert set(WATCHED_TABLES) <= triggered_tables()
    finally:
        with connection.schema_editor() as editor:
            watch_tables(MODULE_TABLES)(None, editor)
    assert set(MODULE_TABLES) <= triggered_tables()


def test_supply_demand_is_recomputed_after_a_new_job_seeker(regions):
    from tests.stats import module_factories as m

    m.vacancy(regions["township"], D(2026, 6, 1), headcount=6)
    m.seeker(person(regions["village"]), created=D(2026, 6, 2))
    assert current_dashboard(Q).supply["current"]["ratio"] == 6.0
    m.seeker(person(regions["village"]), created=D(2026, 6, 3))
    assert current_dashboard(Q).supply["current"]["ratio"] == 3.0


def _tables_read(indicator, q) -> str:
    """The SQL of every queryset behind an indicator's figure."""
    # The records, area filter included (a figure placed through a join reads that table).
    target = getattr(indicator, "of", indicator)
    return str(target.records(q).query) + str(target.records(q, "denominator").query)


def test_every_indicator_reading_the_busiest_tables_is_live(regions):
    """The platform part is kept across writes to these tables (they raise the first half
    of the data version only): no indicator in it may read them."""
    from jiuye.stats.catalogue import catalogue
    from jiuye.stats.freshness import ACTIVITY_TABLES

    busy = sorted(ACTIVITY_TABLES - {"stats_target"})
    assert "applications_application" in busy
    for indicator in catalogue():
        sql = _tables_read(indicator, Q)
        if any(table in sql for table in busy):
            assert indicator.live, indicator.code


def test_a_status_change_recomputes_the_live_figures_only(regions, monkeypatch):
    from jiuye.stats import dashboard

    calls = []
    original = dashboard.platform_part
    monkeypatch.setattr(dashboard, "platform_part", lambda q: calls.append(q) or original(q))
    someone = person(regions["village"])
    spell(someone, UNEMPLOYED, D(2025, 1, 1))
    assert figure("new_rural_labour_jobs") == 0
    assert len(calls) == 1
    record_employment_status(person=someone, status=WORK, start=D(2026, 3, 1), source="visit")
    assert figure("new_rural_labour_jobs") == 1
    assert len(calls) == 1  # the platform part was kept
    # A new person, and a person's edit that moves nobody, keep it too (the platform part
    # reads people only for their area).
    newcomer = person(regions["village"])
    newcomer.name = "改名"
    newcomer.save()
    assert figure("new_rural_labour_jobs") == 1
    assert len(calls) == 1
    # A vacancy posted and a job seeker registered keep it as well: their figures are read
    # from the platform tallies on every read, and they count at once.
    from tests.stats import module_factories as m

    posted = m.vacancy(regions["township"], D(2026, 3, 1), headcount=4)
    looking = m.seeker(someone, created=D(2026, 4, 2))
    assert figure("positions_offered") == 4
    assert figure("vacancies") == 1
    supply = current_dashboard(Q).supply["quarters"][1]
    assert (supply["positions"], supply["seekers"]) == (4, 1)  # valid until 30 April
    assert len(calls) == 1
    # So do an application, and a vacancy moved to another area (its applications move
    # with it): applications, hires and the people who applied come from the tallies too.
    m.application(posted, looking, D(2026, 4, 3))
    assert (figure("applications"), figure("job_seekers_applied")) == (1, 1)
    assert len(calls) == 1
    posted.region_id = regions["far_township"]
    posted.save()
    assert figure("applications") == 0
    assert figure("positions_offered") == 0
    assert figure("job_seekers_applied") == 1  # placed by the seeker's home
    assert len(calls) == 1
    # A write to a table the platform part reads (a job fair) computes it again.
    m.fair(regions["township"], D(2026, 5, 1))
    assert figure("job_fairs") == 1
    assert len(calls) == 2


def test_a_job_seeker_who_moves_counts_in_the_new_area_at_once(regions):
    from jiuye.people.models import Household, Person
    from tests.stats import module_factories as m

    board = Query("4512", D(2026, 6, 30), D(2026, 1, 1))

    def seekers_by_county():
        areas = current_dashboard(board).supply["current"]["areas"]
        return {a["code"]: a["seekers"] for a in areas if a["seekers"]}

    someone = person(regions["village"])
    m.seeker(someone, created=D(2026, 6, 2))
    home = m.household(regions["village"])
    m.visit(home, D(2026, 5, 1))
    assert seekers_by_county() == {regions["county"]: 1}
    Person.objects.filter(pk=someone.pk).update(name="改名")  # moves nobody: kept
    assert seekers_by_county() == {regions["county"]: 1}
    Person.objects.filter(pk=someone.pk).update(region_id=regions["far_township"])
    assert seekers_by_county() == {regions["other_county"]: 1}

    def visited_by_county():
        entry = current_dashboard(board).report["indicators"]["households_visited"]
        return {row["code"]: row["value"] for row in entry["children"] if row["value"]}

    assert visited_by_county() == {regions["county"]: 1}
    Household.objects.filter(pk=home.pk).update(region_id=regions["far_township"])
    assert visited_by_county() == {regions["other_county"]: 1}


def test_only_a_move_to_another_area_raises_the_platform_half(regions):
    from jiuye.people.models import Person
    from jiuye.stats.freshness import OTHERS

    someone = person(regions["village"])
    kept = data_version(OTHERS)
    person(regions["village"])
    Person.objects.filter(pk=someone.pk).update(name="改名")
    # (Deleting a person deletes from the tables that refer to it too, on PostgreSQL a
    # statement each, even of no rows: those tables' triggers raise the platform half.)
    assert data_version(OTHERS) == kept
    moved = person(regions["village"])
    Person.objects.filter(pk=moved.pk).update(region_id=regions["other_village"])
    assert data_version(OTHERS) > kept


def test_every_platform_read_of_people_is_by_area(regions):
    """Why a write to people or households that moves nobody keeps the platform part: no
    query of it reads any other of their columns."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jiuye.stats.dashboard import platform_part

    with CaptureQueriesContext(connection) as queries:
        platform_part(Q)
    read = set()
    for sql in (query["sql"] for query in queries.captured_queries):
        read |= set(re.findall(r'"(people_person|people_household)"\."(\w+)"', sql))
        assert not re.search(r'(people_person|people_household)" (AS )?"?[A-Z]+\d', sql)  # no alias
    assert ("people_household", "region_id") in read  # households visited, by their area
    assert {column for _table, column in read} <= {"id", "region_id", "household_id"}
