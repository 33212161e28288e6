"""Triggers that raise `stats_dataversion` on every write to the tables indicators read.

They are created by the stats app on tables other apps own, because the guarantee they give
(a cached figure is never served after a write) belongs to statistics. Another module whose
indicators read its own tables adds them with `watch_tables` in a migration of its own:

    from jiuye.stats.freshness import watch_tables, unwatch_tables
    migrations.RunPython(watch_tables(["vacancies_vacancy"]), unwatch_tables(["vacancies_vacancy"]))
"""

from django.db import migrations

from jiuye.stats.freshness import SHARDS, WATCHED_TABLES, unwatch_tables, watch_tables


def seed(apps, schema_editor):
    DataVersion = apps.get_model("stats", "DataVersion")
    DataVersion.objects.using(schema_editor.connection.alias).bulk_create(
        [DataVersion(shard=i, version=0) for i in range(SHARDS)], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0002_data_version"),
        ("people", "0001_initial"),
        ("geo", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(watch_tables(WATCHED_TABLES), unwatch_tables(WATCHED_TABLES)),
    ]
