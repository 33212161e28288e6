"""The platform tallies are kept at the village cut too, so a township's and a village's
views read them instead of the records: a full build of them is queued."""

from django.db import migrations


def queue_platform_build(apps, schema_editor):
    DirtySubject = apps.get_model("stats", "DirtySubject")
    DirtySubject.objects.using(schema_editor.connection.alias).create(kind="+", ref_id=0)


class Migration(migrations.Migration):
    dependencies = [("stats", "0014_tally_scope")]

    operations = [migrations.RunPython(queue_platform_build, migrations.RunPython.noop)]
