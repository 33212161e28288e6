"""Writing many rows at once. PostgreSQL: `COPY ... FROM STDIN` with ids taken from the
table's sequence beforehand, so related rows can point at each other without reading
anything back. Other databases (SQLite): the same rows through `executemany`, with ids
counted from the table's maximum (safe: the import holds the database's write lock)."""

import collections

from django.db import connection
from django.db.models import Max, Model


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


class IdAllocator:
    """Hands out primary keys for new rows of a model within one import transaction.

    `reserve(n)` asks the database for ids so that the next `take`s of up to n in all
    need no query: the import plans a chunk while its connection is busy writing the
    previous one. Reserved ids left untaken stay for later takes (or leave a gap in the
    sequence when the import ends, which nothing minds)."""

    def __init__(self, model: type[Model]):
        self.model = model
        self._pool: collections.deque[int] = collections.deque()
        self._next = None

    def reserve(self, count: int) -> None:
        missing = count - len(self._pool)
        if missing > 0:
            self._pool.extend(self._fetch(missing))

    def take(self, count: int) -> list[int]:
        self.reserve(count)
        return [self._pool.popleft() for _ in range(count)]

    def _fetch(self, count: int) -> list[int]:
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
    """Insert rows (values in `columns` order, database column names, ids included) on a
    database without `COPY` (SQLite); PostgreSQL's go through `copy_rows`."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
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


def copy_statement(model: type[Model], columns: list[str]) -> tuple[str, list[str]]:
    """A binary `COPY ... FROM STDIN` of these columns (PostgreSQL), with the type names
    psycopg dumps their values as: typed values go over as they are, with no text to
    format here or to parse on the server."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    fields = {f.column: f for f in model._meta.concrete_fields}
    types = [_copy_type(fields[c]) for c in columns]
    return f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", types


def copy_rows(raw_connection, statement: tuple[str, list[str]], rows: list[tuple]) -> None:
    """Run a `copy_statement` on a psycopg connection. It touches nothing of Django's, so
    a helper thread can write on the import's connection while the import's own thread
    leaves it alone."""
    if not rows:
        return
    sql, types = statement
    with raw_connection.cursor() as cursor, cursor.copy(sql) as copy:
        copy.set_types(types)
        write = copy.write_row
        for row in rows:
            write(row)


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
