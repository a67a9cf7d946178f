"""Statements and their versions: what is new, what changed, and what the source no longer lists."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit

import duckdb

from govfeeds.net.urls import canonical_url
from govfeeds.store import tables
from govfeeds.store.connection import transaction
from schemas.statements import Statement

#: A statement paired with the version number it is stored under.
Versioned = tuple[Statement, int]


def diff(connection: duckdb.DuckDBPyConnection, statements: list[Statement]) -> tuple[list[Versioned], list[Versioned], list[Statement]]:
    """Split statements into new (version 1), changed (next version) and same-text-new-fingerprint."""
    if not statements:
        return [], [], []
    current = {
        sid: (version, content, item)
        for sid, version, content, item in connection.execute(
            "SELECT statement_id, version, content_sha256, item_sha256 FROM statements WHERE statement_id IN (SELECT UNNEST(?))",
            [[s.statement_id for s in statements]],
        ).fetchall()
    }
    new: list[Versioned] = []
    changed: list[Versioned] = []
    refingerprinted: list[Statement] = []
    for statement in statements:
        held = current.get(statement.statement_id)
        if held is None:
            new.append((statement, 1))
            current[statement.statement_id] = (1, statement.content_sha256, statement.item_sha256)
        elif held[1] != statement.content_sha256:
            changed.append((statement, held[0] + 1))
            current[statement.statement_id] = (held[0] + 1, statement.content_sha256, statement.item_sha256)
        elif held[2] != statement.item_sha256:
            refingerprinted.append(statement)
    return new, changed, refingerprinted


_STATEMENT_FIELDS = set(Statement.model_fields) - {"enrichment"}


def _rows(versioned: list[Versioned], **extra: object) -> list[dict[str, object]]:
    return [{**statement.model_dump(include=_STATEMENT_FIELDS), "version": version, **extra} for statement, version in versioned]


def write_versions(connection: duckdb.DuckDBPyConnection, new: list[Versioned], changed: list[Versioned], now: datetime) -> None:
    """Insert new statements, move changed ones to their next version, and keep every version's text."""
    tables.insert(connection, "statements", _rows(new, first_seen_at=now, updated_at=now))
    tables.update(connection, "statements", "statement_id", _rows(changed, updated_at=now), also="deleted_at = NULL")
    tables.insert(
        connection, "statement_versions",
        [{"statement_id": s.statement_id, "version": v, "title": s.title, "body_text": s.body_text,
          "content_sha256": s.content_sha256, "seen_at": now} for s, v in [*new, *changed]],
    )


def write_fingerprints(connection: duckdb.DuckDBPyConnection, statements: list[Statement]) -> None:
    """Same text under a changed feed entry: remember the new fingerprint so the page isn't fetched again."""
    tables.update(connection, "statements", "statement_id",
                  [{"statement_id": s.statement_id, "item_sha256": s.item_sha256} for s in statements])


def live_ids(connection: duckdb.DuckDBPyConnection, since: date | None) -> list[str]:
    """Live statements published (else first seen) on or after `since`, all when None."""
    after = datetime.combine(since, time(), tzinfo=UTC) if since else None
    rows = connection.execute(
        "SELECT statement_id FROM statements WHERE deleted_at IS NULL AND (? IS NULL OR coalesce(published_at, first_seen_at) >= ?) "
        "ORDER BY statement_id",
        [after, after],
    ).fetchall()
    return [sid for (sid,) in rows]


def mark_deleted(connection: duckdb.DuckDBPyConnection, site: str, host: str, listed_links: list[str], now: datetime) -> tuple[int, int]:
    """Reconcile `site`'s statements with the complete list of post links the site publishes.

    A live statement whose page is on `host` but no longer listed gets `deleted_at` (the row
    stays); a deleted one listed again is live again. Statements linking to other hosts are not
    judged. An empty listing judges nothing: a site answering with no posts is more likely broken
    than emptied. Returns (marked deleted, restored).
    """
    if not listed_links:
        return 0, 0
    listed = {canonical_url(link) for link in listed_links}
    gone, back = [], []
    for sid, url, deleted_at in connection.execute(
        "SELECT statement_id, url, deleted_at FROM statements WHERE site = ? AND url IS NOT NULL", [site]
    ).fetchall():
        if (urlsplit(url).hostname or "").lower() != host:
            continue
        present = canonical_url(url) in listed
        if deleted_at is None and not present:
            gone.append(sid)
        elif deleted_at is not None and present:
            back.append(sid)
    with transaction(connection):
        if gone:
            connection.execute("UPDATE statements SET deleted_at = ? WHERE statement_id IN (SELECT UNNEST(?))", [now, gone])
        if back:
            connection.execute("UPDATE statements SET deleted_at = NULL WHERE statement_id IN (SELECT UNNEST(?))", [back])
    return len(gone), len(back)
