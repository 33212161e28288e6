"""The data version in two halves: writes to spells and group memberships (the busiest
ledger tables) raise shards 0-7, writes to every other watched table shards 8-15, so the
platform part of a dashboard is kept across changes of employment status (the ledger
figures come from the tallies on every read). Re-creates the trigger function and every
watched table's trigger."""

from django.db import migrations

from jiuye.stats.freshness import MODULE_TABLES, WATCHED_TABLES, watch_tables


class Migration(migrations.Migration):
    dependencies = [("stats", "0008_tally_by_county_and_township")]

    operations = [
        migrations.RunPython(
            watch_tables(WATCHED_TABLES + MODULE_TABLES), migrations.RunPython.noop
        ),
    ]
