"""The job board's term postings (see jiuye/vacancies/search_terms.py), filled for the
vacancies live now."""

import django.db.models.deletion
from django.db import migrations, models


def fill_postings(apps, schema_editor):
    from jiuye.vacancies.search_terms import PAYLOAD, vacancy_terms

    Vacancy = apps.get_model("vacancies", "Vacancy")
    VacancyTerm = apps.get_model("vacancies", "VacancyTerm")
    Occupation = apps.get_model("occupations", "Occupation")
    names = dict(Occupation.objects.order_by("code", "level").values_list("code", "name"))
    live = Vacancy.objects.filter(
        status="live", posted_on__isnull=False, employer__status="verified"
    ).order_by("pk")
    batch = []
    for vacancy in live.iterator(chunk_size=2000):
        payload = {name: getattr(vacancy, name) for name in PAYLOAD}
        terms = vacancy_terms(
            title=vacancy.title,
            pinyin_keys=vacancy.pinyin_keys,
            occupation_name=names.get(vacancy.occupation_code, ""),
        )
        batch += [
            VacancyTerm(vacancy_id=vacancy.pk, term=term, rank=rank, **payload)
            for term, rank in terms.items()
        ]
        if len(batch) >= 5000:
            VacancyTerm.objects.bulk_create(batch)
            batch = []
    VacancyTerm.objects.bulk_create(batch)


def no_parallel_scans(apps, schema_editor):
    # Each board query reads a few dozen postings; starting parallel workers for it (the
    # planner's guess for a common term) costs more than the whole query.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE vacancies_vacancyterm SET (parallel_workers = 0)"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('vacancies', '0005_search_grams_index'),
        ('occupations', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='VacancyTerm',
            fields=[
                ('pk', models.CompositePrimaryKey('vacancy', 'term', blank=True, editable=False, primary_key=True, serialize=False)),
                ('term', models.CharField(max_length=40)),
                ('rank', models.PositiveSmallIntegerField()),
                ('posted_on', models.DateField()),
                ('county_code', models.CharField(max_length=6)),
                ('occupation_code', models.CharField(max_length=10)),
                ('wage_max', models.PositiveIntegerField()),
                ('employment_type', models.CharField(max_length=16)),
                ('valid_until', models.DateField()),
                ('confirmed_at', models.DateTimeField()),
                ('vacancy', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='terms', to='vacancies.vacancy')),
            ],
            options={
                'indexes': [models.Index(fields=['term', '-rank', '-posted_on', '-vacancy'], include=('county_code', 'occupation_code', 'wage_max', 'employment_type', 'valid_until', 'confirmed_at'), name='vacancyterm_board_order')],
            },
        ),
        migrations.RunPython(no_parallel_scans, migrations.RunPython.noop),
        migrations.RunPython(fill_postings, migrations.RunPython.noop),
    ]
