"""Each tally row's scope (its region cut to the area whose view reads it), first in the
read index: a county's view reads its own rows instead of filtering every county's."""

from django.db import migrations, models


def fill_scope(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE stats_tally SET scope = substr(region, 1, CASE cut WHEN 6 THEN 4 ELSE 6 END)"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('stats', '0013_applications_tallied'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='tally',
            name='tally_read_by_cut',
        ),
        migrations.AddField(
            model_name='tally',
            name='scope',
            field=models.CharField(default='', max_length=6),
        ),
        migrations.RunPython(fill_scope, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='tally',
            index=models.Index(fields=['cut', 'scope', 'code', 'grain', 'bucket'], include=('region', 'period_year', 'delta'), name='tally_read_by_scope'),
        ),
    ]
