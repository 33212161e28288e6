"""Tallies keyed by township only (the city and county views read them; township and
village views read the records), with a covering index for the reads. The tallies are
emptied and a full build queued: the first read builds them again."""

from django.db import migrations, models

from jiuye.stats.tally import queue_full_build


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0006_ledger_tallies"),
    ]

    operations = [
        migrations.RunPython(queue_full_build, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="tally",
            name="tally_one_per_bucket",
        ),
        migrations.RemoveIndex(
            model_name="tally",
            name="tally_read",
        ),
        migrations.RemoveField(
            model_name="tally",
            name="scope",
        ),
        migrations.AlterField(
            model_name="tally",
            name="region",
            field=models.CharField(max_length=9),
        ),
        migrations.AddIndex(
            model_name="tally",
            index=models.Index(
                fields=["code", "grain", "bucket"],
                include=("region", "period_year", "delta"),
                name="tally_read_covering",
            ),
        ),
        migrations.AddConstraint(
            model_name="tally",
            constraint=models.UniqueConstraint(
                fields=("code", "period_year", "region", "grain", "bucket"),
                name="tally_one_per_bucket",
            ),
        ),
    ]
