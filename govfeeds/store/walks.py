"""Walks of a site's history: backfill checkpoints and the reconciliation listings."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

import duckdb

from govfeeds.store import tables
from schemas.statements import WalkPage


class Checkpoint(NamedTuple):
    method: str
    walk_before: datetime
    next_page: int
    total_pages: int | None
    done: bool


def read_checkpoint(connection: duckdb.DuckDBPyConnection, feed_id: str, window_key: str) -> Checkpoint | None:
    rows = connection.execute(  # fetchall: a half-read result would block the connection's next register()
        "SELECT method, walk_before, next_page, total_pages, done FROM backfill_checkpoints WHERE feed_id = ? AND window_key = ?",
        [feed_id, window_key],
    ).fetchall()
    return Checkpoint(*rows[0]) if rows else None


def advance_checkpoint(connection: duckdb.DuckDBPyConnection, feed_id: str, page: WalkPage, now: datetime) -> None:
    """Move the walk's checkpoint past `page`, which has just been loaded (same transaction).

    Only a page that continues the walk moves it: page 1 (a walk starting afresh) or the page the
    checkpoint waits for. A later page loaded without the one before it (that one was lost to a
    crash before it was spooled) leaves the checkpoint there, so the resumed walk fetches it again.
    """
    held = read_checkpoint(connection, feed_id, page.window_key)
    if held is not None and page.number != 1 and (held.done or page.number != held.next_page):
        return
    tables.insert(
        connection, "backfill_checkpoints",
        [{"feed_id": feed_id, "window_key": page.window_key, "method": page.method, "walk_before": page.walk_before,
          "next_page": page.number + 1, "total_pages": page.total_pages, "done": page.last, "updated_at": now}],
        conflict="ON CONFLICT (feed_id, window_key) DO UPDATE SET method = excluded.method, walk_before = excluded.walk_before, "
        "next_page = excluded.next_page, total_pages = excluded.total_pages, done = excluded.done, updated_at = excluded.updated_at",
    )


def reconciled_at(connection: duckdb.DuckDBPyConnection) -> dict[str, datetime]:
    """site -> when it was last reconciled."""
    return dict(connection.execute("SELECT site, checked_at FROM site_listings").fetchall())


def record_listing(connection: duckdb.DuckDBPyConnection, listing: dict[str, object]) -> None:
    """Upsert one site's reconciliation result (the site_listings columns)."""
    tables.insert(
        connection, "site_listings", [listing],
        conflict="ON CONFLICT (site) DO UPDATE SET listed = excluded.listed, source = excluded.source, checked_at = excluded.checked_at, "
        "marked_deleted = excluded.marked_deleted, found_new = excluded.found_new, error = excluded.error",
    )
