"""Employment spells, enforced by the database itself and not only by the services:

- the spells of one person never overlap (half-open [start, end) intervals; an empty spell,
  start = end, overlaps nothing): on PostgreSQL an exclusion constraint over
  `daterange(start, end)` (btree_gist, a trusted extension the database owner may create),
  which holds under concurrent writers; on SQLite a trigger, SQLite having one writer at a
  time;
- a spell is never overwritten: an update may only close an open spell (set `end` once),
  give an uncoded spell its occupation code, or relink the employer or creator (which
  `on_delete=SET_NULL` does). Anything else is refused by a trigger.
"""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE people_employmentspell ADD CONSTRAINT spell_no_overlap
       EXCLUDE USING gist (person_id WITH =, daterange(start, "end", '[)') WITH &&)""",
    """CREATE OR REPLACE FUNCTION people_spell_never_overwritten() RETURNS trigger
       LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.person_id IS DISTINCT FROM OLD.person_id
           OR NEW.status IS DISTINCT FROM OLD.status
           OR NEW.start IS DISTINCT FROM OLD.start
           OR NEW.region_id IS DISTINCT FROM OLD.region_id
           OR NEW.employer_name IS DISTINCT FROM OLD.employer_name
           OR NEW.occupation_text IS DISTINCT FROM OLD.occupation_text
           OR NEW.monthly_income IS DISTINCT FROM OLD.monthly_income
           OR NEW.source IS DISTINCT FROM OLD.source
           OR (OLD.occupation_code <> '' AND NEW.occupation_code IS DISTINCT FROM OLD.occupation_code)
           OR (OLD."end" IS NOT NULL AND NEW."end" IS DISTINCT FROM OLD."end")
        THEN
            RAISE EXCEPTION 'employment spells are never overwritten: record a new status'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER spell_never_overwritten BEFORE UPDATE ON people_employmentspell
       FOR EACH ROW EXECUTE FUNCTION people_spell_never_overwritten()""",
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS spell_never_overwritten ON people_employmentspell",
    "DROP FUNCTION IF EXISTS people_spell_never_overwritten()",
    "ALTER TABLE people_employmentspell DROP CONSTRAINT IF EXISTS spell_no_overlap",
]

_FOREVER = "'9999-12-31'"
SQLITE_FORWARD = [
    f"""CREATE TRIGGER spell_no_overlap BEFORE INSERT ON people_employmentspell
    WHEN NEW.start < COALESCE(NEW."end", {_FOREVER}) AND EXISTS (
        SELECT 1 FROM people_employmentspell s
        WHERE s.person_id = NEW.person_id
          AND s.start < COALESCE(s."end", {_FOREVER})
          AND s.start < COALESCE(NEW."end", {_FOREVER})
          AND COALESCE(s."end", {_FOREVER}) > NEW.start
    )
    BEGIN SELECT RAISE(ABORT, 'the spells of a person never overlap'); END""",
    """CREATE TRIGGER spell_never_overwritten BEFORE UPDATE ON people_employmentspell
    WHEN NEW.person_id IS NOT OLD.person_id
      OR NEW.status IS NOT OLD.status
      OR NEW.start IS NOT OLD.start
      OR NEW.region_id IS NOT OLD.region_id
      OR NEW.employer_name IS NOT OLD.employer_name
      OR NEW.occupation_text IS NOT OLD.occupation_text
      OR NEW.monthly_income IS NOT OLD.monthly_income
      OR NEW.source IS NOT OLD.source
      OR (OLD.occupation_code <> '' AND NEW.occupation_code IS NOT OLD.occupation_code)
      OR (OLD."end" IS NOT NULL AND NEW."end" IS NOT OLD."end")
    BEGIN SELECT RAISE(ABORT, 'employment spells are never overwritten'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS spell_no_overlap",
    "DROP TRIGGER IF EXISTS spell_never_overwritten",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for sql in statements.get(schema_editor.connection.vendor, []):
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0003_skills_certificates_ethnicity")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
