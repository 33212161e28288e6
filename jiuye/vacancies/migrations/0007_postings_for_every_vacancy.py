"""The terms every live vacancy holds in the job board's postings (search_terms.area_terms:
`*`, and `*` with its city's, county's and township's code), so that the board counts an
area's vacancies from the postings' covering index."""

from django.db import migrations

FIELDS = "posted_on, county_code, occupation_code, wage_max, employment_type, valid_until, "
FIELDS += "confirmed_at"


def add_every_vacancy_postings(apps, schema_editor):
    values = ", ".join("v." + name.strip() for name in FIELDS.split(","))
    for length in (0, 4, 6, 9):
        schema_editor.execute(
            f"INSERT INTO vacancies_vacancyterm (vacancy_id, term, rank, {FIELDS}) "
            f"SELECT v.id, '*' || substr(v.region_id, 1, {length}), 0, {values} "
            "FROM vacancies_vacancy v JOIN employers_employer e ON e.id = v.employer_id "
            "WHERE v.status = 'live' AND v.posted_on IS NOT NULL AND e.status = 'verified' "
            f"AND v.confirmed_at IS NOT NULL AND length(v.region_id) >= {length}"
        )


def remove_every_vacancy_postings(apps, schema_editor):
    schema_editor.execute("DELETE FROM vacancies_vacancyterm WHERE term LIKE %s", ["*%"])


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0006_vacancy_terms")]

    operations = [
        migrations.RunPython(add_every_vacancy_postings, remove_every_vacancy_postings),
    ]
