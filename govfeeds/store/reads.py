"""Read-only questions the CLI asks: feed health, site coverage, and analysts' own SQL."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from govfeeds.errors import GovfeedsError


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple]


def run_sql(connection: duckdb.DuckDBPyConnection, sql: str) -> QueryResult:
    """Any SQL an analyst types, on whatever connection they were given (the CLI's is read-only)."""
    try:
        cursor = connection.execute(sql)
    except duckdb.Error as error:
        raise GovfeedsError(f"the query failed: {str(error).splitlines()[0]}", hint="check the SQL; `govfeeds schema` lists every table and column") from None
    return QueryResult([column[0] for column in cursor.description or []], cursor.fetchall())


def feed_health(connection: duckdb.DuckDBPyConnection) -> QueryResult:
    """One row per feed from the feed_health view, the worst first (the view decides what healthy means)."""
    return run_sql(
        connection,
        """
        SELECT feed_id, health, stale, last_status, consecutive_failures, last_polled_at, last_success_at, statements,
               next_poll_at, consecutive_failures > 0 AND next_poll_at > now() AS backing_off, what_to_do
        FROM feed_health ORDER BY what_to_do IS NULL, consecutive_failures DESC, feed_id
        """,
    )


def site_coverage(connection: duckdb.DuckDBPyConnection) -> QueryResult:
    """Per site, what it lists against what is held (empty for a file no run of this version has written)."""
    try:
        return run_sql(connection, "SELECT site, listed_by_site, held_live, held_deleted, gap, listing_source, checked_at "
                                   "FROM site_coverage ORDER BY site")
    except GovfeedsError:  # the view is missing from files written by older versions
        return QueryResult([], [])
