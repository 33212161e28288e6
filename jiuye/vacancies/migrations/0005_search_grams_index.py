"""A GIN index over the bigram tokens, on PostgreSQL only (see search_text.search_grams).

Trigram indexes cannot serve a two-character Chinese term (the commonest kind: 厨师, 保安),
so the board finds Chinese terms through `to_tsvector('simple', search_grams)`.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS vacancy_search_grams_fts ON vacancies_vacancy "
        "USING gin (to_tsvector('simple'::regconfig, search_grams)) WHERE status = 'live'"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS vacancy_search_grams_fts")


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0004_search_grams")]

    operations = [migrations.RunPython(create, drop)]
