"""Republished statements in the database: the index, the candidates, and statements.copy_of (issue 16).

The decision is govfeeds/copies.py's; this module keeps what it needs findable without reading
every statement:

- `copy_index`: which text of each statement is indexed (its content_sha256). A statement whose
  current text is not indexed is *pending*: new, edited, or loaded by a run that stopped before
  detection committed. `detect` runs after every load (govfeeds.store.loads.load_spool, so poll,
  backfill and reconciliation alike) over whatever is pending, and a second run finds nothing
  pending and writes nothing.
- `copy_bands`: the LSH band keys; a statement's candidates are found by a join on them, so the
  search costs the same whatever the number of statements held (bench/copies.py).
- `copy_lines`: each statement's line keys, per site; a line held by two statements of a site is
  that site's template.

A new or edited statement can change more than itself: an earlier-published one arriving later
becomes the original of what it matched, and a line it shares with one other statement of its
site turns that line into template there. So each run settles the affected statements (the
pending ones, the statements they match, the one other holder of a line that just became or
stopped being template, and every statement of the copy groups they are in), earliest first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from govfeeds import copies
from govfeeds.errors import DatabaseMissing
from govfeeds.settings import Settings
from govfeeds.store import tables
from govfeeds.store.connection import transaction, writing

logger = logging.getLogger("govfeeds.load")

#: Pending statements indexed and settled per transaction.
CHUNK = 500


@dataclass
class Detection:
    indexed: int = 0
    settled: int = 0
    changed: list[str] = field(default_factory=list)  # statements whose copy_of changed
    copies: int = 0  # statements that are copies once done (rebuild_database)


def pending(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Statements whose current text is not the one indexed, earliest published first."""
    return [sid for (sid,) in connection.execute(
        """
        SELECT s.statement_id FROM statements s LEFT JOIN copy_index c USING (statement_id)
        WHERE c.content_sha256 IS DISTINCT FROM s.content_sha256
        ORDER BY coalesce(s.published_at, s.first_seen_at), s.first_seen_at, s.statement_id
        """
    ).fetchall()]


def detect(connection: duckdb.DuckDBPyConnection, now: datetime | None = None) -> Detection:
    """Index every pending statement and settle what that affects, CHUNK statements per transaction."""
    now = now or datetime.now(UTC)
    result = Detection()
    waiting = pending(connection)
    for start in range(0, len(waiting), CHUNK):
        chunk = waiting[start : start + CHUNK]
        with transaction(connection):
            touched = _index(connection, chunk, now)
            affected = _affected(connection, set(chunk) | touched)
            result.changed += _settle(connection, affected, now)
        result.indexed += len(chunk)
        result.settled += len(affected)
    if result.changed:
        logger.info("copies: %d statements indexed, %d settled, %d changed copy_of", result.indexed, result.settled, len(result.changed))
    return result


def rebuild(connection: duckdb.DuckDBPyConnection, now: datetime | None = None) -> Detection:
    """Recompute everything from the stored text (no network): index all, then settle all, earliest first."""
    now = now or datetime.now(UTC)
    result = Detection()
    with transaction(connection):
        for table in ("copy_index", "copy_bands", "copy_lines", "statement_copies"):
            connection.execute(f"DELETE FROM {table}")
        connection.execute("UPDATE statements SET copy_of = NULL WHERE copy_of IS NOT NULL")
    everything = pending(connection)
    for start in range(0, len(everything), CHUNK):
        with transaction(connection):
            _index(connection, everything[start : start + CHUNK], now)
    for start in range(0, len(everything), CHUNK):
        chunk = set(everything[start : start + CHUNK])
        with transaction(connection):
            result.changed += _settle(connection, chunk, now)
    result.indexed = result.settled = len(everything)
    return result


