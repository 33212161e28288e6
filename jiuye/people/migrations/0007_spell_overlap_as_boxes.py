"""The exclusion constraint that keeps a person's spells from overlapping, with a cheaper
index (PostgreSQL; SQLite keeps its trigger).

Migration 0004 wrote it as `EXCLUDE USING gist (person_id WITH =, daterange(start, end)
WITH &&)`. Every inserted spell then walks a GiST index whose penalty function unpacks two
variable-length keys on every entry of every page it passes: 2.4 s per 100,000 spells, a
third of what the database spends taking in an imported ledger (docs/benchmarks-ledger.md,
run 6). The same rule, drawn as boxes (fixed-size, compared with plain arithmetic), costs
1.0 s:

- x runs over days (counted from 1900-01-01) from the spell's first day to half a day
  before its end, `start <= x <= end - 0.5`; an open spell runs to day 3e9, beyond any date
  PostgreSQL can hold;
- y is the person's id: each person's spells lie on a line of their own.

Two boxes overlap (`&&`, closed on every side) exactly when both lie on the same line and
`start1 <= end2 - 0.5` and `start2 <= end1 - 0.5`, that is, for whole days, when
`start1 < end2` and `start2 < end1`: the overlap of the half-open ranges [start, end).
An empty spell (start = end, two statuses recorded on one day) overlaps nothing under
`daterange`; here its box is NULL, and an exclusion constraint never compares a NULL. So
the constraint accepts and refuses exactly the rows the old one did
(`tests/people/test_spell_integrity.py` checks it against the half-open rule with
hypothesis).
"""

from django.db import migrations

BOX = """CASE WHEN "end" = start THEN NULL ELSE box(
    point((start - date '1900-01-01')::float8, person_id::float8),
    point(coalesce(("end" - date '1900-01-01')::float8, float8 '3e9') - 0.5, person_id::float8)
) END"""

PG_FORWARD = [
    "ALTER TABLE people_employmentspell DROP CONSTRAINT spell_no_overlap",
    f"""ALTER TABLE people_employmentspell ADD CONSTRAINT spell_no_overlap
        EXCLUDE USING gist (({BOX}) WITH &&)""",
]
PG_BACKWARD = [
    "ALTER TABLE people_employmentspell DROP CONSTRAINT spell_no_overlap",
    """ALTER TABLE people_employmentspell ADD CONSTRAINT spell_no_overlap
       EXCLUDE USING gist (person_id WITH =, daterange(start, "end", '[)') WITH &&)""",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0006_import_rows_total")]

    operations = [migrations.RunPython(_run(PG_FORWARD), _run(PG_BACKWARD))]
