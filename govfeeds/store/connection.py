"""Opening the DuckDB file: schema, storage compatibility, memory, and waiting politely for a lock.

DuckDB allows one read-write process or many read-only ones, never both. The pipeline therefore
opens its write connection only for the short load, and when someone else (a SQL tool, another
run) holds the file it waits and retries with a clear message instead of crashing.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TypeVar

import duckdb

from govfeeds.errors import DatabaseLocked, DatabaseMissing
from govfeeds.settings import Settings

logger = logging.getLogger("govfeeds.load")
T = TypeVar("T")

#: Files are written in this storage format so that SQL tools embedding DuckDB 1.4 or newer
#: (DBeaver, harlequin, the 1.5.x CLI) can open them. DuckDB 2.x's default format cannot be
#: read by 1.x at all.
STORAGE_COMPATIBILITY_VERSION = "v1.4.0"


def schema_sql() -> str:
    return resources.files("schemas").joinpath("ddl.sql").read_text(encoding="utf-8")


def analyst_sql() -> str:
    """The analysts' views with their comments (schemas/views.sql)."""
    return resources.files("schemas").joinpath("views.sql").read_text(encoding="utf-8")


#: view -> the table its plain columns come from: a view column without a comment of its own
#: inherits that table's comment for the same column (a new enrichment column needs no second one).
VIEW_BASES = {"statements_v": "statements", "distinct_statements": "statements_v"}


def inherit_comments(connection: duckdb.DuckDBPyConnection) -> None:
    for view, table in VIEW_BASES.items():
        for column, comment in connection.execute(
            """
            SELECT v.column_name, t.comment FROM duckdb_columns() v
            JOIN duckdb_columns() t ON t.table_name = ? AND t.column_name = v.column_name AND t.schema_name = v.schema_name
            WHERE v.table_name = ? AND v.comment IS NULL AND t.comment IS NOT NULL AND v.schema_name = 'main'
            """,
            [table, view],
        ).fetchall():
            escaped = comment.replace("'", "''")
            connection.execute(f"COMMENT ON COLUMN {view}.{column} IS '{escaped}'")


def create_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """Tables, then the analysts' views and the comments that describe them all.

    Re-applying views and comments costs ~0.3 s, and the pipeline opens the file several times a
    run, so they are applied only when their text differs from what the file last received.
    """
    statements = schema_sql() + "\n" + analyst_sql()
    wanted = hashlib.sha256(statements.encode("utf-8")).hexdigest()
    try:
        applied = connection.execute("SELECT sha256 FROM schema_state").fetchone()
    except duckdb.CatalogException:
        applied = None
    if applied and applied[0] == wanted:
        return
    with transaction(connection):
        connection.execute(statements)
        inherit_comments(connection)
        connection.execute("DELETE FROM schema_state")
        connection.execute("INSERT INTO schema_state VALUES (?, now())", [wanted])


def _is_lock_error(error: duckdb.Error) -> bool:
    return "lock" in str(error).lower()


def lock_holder(error: duckdb.Error) -> str:
    """'PID 123 (/usr/bin/duckdb)' from DuckDB's lock message, or the message itself."""
    match = re.search(r"held in (\S+) \(PID (\d+)\)", str(error))
    return f"PID {match.group(2)} ({match.group(1)})" if match else str(error).splitlines()[0]


def connect(
    path: Path,
    *,
    read_only: bool = False,
    wait_seconds: float = 0.0,
    on_wait: Callable[[str, float], None] | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the database, creating it with the schema if needed.

    While another process holds the file, retry with growing pauses for up to `wait_seconds`,
    calling `on_wait(holder, pause)` before each pause; then raise DatabaseLocked saying who holds it.
    """
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        raise DatabaseMissing(f"database {path} does not exist yet")
    config = {} if read_only else {"storage_compatibility_version": STORAGE_COMPATIBILITY_VERSION}
    deadline = time.monotonic() + wait_seconds
    pause = 0.25
    while True:
        try:
            connection = duckdb.connect(str(path), read_only=read_only, config=config)
            break
        except duckdb.IOException as error:
            if not _is_lock_error(error):
                raise
            holder = lock_holder(error)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DatabaseLocked(
                    f"{path} is locked by {holder}.",
                    hint=f"close that program's connection (or open it read-only: duckdb -readonly {path}) and run again; "
                    "fetched data waits in the spool and is loaded then",
                ) from error
            pause = min(pause * 2, 5.0, remaining)
            if on_wait:
                on_wait(holder, pause)
            time.sleep(pause)
    if not read_only:
        create_schema(connection)
    return connection


def limit_load_resources(connection: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Cap DuckDB's buffer pool and threads on a load's connection (Settings.load_memory_limit, load_threads)."""
    connection.execute(f"SET memory_limit = '{settings.load_memory_limit}'")
    connection.execute(f"SET threads = {int(settings.load_threads)}")


def is_out_of_memory(error: duckdb.Error) -> bool:
    """DuckDB ran out of its memory limit (raised as OutOfMemoryException, or at commit as a TransactionException)."""
    return isinstance(error, duckdb.OutOfMemoryException) or "could not allocate" in str(error)


@contextmanager
def transaction(connection: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN ... COMMIT, rolling back on any error so a half-written batch never lands."""
    connection.begin()
    try:
        yield connection
    except BaseException:
        connection.rollback()
        raise
    connection.commit()


@contextmanager
def writing(settings: Settings, *, wait: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """The write connection, closed afterwards (a load sets the memory limit on it: govfeeds.store.loads).

    Waits for a locked file up to `settings.lock_wait_seconds` (not at all when not `wait`), saying
    who holds it; then raises DatabaseLocked. Hold it only while loading: every SQL tool is locked out meanwhile.
    """
    connection = connect(
        settings.db, wait_seconds=settings.lock_wait_seconds if wait else 0.0,
        on_wait=lambda holder, pause: logger.warning("database %s is locked by %s; retrying in %.1fs", settings.db, holder, pause),
    )
    try:
        yield connection
    finally:
        connection.close()


@contextmanager
def reading(db: Path, *, wait_seconds: float = 0.0, on_wait: Callable[[str, float], None] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection (many may be open at once, never beside a writer), closed afterwards."""
    connection = connect(db, read_only=True, wait_seconds=wait_seconds, on_wait=on_wait)
    try:
        yield connection
    finally:
        connection.close()


def within_memory_limit(connection: duckdb.DuckDBPyConnection, settings: Settings, what: str, load: Callable[[], T]) -> T:
    """Run `load` under Settings.load_memory_limit; a load that needs more lifts the limit instead of failing.

    DuckDB keeps its indexes in memory, so a database grown large enough can need more than the
    limit for any insert: then this connection goes back to DuckDB's default and says so, rather
    than leaving the batch in the spool to fail the same way on every run.
    """
    try:
        return load()
    except duckdb.Error as error:
        if not is_out_of_memory(error):
            raise
        logger.warning(
            "loading %s needed more than load_memory_limit=%s (%s); loading with DuckDB's default limit. "
            "Set GOVFEEDS_LOAD_MEMORY_LIMIT higher to keep the limit.", what, settings.load_memory_limit, error,
        )
        connection.execute("RESET memory_limit")
        return load()
