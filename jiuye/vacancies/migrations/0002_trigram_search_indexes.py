"""Trigram GIN indexes for the job board's keyword and pinyin search, on PostgreSQL only.

`search_text LIKE '%厨师%'` and `pinyin_keys LIKE '%chushi%'` use these indexes through
pg_trgm; SQLite has no such index and scans (fine at demo scale). Creating the extension
needs the right to do so; where it is missing, the indexes are skipped with a notice.
"""

from django.db import migrations

INDEXES = {
    "vacancy_search_text_trgm": "search_text",
    "vacancy_pinyin_keys_trgm": "pinyin_keys",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON vacancies_vacancy "
            f"USING gin ({column} gin_trgm_ops) WHERE status = 'live'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
