"""Loading fetched batches: one transaction per feed batch, idempotent, from the spool.

The diff against what the database holds is taken inside the transaction, so two runs loading
the same statements one after the other write them once, and an unchanged statement writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from govfeeds import spool
from govfeeds.errors import DatabaseLocked
from govfeeds.memory import release_free_memory
from govfeeds.settings import Settings
from govfeeds.store import copies, enrichment, feeds, statements, tables, walks
from govfeeds.store.connection import limit_memory, transaction, within_memory_limit, writing
from schemas.statements import FeedBatch

#: Statement-less batches recorded per transaction.
BOOKKEEPING_CHUNK = 1000


@dataclass
class LoadResult:
    feed_id: str
    outcome: str
    new: int = 0
    updated: int = 0
    rejected: int = 0
    error: str | None = None
    new_ids: tuple[str, ...] = ()
    updated_ids: tuple[str, ...] = ()
    already_loaded: bool = False


def load_batch(connection: duckdb.DuckDBPyConnection, batch: FeedBatch) -> LoadResult:
    """Write one feed's batch in one transaction; a batch already loaded (same batch_id) writes nothing."""
    result = LoadResult(feed_id=batch.feed.id, outcome=batch.outcome, rejected=len(batch.rejects), error=batch.error)
    now = datetime.now(UTC)
    with transaction(connection):
        if connection.execute("SELECT 1 FROM loads WHERE batch_id = ?", [batch.batch_id]).fetchone():
            result.already_loaded = True
            return result
        new, changed, refingerprinted = statements.diff(connection, batch.statements)
        statements.write_versions(connection, new, changed, now)
        statements.write_fingerprints(connection, refingerprinted)
        enrichment.write(
            connection, [(s.statement_id, s.categories, s.enrichment) for s, _ in [*new, *changed] if s.enrichment],
            batch.enricher_version or "unknown", now,
        )
        unique_documents = {doc.sha256: doc.model_dump() for doc in batch.raw_documents}
        tables.insert(connection, "raw_documents", unique_documents.values(), conflict="ON CONFLICT (sha256) DO NOTHING")
        feeds.record_polls(connection, [batch], now)
        if batch.walk is not None and batch.walk.window_key is not None:
            walks.advance_checkpoint(connection, batch.feed.id, batch.walk, now)
        result.new, result.updated = len(new), len(changed)
        result.new_ids = tuple(s.statement_id for s, _ in new)
        result.updated_ids = tuple(s.statement_id for s, _ in changed)
        _record_loads(connection, [batch], now, {batch.batch_id: (result.new, result.updated)})
    return result


def _record_loads(connection: duckdb.DuckDBPyConnection, batches: list[FeedBatch], now: datetime,
                  counts: dict[str, tuple[int, int]]) -> None:
    tables.insert(
        connection, "loads",
        [{"batch_id": b.batch_id, "feed_id": b.feed.id, "polled_at": b.polled_at, "loaded_at": now, "outcome": b.outcome,
          "new_count": counts.get(b.batch_id, (0, 0))[0], "updated_count": counts.get(b.batch_id, (0, 0))[1],
          "reject_count": len(b.rejects)} for b in batches],
    )


def is_bookkeeping(batch: FeedBatch) -> bool:
    """A batch that only records a poll (a 304, the same body again, a failure): no statements, no documents."""
    return not batch.statements and not batch.raw_documents and (batch.walk is None or batch.walk.window_key is None)


def load_bookkeeping(connection: duckdb.DuckDBPyConnection, batches: list[FeedBatch]) -> list[LoadResult]:
    """Record many statement-less polls in one transaction, each feed at most once per call.

    A steady poll is mostly feeds answering 304; one transaction and five statements per feed made
    their load the largest part of such a run (300 feeds: 3.5 s of 11 s, see bench/). Each batch
    still counts as loaded once (loads.batch_id).
    """
    now = datetime.now(UTC)
    with transaction(connection):
        done = {
            batch_id
            for (batch_id,) in connection.execute(
                "SELECT batch_id FROM loads WHERE batch_id IN (SELECT UNNEST(?))", [[b.batch_id for b in batches]]
            ).fetchall()
        }
        fresh = [batch for batch in batches if batch.batch_id not in done]
        if fresh:
            feeds.record_polls(connection, fresh, now)
            _record_loads(connection, fresh, now, {})
    return [
        LoadResult(feed_id=b.feed.id, outcome=b.outcome, rejected=len(b.rejects), error=b.error, already_loaded=b.batch_id in done)
        for b in batches
    ]


def load_spool(settings: Settings, *, wait_for_lock: bool = True) -> list[LoadResult]:
    """Load every batch waiting in the spool, oldest first, deleting each once it has committed.

    One write connection for the whole spool (a load window); raises DatabaseLocked when the file
    stays locked for settings.lock_wait_seconds, and the spool keeps everything for the next run.
    Without `wait_for_lock`, a file locked right now loads nothing: a load behind the stages
    (flows/driver.py) leaves the batches to the run's last load, which waits.
    Then, in the same window, every statement whose text is not yet indexed for copy detection
    (new, edited, or left by a run that stopped in between) is compared with those held
    (govfeeds.store.copies.detect): one place, whichever flow loaded it.
    """
    if not spool.pending(settings.spool_dir):
        return []
    try:
        with writing(settings, wait=wait_for_lock) as connection:
            return _load_window(connection, settings)
    except DatabaseLocked:
        if wait_for_lock:
            raise
        return []


def _load_window(connection: duckdb.DuckDBPyConnection, settings: Settings) -> list[LoadResult]:
    results: list[LoadResult] = []
    limit_memory(connection, settings.load_memory_limit)
    # Another process sharing the spool (a second worker's flow run) may have loaded and deleted
    # these while we waited for the file; holding it now, nobody else loads, so list again.
    paths = spool.pending(settings.spool_dir)
    bookkeeping: list[tuple[Path, FeedBatch]] = []  # consecutive statement-less batches, loaded together

    def flush() -> None:
        if bookkeeping:
            held = [batch for _, batch in bookkeeping]
            results.extend(within_memory_limit(connection, settings, f"{len(held)} polls", lambda: load_bookkeeping(connection, held)))
            for done, _ in bookkeeping:
                done.unlink(missing_ok=True)
            bookkeeping.clear()

    for path in paths:  # one batch in memory at a time (a bookkeeping batch is a few hundred bytes)
        batch = spool.read(path)
        if is_bookkeeping(batch):
            if any(held.feed.id == batch.feed.id for _, held in bookkeeping) or len(bookkeeping) >= BOOKKEEPING_CHUNK:
                flush()
            bookkeeping.append((path, batch))
            continue
        flush()
        results.append(within_memory_limit(connection, settings, batch.feed.id, lambda: load_batch(connection, batch)))
        path.unlink()
        release_free_memory()  # the batch's statements and Arrow tables
    flush()
    within_memory_limit(connection, settings, "copy detection", lambda: copies.detect(connection))
    return results
