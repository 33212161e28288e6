"""Replace the trigger function of 0003: it drew a random shard for every row of the
counter table, so a write could raise no shard at all (and a kept figure go stale)."""

from django.db import migrations

from jiuye.stats.freshness import WATCHED_TABLES, watch_tables


class Migration(migrations.Migration):
    dependencies = [("stats", "0003_data_version_triggers")]

    operations = [
        migrations.RunPython(watch_tables(WATCHED_TABLES), migrations.RunPython.noop),
    ]
