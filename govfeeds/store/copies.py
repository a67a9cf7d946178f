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
from functools import lru_cache

import duckdb

from govfeeds import copies
from govfeeds.errors import DatabaseMissing
from govfeeds.settings import Settings
from govfeeds.store import tables
from govfeeds.store.connection import transaction, writing

logger = logging.getLogger("govfeeds.load")

#: Pending statements indexed and settled per transaction after a load: each one's text,
#: fingerprint and candidates are held until it commits (500 peaked 50 MB higher over a
#: 5 000-statement first poll).
CHUNK = 200
#: Fingerprints kept between chunks (~30 KB each for a statement of 600 words).
FINGERPRINTS_KEPT = 1000
#: The same for a rebuild, which runs alone: fewer, larger transactions (100 000 statements were
#: indexed in 37 s in chunks of 500, 58 s in chunks of 200; bench/copies.py).
REBUILD_CHUNK = 500


@dataclass
class Detection:
    indexed: int = 0
    settled: int = 0
    changed: list[str] = field(default_factory=list)  # statements whose copy_of changed
    copies: int = 0  # statements that are copies once done (rebuild_database)


def pending(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, bool]]:
    """Statements whose current text is not the one indexed, earliest published first, and whether an older text was.

    Only statements written since the last indexing can be pending (a load stamps updated_at before
    detection runs in the same write window), so only those are read: DuckDB skips the row groups
    of older statements by their min/max, and the index is asked about those few by key.
    """
    (mark,) = connection.execute("SELECT max(indexed_at) FROM copy_index").fetchone()
    order = "ORDER BY coalesce(published_at, first_seen_at), first_seen_at, statement_id"
    if mark is None:
        recent = connection.execute(f"SELECT statement_id, content_sha256 FROM statements {order}").fetchall()
    else:
        recent = connection.execute(f"SELECT statement_id, content_sha256 FROM statements WHERE updated_at >= ? {order}", [mark]).fetchall()
    if not recent:
        return []
    indexed = dict(connection.execute(
        "SELECT statement_id, content_sha256 FROM copy_index WHERE statement_id IN (SELECT UNNEST(?))", [[sid for sid, _ in recent]]
    ).fetchall())
    return [(sid, sid in indexed) for sid, sha in recent if indexed.get(sid) != sha]


def detect(connection: duckdb.DuckDBPyConnection, now: datetime | None = None) -> Detection:
    """Index every pending statement and settle what that affects, CHUNK statements per transaction."""
    now = now or datetime.now(UTC)
    result = Detection()
    waiting = pending(connection)
    for start in range(0, len(waiting), CHUNK):
        chunk = waiting[start : start + CHUNK]
        with transaction(connection):
            run = _Run(connection)
            touched = run.index(chunk, now)
            affected = run.affected({sid for sid, _ in chunk} | touched)
            result.changed += run.settle(affected, now)  # decides, then writes the index rows and copy_of
        result.indexed += len(chunk)
        result.settled += len(affected)
    if result.changed:
        logger.info("copies: %d statements indexed, %d settled, %d changed copy_of", result.indexed, result.settled, len(result.changed))
    return result


def rebuild(connection: duckdb.DuckDBPyConnection, now: datetime | None = None, *, settle: bool = True) -> Detection:
    """Recompute everything from the stored text (no network): index all, then settle all, earliest first.

    `settle=False` only indexes (bench/copies.py builds its stored statements so).
    """
    now = now or datetime.now(UTC)
    result = Detection()
    with transaction(connection):
        for table in ("copy_index", "copy_bands", "copy_lines", "statement_copies"):
            connection.execute(f"DELETE FROM {table}")
        connection.execute("UPDATE statements SET copy_of = NULL WHERE copy_of IS NOT NULL")
    everything = pending(connection)
    for start in range(0, len(everything), REBUILD_CHUNK):
        with transaction(connection):
            run = _Run(connection)
            run.index(everything[start : start + REBUILD_CHUNK], now)
            run.write()
    result.indexed = len(everything)
    if not settle:
        return result
    for start in range(0, len(everything), REBUILD_CHUNK):
        with transaction(connection):
            result.changed += _Run(connection).settle({sid for sid, _ in everything[start : start + REBUILD_CHUNK]}, now)
    result.settled = len(everything)
    return result


