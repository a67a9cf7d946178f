"""The catalog: every table, view and column the database holds, with its comment."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from govfeeds.store.connection import create_schema


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    comment: str | None


@dataclass(frozen=True)
class Relation:
    name: str
    kind: str  # "table" or "view"
    comment: str | None
    columns: tuple[Column, ...]


def describe(connection: duckdb.DuckDBPyConnection) -> list[Relation]:
    """Every user table and view of the main database with its comments: views first (analysts start there), in creation order."""
    relations = connection.execute(
        """
        SELECT name, kind, comment FROM (
            SELECT view_name AS name, 'view' AS kind, comment, view_oid AS oid, 0 AS rank
            FROM duckdb_views() WHERE NOT internal AND database_name = current_database() AND schema_name = 'main'
            UNION ALL
            SELECT table_name, 'table', comment, table_oid, 1
            FROM duckdb_tables() WHERE NOT internal AND database_name = current_database() AND schema_name = 'main'
        ) ORDER BY rank, oid
        """
    ).fetchall()
    columns: dict[str, list[Column]] = {}
    for table, name, data_type, comment in connection.execute(
        """
        SELECT table_name, column_name, data_type, comment FROM duckdb_columns()
        WHERE NOT internal AND database_name = current_database() AND schema_name = 'main'
        ORDER BY table_name, column_index
        """
    ).fetchall():
        columns.setdefault(table, []).append(Column(name, data_type, comment))
    return [Relation(name, kind, comment, tuple(columns.get(name, []))) for name, kind, comment in relations]


def describe_schema() -> list[Relation]:
    """The relations of the schema this checkout creates, from an empty in-memory database."""
    connection = duckdb.connect()
    try:
        create_schema(connection)
        return describe(connection)
    finally:
        connection.close()
