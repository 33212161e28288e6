"""Vacancies and job seekers counted by area and day (`jiuye.stats.platform_tally`): the
tally table, the queue triggers on vacancies, job seekers and applications (a full build
is queued for the first read), and their data-version triggers, which now raise the
platform half only when a vacancy changes area or a job seeker's person changes."""

from django.db import migrations, models

from jiuye.stats.freshness import watch_tables
from jiuye.stats.tally import install_platform_triggers, remove_platform_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0010_area_moves_only"),
        ("applications", "0003_jobseeker_area_code"),
        ("vacancies", "0008_posted_on_counted_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="PlatformTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=2)),
                ("cut", models.PositiveSmallIntegerField()),
                ("region", models.CharField(max_length=12)),
                ("dim", models.CharField(max_length=16)),
                ("until", models.DateField()),
                ("grain", models.CharField(max_length=1)),
                ("bucket", models.DateField()),
                ("delta", models.BigIntegerField()),
            ],
            options={
                "verbose_name": "platform tally",
                "verbose_name_plural": "platform tallies",
                "indexes": [
                    models.Index(
                        fields=["cut", "grain", "bucket"],
                        include=("code", "region", "dim", "until", "delta"),
                        name="platformtally_by_day",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("cut", "code", "grain", "region", "dim", "until", "bucket"),
                        name="platformtally_one_per_bucket",
                    )
                ],
            },
        ),
        migrations.RunPython(install_platform_triggers, remove_platform_triggers),
        migrations.RunPython(
            watch_tables(["vacancies_vacancy", "applications_jobseeker"]),
            migrations.RunPython.noop,
        ),
    ]
