"""Writing many rows at once. PostgreSQL: `COPY ... FROM STDIN` with ids taken from the
table's sequence beforehand, so related rows can point at each other without reading
anything back. Other databases (SQLite): the same rows through `executemany`, with ids
counted from the table's maximum (safe: the import holds the database's write lock)."""

from django.db import connection
from django.db.models import Max, Model


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


class IdAllocator:
    """Hands out primary keys for new rows of a model within one import transaction."""

    def __init__(self, model: type[Model]):
        self.model = model
        self._next = None

    def take(self, count: int) -> list[int]:
        if count == 0:
            return []
        if is_postgresql():
            table = self.model._meta.db_table
            pk = self.model._meta.pk.column
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table, pk, count],
                )
                return [row[0] for row in cursor.fetchall()]
        if self._next is None:
            self._next = (self.model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        first = self._next
        self._next += count
        return list(range(first, first + count))


def insert_rows(model: type[Model], columns: list[str], rows: list[tuple]) -> None:
    """Insert rows (values in `columns` order, database column names, ids included)."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if is_postgresql():
            # Binary COPY: typed values go over as they are, with no text to format here
            # or to parse on the server.
            fields = {f.column: f for f in model._meta.concrete_fields}
            types = [_copy_type(fields[c]) for c in columns]
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(types)
                write = copy.write_row
                for row in rows:
                    write(row)
            return
        fields = {f.column: f for f in model._meta.concrete_fields}
        adapters = [_adapter(fields[c]) for c in columns]
        placeholders = ", ".join(["%s"] * len(columns))
        prepared = [
            tuple(
                value if adapt is None else adapt(value)
                for adapt, value in zip(adapters, row, strict=True)
            )
            for row in rows
        ]
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608 (our names)
        cursor.executemany(sql, prepared)


_COPY_TYPES = {
    "bigint": "int8",
    "integer": "int4",
    "smallint": "int2",
    "timestamp with time zone": "timestamptz",
}


def _copy_type(field) -> str:
    """The PostgreSQL type name psycopg dumps a column's values as, for a binary COPY."""
    db_type = field.db_type(connection) or field.rel_db_type(connection)
    if field.is_relation:
        db_type = field.target_field.rel_db_type(connection)
    base = db_type.split("(", 1)[0].strip()
    return _COPY_TYPES.get(base, base)


def _adapter(field):
    internal = field.get_internal_type()
    if internal == "DateField":
        return connection.ops.adapt_datefield_value
    if internal == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if internal == "JSONField":
        return lambda value: field.get_db_prep_value(value, connection)
    return None
