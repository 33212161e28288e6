"""On PostgreSQL, an index on the day a vacancy was posted carrying the columns the
statistics count (status, duplicate, area, positions, validity, occupation): the dashboard's
vacancy counts for a period with few postings (a year earlier) read a short index range
instead of the whole table. Not on SQLite (no INCLUDE; its tables are small)."""

from django.db import migrations

INDEX = "vacancy_posted_counted"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON vacancies_vacancy (posted_on) "
            "INCLUDE (status, duplicate_of_id, region_id, headcount, valid_until, occupation_code)"
        )


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0007_postings_for_every_vacancy")]

    operations = [migrations.RunPython(add_index, remove_index)]