def _index(connection: duckdb.DuckDBPyConnection, ids: list[str], now: datetime) -> set[str]:
    """Replace the index rows of `ids` with their current text's; the other statements whose template this changes."""
    rows = connection.execute(
        "SELECT statement_id, site, content_sha256, body_text FROM statements WHERE statement_id IN (SELECT UNNEST(?))", [ids]
    ).fetchall()
    before = connection.execute(
        "SELECT DISTINCT site, line_key FROM copy_lines WHERE statement_id IN (SELECT UNNEST(?))", [ids]
    ).fetchall()
    for table in ("copy_index", "copy_bands", "copy_lines"):
        connection.execute(f"DELETE FROM {table} WHERE statement_id IN (SELECT UNNEST(?))", [ids])
    index, bands, lines = [], [], []
    for sid, site, sha, body in rows:
        printed = copies.fingerprint(body)
        index.append({"statement_id": sid, "site": site, "content_sha256": sha, "indexed_at": now})
        bands += [{"band_key": key, "statement_id": sid, "site": site} for key in copies.band_keys(printed.shingles)]
        lines += [{"site": site, "line_key": key, "statement_id": sid} for key in printed.line_keys]
    tables.insert(connection, "copy_index", index)
    tables.insert(connection, "copy_bands", bands)
    tables.insert(connection, "copy_lines", lines)
    # A line now held by exactly two statements of a site (or one, after an edit dropped it) just
    # became (stopped being) template there: the other holder's core changed.
    keys = {(row["site"], row["line_key"]) for row in lines} | set(before)
    if not keys:
        return set()
    connection.register("changed_lines", tables.arrow_rows("copy_lines", [{"site": s, "line_key": k} for s, k in keys]))
    touched = connection.execute(
        """
        WITH held AS (
            SELECT l.site, l.line_key, list(DISTINCT l.statement_id) AS holders
            FROM copy_lines l SEMI JOIN changed_lines c ON c.site = l.site AND c.line_key = l.line_key
            GROUP BY ALL
        )
        SELECT DISTINCT unnest(holders) FROM held WHERE len(holders) <= 2
        """
    ).fetchall()
    connection.unregister("changed_lines")
    return {sid for (sid,) in touched} - set(ids)


def _candidates(connection: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, list[str]]:
    """For each statement, the statements of other sites sharing most band keys with it (at most MAX_CANDIDATES)."""
    found: dict[str, list[str]] = {sid: [] for sid in ids}
    for subject, candidate in connection.execute(
        """
        WITH subject AS (SELECT band_key, statement_id, site FROM copy_bands WHERE statement_id IN (SELECT UNNEST($ids))),
        shared AS (
            SELECT s.statement_id AS subject, c.statement_id AS candidate, count(*) AS bands
            FROM subject s JOIN copy_bands c ON c.band_key = s.band_key AND c.site <> s.site
            GROUP BY ALL
        )
        SELECT subject, candidate FROM shared
        QUALIFY row_number() OVER (PARTITION BY subject ORDER BY bands DESC, candidate) <= $limit
        """,
        {"ids": sorted(ids), "limit": copies.MAX_CANDIDATES},
    ).fetchall():
        found[subject].append(candidate)
    return found


def _held(connection: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, copies.Held]:
    """The statements as the decision needs them, their cores without their site's template lines."""
    template: dict[str, set[int]] = {}
    for sid, key in connection.execute(
        """
        WITH mine AS (SELECT site, line_key, statement_id FROM copy_lines WHERE statement_id IN (SELECT UNNEST($ids))),
        shared AS (
            SELECT l.site, l.line_key FROM copy_lines l SEMI JOIN mine m ON m.site = l.site AND m.line_key = l.line_key
            GROUP BY ALL HAVING count(DISTINCT l.statement_id) >= 2
        )
        SELECT m.statement_id, m.line_key FROM mine m SEMI JOIN shared s ON s.site = m.site AND s.line_key = m.line_key
        """,
        {"ids": sorted(ids)},
    ).fetchall():
        template.setdefault(sid, set()).add(key)
    return {
        sid: copies.Held(sid, site, published_at, first_seen_at, copies.fingerprint(body).core(template.get(sid, ())))
        for sid, site, published_at, first_seen_at, body in connection.execute(
            "SELECT statement_id, site, published_at, first_seen_at, body_text FROM statements WHERE statement_id IN (SELECT UNNEST(?))",
            [sorted(ids)],
        ).fetchall()
    }


