"""Watch the tables the platform and assistance indicators read (job fairs, vacancies,
applications, job seekers, certifications, welfare posts and placements, zero-employment
cases, home visits): every write raises the data version, so a kept dashboard is never
served after it."""

from django.db import migrations

from jiuye.stats.freshness import MODULE_TABLES, unwatch_tables, watch_tables


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0004_data_version_function_fix"),
        ("jobfairs", "0001_initial"),
        ("vacancies", "0005_search_grams_index"),
        ("applications", "0002_application_fair_and_more"),
        ("assistance", "0002_default_configuration"),
    ]

    operations = [
        migrations.RunPython(watch_tables(MODULE_TABLES), unwatch_tables(MODULE_TABLES)),
    ]
