"""Rows in and out of the tables declared in schemas/ddl.sql, through Arrow, by column name.

The DDL is the only declaration of a table's shape: the Arrow schema of incoming rows is read
from the table itself, and every insert names its columns (`INSERT ... BY NAME`), so adding a
column means adding it to the DDL (and to the model that carries it), nothing more.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

import duckdb
import pyarrow as pa


@functools.cache
def _table_schemas() -> dict[str, pa.Schema]:
    """Every table's Arrow schema, read once per process from the DDL applied to an in-memory database.

    (Once for all tables: applying the DDL costs ~0.3 s, so doing it per table cost a backfill's
    first load several seconds.)
    """
    from govfeeds.store.connection import create_schema

    connection = duckdb.connect()
    try:
        connection.execute("SET TimeZone = 'UTC'")
        create_schema(connection)
        names = [row[0] for row in connection.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()]
        return {name: connection.sql(f"SELECT * FROM {name} LIMIT 0").to_arrow_table().schema for name in names}
    finally:
        connection.close()


def _table_schema(table: str) -> pa.Schema:
    try:
        return _table_schemas()[table]
    except KeyError:
        raise KeyError(f"no table {table} in schemas/ddl.sql") from None


def columns(table: str) -> list[str]:
    """The table's columns, in declaration order."""
    return list(_table_schema(table).names)


def arrow_rows(table: str, rows: Iterable[Mapping[str, object]], names: Iterable[str] | None = None) -> pa.Table:
    """`rows` (dicts keyed by column name) as an Arrow table typed like `table`'s columns `names`.

    `names` defaults to the keys of the first row; every name must be a column of `table`.
    """
    rows = list(rows)
    names = list(names) if names is not None else list(rows[0]) if rows else []
    schema = _table_schema(table)
    unknown = [name for name in names if name not in schema.names]
    if unknown:
        raise KeyError(f"{table} has no column {', '.join(unknown)} (schemas/ddl.sql)")
    # Column by column: a list per column into pa.array is ~3x faster than a dict per row into from_pylist.
    fields = [schema.field(name) for name in names]
    return pa.Table.from_arrays([pa.array([row.get(f.name) for row in rows], type=f.type) for f in fields], schema=pa.schema(fields))


def insert(connection: duckdb.DuckDBPyConnection, table: str, rows: Iterable[Mapping[str, object]], *, conflict: str = "") -> int:
    """INSERT the rows into `table` by column name; `conflict` is an optional ON CONFLICT clause. Returns the row count."""
    incoming = arrow_rows(table, rows)
    if not incoming.num_rows:
        return 0
    # No try/finally: after a failed statement DuckDB refuses even unregister() until the rollback,
    # and the next register() of the same name replaces this one anyway.
    connection.register("incoming_rows", incoming)
    connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows {conflict}")
    connection.unregister("incoming_rows")
    return incoming.num_rows


def update(connection: duckdb.DuckDBPyConnection, table: str, key: str, rows: Iterable[Mapping[str, object]], *, also: str = "") -> int:
    """UPDATE `table` from the rows, matched on `key`, setting every other column the rows carry (plus `also`, raw SQL)."""
    incoming = arrow_rows(table, rows)
    if not incoming.num_rows:
        return 0
    assignments = [f"{name} = i.{name}" for name in incoming.column_names if name != key]
    if also:
        assignments.append(also)
    connection.register("incoming_rows", incoming)
    connection.execute(f"UPDATE {table} SET {', '.join(assignments)} FROM incoming_rows i WHERE {table}.{key} = i.{key}")
    connection.unregister("incoming_rows")
    return incoming.num_rows
