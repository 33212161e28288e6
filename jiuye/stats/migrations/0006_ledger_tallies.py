"""The ledger tallies (jiuye.stats.tally): the queue of people and households to recompute,
their facts, the tallies, and the triggers that fill the queue on every write to people,
spells, group memberships and households. The triggers also queue a full build, so the
first read tallies whatever the ledger already holds."""

from django.db import migrations, models

from jiuye.stats.tally import install_triggers, remove_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0005_module_table_triggers"),
        ("people", "0003_skills_certificates_ethnicity"),
    ]

    operations = [
        migrations.CreateModel(
            name="DirtySubject",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=1)),
                ("ref_id", models.BigIntegerField()),
            ],
            options={
                "verbose_name": "queued statistics update",
                "verbose_name_plural": "queued statistics updates",
            },
        ),
        migrations.CreateModel(
            name="SubjectFacts",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=1)),
                ("ref_id", models.BigIntegerField()),
                ("facts", models.TextField()),
            ],
            options={
                "verbose_name": "subject facts",
                "verbose_name_plural": "subject facts",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "ref_id"), name="subjectfacts_one_per_subject"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Tally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=8)),
                ("period_year", models.PositiveSmallIntegerField()),
                ("scope", models.CharField(max_length=1)),
                ("region", models.CharField(max_length=12)),
                ("grain", models.CharField(max_length=1)),
                ("bucket", models.DateField()),
                ("delta", models.IntegerField()),
            ],
            options={
                "verbose_name": "tally",
                "verbose_name_plural": "tallies",
                "indexes": [models.Index(fields=["scope", "grain", "bucket"], name="tally_read")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("code", "period_year", "scope", "region", "grain", "bucket"),
                        name="tally_one_per_bucket",
                    )
                ],
            },
        ),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
