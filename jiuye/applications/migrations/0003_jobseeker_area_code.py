"""A job seeker's area (the person's household registration) copied onto the seeker row by
triggers, so that supply and demand counts seekers by area without joining the people
table (issue 6). The seeker's own triggers copy it on every insert or update of the seeker
(whatever the statement wrote there); the person's trigger copies a move (a changed
`region_id`) to the seeker in the same statement."""

from django.db import migrations, models

SEEKER, PERSON = "applications_jobseeker", "people_person"

PG_FORWARD = [
    f"""
CREATE OR REPLACE FUNCTION jiuye_seeker_area() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.area_code := (SELECT region_id FROM {PERSON} WHERE id = NEW.person_id);
    RETURN NEW;
END $$""",
    f"""
CREATE OR REPLACE FUNCTION jiuye_person_moved_seeker_area() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {SEEKER} SET area_code = NEW.region_id WHERE person_id = NEW.id;
    RETURN NULL;
END $$""",
    f"CREATE TRIGGER jiuye_seeker_area BEFORE INSERT OR UPDATE ON {SEEKER} "
    f"FOR EACH ROW EXECUTE FUNCTION jiuye_seeker_area()",
    f"CREATE TRIGGER jiuye_person_moved_seeker_area AFTER UPDATE OF region_id ON {PERSON} "
    f"FOR EACH ROW WHEN (OLD.region_id IS DISTINCT FROM NEW.region_id) "
    f"EXECUTE FUNCTION jiuye_person_moved_seeker_area()",
]
PG_BACKWARD = [
    f"DROP TRIGGER IF EXISTS jiuye_seeker_area ON {SEEKER}",
    f"DROP TRIGGER IF EXISTS jiuye_person_moved_seeker_area ON {PERSON}",
    "DROP FUNCTION IF EXISTS jiuye_seeker_area()",
    "DROP FUNCTION IF EXISTS jiuye_person_moved_seeker_area()",
]
# SQLite has no BEFORE trigger that sets NEW: an AFTER trigger writes the row again. The
# WHEN clause keeps that second write from firing the trigger once more, whether or not
# recursive triggers are on.
_PERSON_AREA = f"(SELECT region_id FROM {PERSON} WHERE id = NEW.person_id)"
SQLITE_FORWARD = [
    *(
        f"CREATE TRIGGER jiuye_seeker_area_{event.lower()} AFTER {event} ON {SEEKER} "
        f"WHEN NEW.area_code IS NOT {_PERSON_AREA} BEGIN "
        f"UPDATE {SEEKER} SET area_code = {_PERSON_AREA} WHERE id = NEW.id; END"
        for event in ("INSERT", "UPDATE")
    ),
    f"CREATE TRIGGER jiuye_person_moved_seeker_area AFTER UPDATE OF region_id ON {PERSON} "
    f"WHEN OLD.region_id IS NOT NEW.region_id BEGIN "
    f"UPDATE {SEEKER} SET area_code = NEW.region_id WHERE person_id = NEW.id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS jiuye_seeker_area_insert",
    "DROP TRIGGER IF EXISTS jiuye_seeker_area_update",
    "DROP TRIGGER IF EXISTS jiuye_person_moved_seeker_area",
]
BACKFILL = (
    f"UPDATE {SEEKER} SET area_code = "  # noqa: S608 - constants
    f"(SELECT region_id FROM {PERSON} WHERE {PERSON}.id = {SEEKER}.person_id)"
)


def _run(statements: dict):
    def run(apps, schema_editor):
        sql = statements.get(schema_editor.connection.vendor, [])
        with schema_editor.connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_application_fair_and_more"),
        ("people", "0006_import_rows_total"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobseeker",
            name="area_code",
            field=models.CharField(default="", editable=False, max_length=12),
        ),
        migrations.RunPython(
            _run(
                {
                    "postgresql": [*PG_FORWARD, BACKFILL],
                    "sqlite": [*SQLITE_FORWARD, BACKFILL],
                }
            ),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