@lru_cache(maxsize=FINGERPRINTS_KEPT)
def _fingerprint(content_sha256: str, body_text: str) -> copies.Fingerprint:
    """copies.fingerprint, kept for the statements read again and again: each chunk reads its
    statements' candidates, and a text reposted widely is a candidate in every chunk (a first poll
    of 5 000 bench statements fingerprinted 20 000 times). The hash leads the key, so a miss
    rarely compares bodies."""
    return copies.fingerprint(body_text)


@dataclass
class _Text:
    site: str
    published_at: datetime | None
    first_seen_at: datetime
    copy_of: str | None
    content_sha256: str
    printed: copies.Fingerprint


class _Run:
    """One transaction's work: every lookup first, then every write, each statement read and fingerprinted once.

    Each lookup is one join for the whole chunk, over the narrow key columns (a batch of 100 pays
    the scan once, bench/copies.py). The statements being indexed are kept in memory (`batch`) and
    merged into what the committed index answers, so their rows are written once, at the end.
    """

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection
        self.texts: dict[str, _Text] = {}
        self.holders: dict[tuple[str, int], tuple[int, list[str] | None]] = {}  # (site, line) -> statements holding it
        self.candidates: dict[str, list[str]] = {}
        self.batch: dict[str, list[int]] = {}  # statements being (re)indexed -> their band keys
        self.edited: list[str] = []  # those whose old rows are still in the index until write()
        self.batch_lines: dict[tuple[str, int], set[str]] = {}
        self.writes: list[tuple[str, list[dict[str, object]]]] = []

    def read(self, ids: set[str]) -> None:
        missing = sorted(ids - set(self.texts))
        if missing:
            for sid, site, published_at, first_seen_at, copy_of, sha, body in self.connection.execute(
                "SELECT statement_id, site, published_at, first_seen_at, copy_of, content_sha256, body_text FROM statements "
                "WHERE statement_id IN (SELECT UNNEST(?))", [missing],
            ).fetchall():
                self.texts[sid] = _Text(site, published_at, first_seen_at, copy_of, sha, _fingerprint(sha, body))

    def count_holders(self, keys: set[tuple[str, int]]) -> None:
        """How many statements of each site hold each line (their ids when two or fewer), the batch's new text counted."""
        missing = sorted(keys - set(self.holders))
        if not missing:
            return
        stored: dict[tuple[str, int], tuple[int, list[str] | None]] = {}
        self.connection.register("asked_lines", tables.arrow_rows("copy_lines", [{"site": s, "line_key": k} for s, k in missing]))
        for site, key, count, holders in self.connection.execute(
            """
            SELECT l.site, l.line_key, count(DISTINCT l.statement_id),
                   CASE WHEN count(DISTINCT l.statement_id) <= 2 THEN list(DISTINCT l.statement_id) END
            FROM copy_lines l JOIN asked_lines a ON a.line_key = l.line_key AND a.site = l.site
            WHERE l.statement_id NOT IN (SELECT UNNEST(?))
            GROUP BY ALL
            """,
            [self.edited],
        ).fetchall():
            stored[(site, key)] = (count, holders)
        self.connection.unregister("asked_lines")
        for key in missing:
            count, holders = stored.get(key, (0, []))
            mine = self.batch_lines.get(key, set())
            total = count + len(mine)
            self.holders[key] = (total, sorted(set(holders or []) | mine) if holders is not None and total <= 2 else None)

    def index(self, chunk: list[tuple[str, bool]], now: datetime) -> set[str]:
        """Fingerprint the chunk and queue its index rows; the other statements whose template this changes."""
        ids = {sid for sid, _ in chunk}
        self.edited = sorted(sid for sid, was_indexed in chunk if was_indexed)
        before: set[tuple[str, int]] = set()
        if self.edited:  # only an edited statement has rows to replace: a new one costs no delete
            before = set(self.connection.execute(
                "SELECT DISTINCT site, line_key FROM copy_lines WHERE statement_id IN (SELECT UNNEST(?))", [self.edited]
            ).fetchall())
        self.read(ids)
        index, bands, lines = [], [], []
        for sid in sorted(ids & set(self.texts)):
            text = self.texts[sid]
            self.batch[sid] = keys = copies.band_keys(text.printed.shingles)
            index.append({"statement_id": sid, "site": text.site, "content_sha256": text.content_sha256, "indexed_at": now})
            bands += [{"band_key": key, "statement_id": sid, "site": text.site} for key in keys]
            lines += [{"site": text.site, "line_key": key, "statement_id": sid} for key in text.printed.line_keys]
            for key in text.printed.line_keys:
                self.batch_lines.setdefault((text.site, key), set()).add(sid)
        if self.edited:
            self.writes += [(f"DELETE FROM {table} WHERE statement_id IN (SELECT UNNEST(?))", [self.edited])  # type: ignore[list-item]
                            for table in ("copy_index", "copy_bands", "copy_lines")]
        self.writes += [("copy_index", index), ("copy_bands", bands), ("copy_lines", lines)]
        # A line now held by exactly two statements of a site (or one, after an edit dropped it) just
        # became (stopped being) template there: the other holder's core changed.
        changed = set(self.batch_lines) | before
        self.count_holders(changed)
        return {sid for key in changed for sid in (self.holders[key][1] or [])} - ids

    def write(self) -> None:
        """Everything queued, in order: the index rows (deletes of edited statements' old rows first)."""
        for target, rows in self.writes:
            if target.startswith("DELETE"):
                self.connection.execute(target, rows)
            else:
                tables.insert(self.connection, target, rows)
        self.writes.clear()

    def template(self, sid: str) -> set[int]:
        text = self.texts[sid]
        return {key for key in text.printed.line_keys if self.holders[(text.site, key)][0] >= 2}

    def find_candidates(self, ids: set[str]) -> None:
        """For each statement, the statements of other sites sharing most band keys with it (at most MAX_CANDIDATES)."""
        missing = sorted(ids - set(self.candidates))
        self.read(set(missing))
        asked = []
        for sid in missing:
            self.candidates[sid] = []
            if sid in self.texts:
                keys = self.batch[sid] if sid in self.batch else copies.band_keys(self.texts[sid].printed.shingles)
                asked += [{"band_key": key, "statement_id": sid, "site": self.texts[sid].site} for key in keys]
        if not asked:
            return
        shared: dict[str, dict[str, int]] = {sid: {} for sid in missing}
        self.connection.register("asked_bands", tables.arrow_rows("copy_bands", asked))
        for subject, candidate, count in self.connection.execute(
            """
            WITH shared AS (
                SELECT a.statement_id AS subject, c.statement_id AS candidate, count(*) AS bands
                FROM asked_bands a JOIN copy_bands c ON c.band_key = a.band_key AND c.site <> a.site
                WHERE c.statement_id NOT IN (SELECT UNNEST($edited))
                GROUP BY ALL
            )
            SELECT subject, candidate, bands FROM shared
            QUALIFY row_number() OVER (PARTITION BY subject ORDER BY bands DESC, candidate) <= $limit
            """,
            {"edited": self.edited, "limit": copies.MAX_CANDIDATES},
        ).fetchall():
            shared[subject][candidate] = count
        if len(self.batch) > 1:  # the batch's own statements, not in the index until write(), of other sites only
            for subject, candidate, count in self._shared_within_batch():
                if subject in shared:
                    shared[subject][candidate] = count
        self.connection.unregister("asked_bands")
        for sid, found in shared.items():
            self.candidates[sid] = sorted(found, key=lambda c: (-found[c], c))[: copies.MAX_CANDIDATES]

    def _shared_within_batch(self) -> list[tuple[str, str, int]]:
        """(asked statement, statement being indexed of another site, band keys they share), counted by DuckDB.

        Counted pair by pair in Python, a chunk of 200 reposts of one text took 0.2 s.
        """
        self.connection.register("batch_bands", tables.arrow_rows("copy_bands", [
            {"band_key": key, "statement_id": sid, "site": self.texts[sid].site} for sid, keys in self.batch.items() for key in keys
        ], names=("band_key", "statement_id", "site")))
        shared = self.connection.execute(
            """
            SELECT a.statement_id, b.statement_id, count(*)
            FROM asked_bands a JOIN batch_bands b ON b.band_key = a.band_key AND b.site <> a.site
            GROUP BY ALL
            """
        ).fetchall()
        self.connection.unregister("batch_bands")
        return shared

    def matched(self, ids: set[str]) -> dict[str, dict[str, float]]:
        """Each statement's matches among its candidates, template lines discounted on both sides."""
        self.find_candidates(ids)
        everyone = ids | {c for sid in ids for c in self.candidates[sid]}
        self.read(everyone)
        everyone &= set(self.texts)
        self.count_holders({(self.texts[sid].site, key) for sid in everyone for key in self.texts[sid].printed.line_keys})
        held = {sid: self.held(sid) for sid in everyone}
        return {sid: copies.matches(held[sid], [held[c] for c in self.candidates[sid] if c in held]) for sid in ids if sid in held}

    def held(self, sid: str) -> copies.Held:
        text = self.texts[sid]
        return copies.Held(sid, text.site, text.published_at, text.first_seen_at, text.printed.core(self.template(sid)))

    def affected(self, ids: set[str]) -> set[str]:
        """`ids`, the statements they match, and every member of the copy groups all of those are in."""
        found = self.matched(ids)
        return self.groups(ids | {m for matches in found.values() for m in matches})

    def groups(self, ids: set[str]) -> set[str]:
        """`ids` with their originals and every copy of those originals."""
        self.read(ids)
        roots = sorted({self.texts[sid].copy_of or sid for sid in ids if sid in self.texts})
        followers = {sid for (sid,) in self.connection.execute(
            "SELECT statement_id FROM statements WHERE copy_of IN (SELECT UNNEST(?))", [roots]
        ).fetchall()}
        return ids | set(roots) | followers

    def settle(self, subjects: set[str], now: datetime) -> list[str]:
        """Decide each subject's original from its matches and write what changed; the ids whose copy_of changed."""
        if not subjects:
            self.write()
            return []
        found = self.matched(subjects)
        involved = set(found) | {m for matches in found.values() for m in matches}
        held = {sid: self.held(sid) for sid in involved}
        stored = {sid: self.texts[sid].copy_of for sid in involved}
        decided = copies.originals([held[sid] for sid in found], found, held, stored)
        changed = {sid: verdict for sid, verdict in decided.items() if verdict[0] != stored.get(sid)}
        self.write()
        if not changed:
            return []
        ids = sorted(changed)
        self.connection.execute("DELETE FROM statement_copies WHERE statement_id IN (SELECT UNNEST(?))", [ids])
        tables.update(self.connection, "statements", "statement_id", [{"statement_id": sid, "copy_of": changed[sid][0]} for sid in ids])
        tables.insert(self.connection, "statement_copies", [
            {"statement_id": sid, "copy_of": original, "similarity": round(score, 4), "detected_at": now}
            for sid, (original, score) in changed.items() if original is not None
        ])
        for sid in ids:
            self.texts[sid].copy_of = changed[sid][0]
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
