"""Applications, hires and the people who applied are read from the platform tallies too:
an application queues its vacancy (whose facts now hold its applications) as well as its
seeker, and a full build of the platform tallies is queued. Vacancies, job seekers and
applications now raise the first half of the data version only (no figure of the kept
platform part reads them); the moved-seeker check of migration 0011 goes."""

from django.db import migrations

from jiuye.stats.freshness import watch_tables
from jiuye.stats.tally import install_platform_triggers, remove_platform_triggers

TABLES = ["vacancies_vacancy", "applications_jobseeker", "applications_application"]


def drop_moved_person_check(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP FUNCTION IF EXISTS stats_bump_moved_person_id()")


class Migration(migrations.Migration):
    dependencies = [("stats", "0012_facts_by_area")]

    operations = [
        migrations.RunPython(install_platform_triggers, remove_platform_triggers),
        migrations.RunPython(watch_tables(TABLES), migrations.RunPython.noop),
        migrations.RunPython(drop_moved_person_check, migrations.RunPython.noop),
    ]
