"""Fewer, better indexes on the ledger, and the ID number's keyed hash as 32 bytes.

Every index is paid on every imported row; at a million people the random-keyed ones (the
hash, the phone) outgrow the server's buffers, and each was doubled by a pattern-ops twin
that nothing queried. Measured in docs/benchmarks-ledger.md. After this migration:

- people_person: the hash is `bytea` (32 bytes instead of 64 hex characters) with its
  unique index and no `varchar_pattern_ops` twin; the area is indexed once, as
  `person_region_prefix` (pattern ops: the area scoping `region_id LIKE '4512%'`), beside
  `person_region_name`; the phone index uses pattern ops, so the instant search by the
  first digits of a phone number can use it; `current_region_id` is not indexed (nothing
  selects by it).
- people_household: the number is unique through `household_number_unique` (no twin);
  the area is indexed once, with pattern ops, as `household_region`.
- people_employmentspell: no single-column person index (`spell_person_start` and the
  exclusion constraint's index serve every lookup by person).

The database side is written by hand so that SQLite's tables are never rebuilt: a rebuild
would drop the triggers other migrations put on these tables (the spells' integrity, the
statistics' queue). On SQLite the hash's values are converted in place (a column's declared
type does not bind its values there) and the household number keeps its column UNIQUE.
"""

import django.db.models.deletion
from django.db import migrations, models

STATE_OPERATIONS = [
    migrations.RemoveIndex(
        model_name="household",
        name="household_region",
    ),
    migrations.RemoveIndex(
        model_name="person",
        name="person_phone",
    ),
    migrations.AlterField(
        model_name="employmentspell",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="spells",
            to="people.person",
        ),
    ),
    migrations.AlterField(
        model_name="household",
        name="number",
        field=models.CharField(max_length=32, verbose_name="household number"),
    ),
    migrations.AlterField(
        model_name="household",
        name="region",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="geo.region",
            verbose_name="area",
        ),
    ),
    migrations.AlterField(
        model_name="person",
        name="current_region",
        field=models.ForeignKey(
            blank=True,
            db_index=False,
            null=True,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="geo.region",
            verbose_name="current address area",
        ),
    ),
    migrations.AlterField(
        model_name="person",
        name="id_number_hash",
        field=models.BinaryField(max_length=32, unique=True),
    ),
    migrations.AlterField(
        model_name="person",
        name="region",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="geo.region",
            verbose_name="household registration area",
        ),
    ),
    migrations.AddIndex(
        model_name="household",
        index=models.Index(
            fields=["region"], name="household_region", opclasses=["varchar_pattern_ops"]
        ),
    ),
    migrations.AddIndex(
        model_name="person",
        index=models.Index(
            fields=["region"], name="person_region_prefix", opclasses=["varchar_pattern_ops"]
        ),
    ),
    migrations.AddIndex(
        model_name="person",
        index=models.Index(
            fields=["phone"], name="person_phone_prefix", opclasses=["varchar_pattern_ops"]
        ),
    ),
    migrations.AddConstraint(
        model_name="household",
        constraint=models.UniqueConstraint(fields=("number",), name="household_number_unique"),
    ),
]

# (table, column): single-column, non-unique indexes that go (Django's own, of any name).
UNINDEXED = [
    ("people_person", "region_id"),
    ("people_person", "current_region_id"),
    ("people_person", "id_number_hash"),
    ("people_person", "phone"),
    ("people_household", "region_id"),
    ("people_household", "number"),
    ("people_employmentspell", "person_id"),
]
NEW_INDEXES = [  # name, table, column
    ("person_region_prefix", "people_person", "region_id"),
    ("person_phone_prefix", "people_person", "phone"),
    ("household_region", "people_household", "region_id"),
]


def _plain_indexes(cursor, connection, table, column):
    for name, info in connection.introspection.get_constraints(cursor, table).items():
        if (
            info["columns"] == [column]
            and info["index"]
            and not info["unique"]
            and not info["primary_key"]
        ):
            yield name


def forward(apps, schema_editor):
    connection = schema_editor.connection
    quote = schema_editor.quote_name
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for table, column in UNINDEXED:
            for name in list(_plain_indexes(cursor, connection, table, column)):
                cursor.execute(f"DROP INDEX {quote(name)}")
        opclass = " varchar_pattern_ops" if postgresql else ""
        for name, table, column in NEW_INDEXES:
            cursor.execute(f"CREATE INDEX {quote(name)} ON {table} ({column}{opclass})")
        if postgresql:
            cursor.execute(
                "ALTER TABLE people_person ALTER COLUMN id_number_hash TYPE bytea "
                "USING decode(id_number_hash, 'hex')"
            )
            for name, info in connection.introspection.get_constraints(
                cursor, "people_household"
            ).items():
                if info["columns"] == ["number"] and info["unique"]:
                    cursor.execute(f"ALTER TABLE people_household DROP CONSTRAINT {quote(name)}")
            cursor.execute(
                "ALTER TABLE people_household ADD CONSTRAINT household_number_unique "
                "UNIQUE (number)"
            )
        else:
            cursor.execute("SELECT id, id_number_hash FROM people_person")
            rows = [(bytes.fromhex(h), pk) for pk, h in cursor.fetchall() if isinstance(h, str)]
            cursor.executemany("UPDATE people_person SET id_number_hash = %s WHERE id = %s", rows)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for name, _table, _column in NEW_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE people_person ALTER COLUMN id_number_hash TYPE varchar(64) "
                "USING encode(id_number_hash, 'hex')"
            )
            cursor.execute("ALTER TABLE people_household DROP CONSTRAINT household_number_unique")
            cursor.execute(
                "ALTER TABLE people_household ADD CONSTRAINT people_household_number_key "
                "UNIQUE (number)"
            )
        else:
            cursor.execute("SELECT id, id_number_hash FROM people_person")
            rows = [(bytes(h).hex(), pk) for pk, h in cursor.fetchall() if not isinstance(h, str)]
            cursor.executemany("UPDATE people_person SET id_number_hash = %s WHERE id = %s", rows)
        for table, column in UNINDEXED:
            if column in ("id_number_hash", "number"):
                continue  # indexed by their unique constraints
            cursor.execute(f"CREATE INDEX {table}_{column}_idx ON {table} ({column})")


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0001_initial"),
        ("people", "0004_spells_never_overlap_never_overwritten"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=STATE_OPERATIONS,
            database_operations=[migrations.RunPython(forward, backward)],
        )
    ]
