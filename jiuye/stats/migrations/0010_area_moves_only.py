"""Writes to people and households that move nobody to another area (and writes to
targets) raise the first half of the data version only: the platform part of a dashboard,
which reads people and households only for their area, is kept across them. Re-creates the
trigger functions and those tables' triggers."""

from django.db import migrations

from jiuye.stats.freshness import AREA_TABLES, watch_tables

TABLES = [*sorted(AREA_TABLES), "stats_target"]


class Migration(migrations.Migration):
    dependencies = [("stats", "0009_data_version_halves")]

    operations = [migrations.RunPython(watch_tables(TABLES), migrations.RunPython.noop)]
