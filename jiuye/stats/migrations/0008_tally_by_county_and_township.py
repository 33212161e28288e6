"""Tallies kept under two cuts of the area code, counties and townships, so a city's view
reads county rows and a county's its townships' rows. Emptied; the first read builds
them again."""

from django.db import migrations, models

from jiuye.stats.tally import queue_full_build


class Migration(migrations.Migration):

    dependencies = [
        ('stats', '0007_tally_by_township'),
    ]

    operations = [
        migrations.RunPython(queue_full_build, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='tally',
            name='tally_one_per_bucket',
        ),
        migrations.RemoveIndex(
            model_name='tally',
            name='tally_read_covering',
        ),
        migrations.AddField(
            model_name='tally',
            name='cut',
            field=models.PositiveSmallIntegerField(default=9),
        ),
        migrations.AddIndex(
            model_name='tally',
            index=models.Index(fields=['cut', 'code', 'grain', 'bucket'], include=('region', 'period_year', 'delta'), name='tally_read_by_cut'),
        ),
        migrations.AddConstraint(
            model_name='tally',
            constraint=models.UniqueConstraint(fields=('code', 'period_year', 'cut', 'region', 'grain', 'bucket'), name='tally_one_per_bucket_cut'),
        ),
    ]