def _stored(connection: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, str | None]:
    return dict(connection.execute(
        "SELECT statement_id, copy_of FROM statements WHERE statement_id IN (SELECT UNNEST(?))", [sorted(ids)]
    ).fetchall())


def _affected(connection: duckdb.DuckDBPyConnection, ids: set[str]) -> set[str]:
    """`ids`, the statements they match, and every member of the copy groups all of those are in."""
    candidates = _candidates(connection, ids)
    held = _held(connection, ids | {c for found in candidates.values() for c in found})
    matched = {c for sid in ids if sid in held for c in copies.matches(held[sid], [held[c] for c in candidates[sid] if c in held])}
    return _groups(connection, ids | matched)


def _groups(connection: duckdb.DuckDBPyConnection, ids: set[str]) -> set[str]:
    """`ids` with their originals and every copy of those originals."""
    return ids | {sid for (sid,) in connection.execute(
        """
        WITH roots AS (
            SELECT coalesce(copy_of, statement_id) AS root FROM statements WHERE statement_id IN (SELECT UNNEST($ids))
        )
        SELECT root FROM roots
        UNION
        SELECT s.statement_id FROM statements s SEMI JOIN roots r ON s.copy_of = r.root
        """,
        {"ids": sorted(ids)},
    ).fetchall()}


def _settle(connection: duckdb.DuckDBPyConnection, subjects: set[str], now: datetime) -> list[str]:
    """Decide each subject's original from its matches and write what changed; the ids whose copy_of changed."""
    if not subjects:
        return []
    candidates = _candidates(connection, subjects)
    held = _held(connection, subjects | {c for found in candidates.values() for c in found})
    matched = {sid: copies.matches(held[sid], [held[c] for c in candidates[sid] if c in held]) for sid in subjects if sid in held}
    stored = _stored(connection, set(held))
    decided = copies.originals([held[sid] for sid in subjects if sid in held], matched, held, stored)
    changed = {sid: verdict for sid, verdict in decided.items() if verdict[0] != stored.get(sid)}
    if not changed:
        return []
    ids = sorted(changed)
    connection.execute("DELETE FROM statement_copies WHERE statement_id IN (SELECT UNNEST(?))", [ids])
    tables.update(connection, "statements", "statement_id", [{"statement_id": sid, "copy_of": changed[sid][0]} for sid in ids])
    tables.insert(connection, "statement_copies", [
        {"statement_id": sid, "copy_of": original, "similarity": round(score, 4), "detected_at": now}
        for sid, (original, score) in changed.items() if original is not None
    ])
    return ids


def listing(connection: duckdb.DuckDBPyConnection, limit: int = 50) -> tuple[list[str], list[tuple]]:
    """The copies held, newest detection first, with both sites and titles (`govfeeds copies`)."""
    cursor = connection.execute(
        """
        SELECT c.statement_id AS copy, s.site AS copy_site, c.copy_of AS original, o.site AS original_site,
               c.similarity, o.title AS original_title
        FROM statement_copies c JOIN statements s USING (statement_id) JOIN statements o ON o.statement_id = c.copy_of
        ORDER BY c.detected_at DESC, o.title, s.site
        LIMIT ?
        """,
        [limit],
    )
    return [column[0] for column in cursor.description], cursor.fetchall()


def rebuild_database(settings: Settings) -> Detection:
    """`govfeeds copies --rebuild`: `rebuild` on the settings' database, holding its write lock meanwhile."""
    if not settings.db.exists():
        raise DatabaseMissing(f"database {settings.db} does not exist yet")
    with writing(settings) as connection:
        result = rebuild(connection)
        (result.copies,) = connection.execute("SELECT count(*) FROM statements WHERE copy_of IS NOT NULL").fetchone()
    return result
