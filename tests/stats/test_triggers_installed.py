"""The triggers that keep the statistics exact (and the spells honest) are in the migrated
database. On SQLite a migration that rebuilds a table (most field changes do) silently drops
the table's triggers: this fails the suite when one does."""

from django.db import connection

from jiuye.stats.tally import WATCHED


def _triggers() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
            )
        else:
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        return set(cursor.fetchall())


def test_every_watched_table_queues_its_writes_for_the_tallies(db):
    events = ["insert", "update", "delete"]
    if connection.vendor == "postgresql":
        events.append("truncate")
    expected = {(table, f"stats_dirty_{table}_{event}") for table in WATCHED for event in events}
    assert expected <= _triggers()


def test_the_spells_integrity_triggers_are_in_place(db):
    names = {name for table, name in _triggers() if table == "people_employmentspell"}
    assert "spell_never_overwritten" in names
    if connection.vendor == "sqlite":  # PostgreSQL uses an exclusion constraint instead
        assert "spell_no_overlap" in names


def test_the_vacancy_counts_index_is_in_place_on_postgresql(db):
    if connection.vendor != "postgresql":
        return  # SQLite keeps no covering index (and needs none at its sizes)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'vacancy_posted_counted'")
        (definition,) = cursor.fetchone()
    assert "(posted_on) INCLUDE (status, duplicate_of_id, region_id, headcount" in definition
