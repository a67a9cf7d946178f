"""Opening the DuckDB file: schema, storage compatibility, and waiting politely for a lock.

DuckDB allows one read-write process or many read-only ones, never both. The pipeline therefore
opens its write connection only for the short load, and when someone else (a SQL tool, another
run) holds the file it waits and retries with a clear message instead of crashing.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

#: Files are written in this storage format so that SQL tools embedding DuckDB 1.4 or newer
#: (DBeaver, harlequin, the 1.5.x CLI) can open them. DuckDB 2.x's default format cannot be
#: read by 1.x at all.
STORAGE_COMPATIBILITY_VERSION = "v1.4.0"


class DatabaseLocked(RuntimeError):
    """Another process kept the database file locked for longer than we were willing to wait."""


def schema_sql() -> str:
    return resources.files("schemas").joinpath("ddl.sql").read_text(encoding="utf-8")


def analyst_sql() -> str:
    """The analysts' views (schemas/views.sql) then every table's and view's comments (schemas/comments.sql).

    Comments come last: CREATE OR REPLACE VIEW drops a view's comments.
    """
    schemas = resources.files("schemas")
    return "\n".join(schemas.joinpath(name).read_text(encoding="utf-8") for name in ("views.sql", "comments.sql"))


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
        raise FileNotFoundError(f"database {path} does not exist yet; run `govfeeds run` (or `govfeeds demo`) first")
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
                    f"{path} is locked by {holder}. Close that program's connection (or open it read-only: "
                    f"duckdb -readonly {path}) and run again; fetched data waits in the spool and is loaded then."
                ) from error
            pause = min(pause * 2, 5.0, remaining)
            if on_wait:
                on_wait(holder, pause)
            time.sleep(pause)
    if not read_only:
        create_schema(connection)
    return connection


def limit_memory(connection: duckdb.DuckDBPyConnection, limit: str) -> None:
    """Cap DuckDB's buffer pool on this connection (`limit` is validated by Settings.load_memory_limit)."""
    connection.execute(f"SET memory_limit = '{limit}'")


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
