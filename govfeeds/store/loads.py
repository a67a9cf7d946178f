"""Loading fetched batches from the spool: idempotent, consecutive batches of different feeds in one transaction.

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
from govfeeds.store.connection import limit_load_resources, transaction, within_memory_limit, writing
from schemas.statements import FeedBatch

#: Batches written in one transaction at most, and the statements they may hold together (a batch
#: holding more is written alone). Each transaction commits to the WAL, and the feeds upsert alone
#: took ~18 ms a batch: a poll of 2,100 small feeds spent most of its load on per-feed transactions.
#: A batch of many statements gains little from company, so their count is kept to a few batches' worth.
BATCHES_PER_TRANSACTION = 1000
STATEMENTS_PER_TRANSACTION = 250


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


def load_batches(connection: duckdb.DuckDBPyConnection, batches: list[FeedBatch]) -> list[LoadResult]:
    """Write batches of different feeds and different statements in one transaction, each batch once.

    A batch already loaded (its batch_id is in `loads`) writes nothing and says so. The diff
    against what the database holds is taken inside the transaction, so two runs loading the same
    statements one after the other write them once, and an unchanged statement writes nothing.
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
        new, changed, refingerprinted = statements.diff(connection, [s for batch in fresh for s in batch.statements])
        statements.write_versions(connection, new, changed, now)
        statements.write_fingerprints(connection, refingerprinted)
        version_of = {s.statement_id: batch.enricher_version or "unknown" for batch in fresh for s in batch.statements}
        for version in dict.fromkeys(version_of.values()):
            enrichment.write(
                connection, [(s.statement_id, s.categories, s.enrichment) for s, _ in [*new, *changed]
                             if s.enrichment and version_of[s.statement_id] == version], version, now,
            )
        unique_documents = {doc.sha256: doc.model_dump() for batch in fresh for doc in batch.raw_documents}
        tables.insert(connection, "raw_documents", unique_documents.values(), conflict="ON CONFLICT (sha256) DO NOTHING")
        if fresh:
            feeds.record_polls(connection, fresh, now)
        for batch in fresh:
            if batch.walk is not None and batch.walk.window_key is not None:
                walks.advance_checkpoint(connection, batch.feed.id, batch.walk, now)
        new_ids, updated_ids = _ids_by_batch(fresh, new), _ids_by_batch(fresh, changed)
        _record_loads(connection, fresh, now, new_ids, updated_ids)
    return [
        LoadResult(feed_id=b.feed.id, outcome=b.outcome, rejected=len(b.rejects), error=b.error, already_loaded=b.batch_id in done,
                   new=len(new_ids.get(b.batch_id, ())), updated=len(updated_ids.get(b.batch_id, ())),
                   new_ids=new_ids.get(b.batch_id, ()), updated_ids=updated_ids.get(b.batch_id, ()))
        for b in batches
    ]


def _ids_by_batch(batches: list[FeedBatch], versioned: list[statements.Versioned]) -> dict[str, tuple[str, ...]]:
    """The statement ids of `versioned`, under the batch_id of the batch each came from."""
    written = {s.statement_id for s, _ in versioned}
    return {b.batch_id: tuple(s.statement_id for s in b.statements if s.statement_id in written) for b in batches}


def _record_loads(connection: duckdb.DuckDBPyConnection, batches: list[FeedBatch], now: datetime,
                  new_ids: dict[str, tuple[str, ...]], updated_ids: dict[str, tuple[str, ...]]) -> None:
    tables.insert(
        connection, "loads",
        [{"batch_id": b.batch_id, "feed_id": b.feed.id, "polled_at": b.polled_at, "loaded_at": now, "outcome": b.outcome,
          "new_count": len(new_ids[b.batch_id]), "updated_count": len(updated_ids[b.batch_id]),
          "reject_count": len(b.rejects)} for b in batches],
    )


def load_spool(settings: Settings, *, wait_for_lock: bool = True) -> list[LoadResult]:
    """Load every batch waiting in the spool, oldest first, deleting each file once its last batch has committed.

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
    limit_load_resources(connection, settings)
    # Another process sharing the spool (a second worker's flow run) may have loaded and deleted
    # these while we waited for the file; holding it now, nobody else loads, so list again.
    paths = spool.pending(settings.spool_dir)
    held: list[tuple[Path, FeedBatch]] = []  # consecutive batches of other feeds and other statements, loaded together
    held_feeds: set[str] = set()
    held_statements: set[str] = set()
    reading: Path | None = None  # the file whose batches are being read: not deleted before its last one commits

    def flush() -> None:
        if held:
            batches = [batch for _, batch in held]
            what = batches[0].feed.id if len(batches) == 1 else f"{len(batches)} batches"
            results.extend(within_memory_limit(connection, settings, what, lambda: load_batches(connection, batches)))
            for done in dict.fromkeys(path for path, _ in held if path != reading):
                done.unlink(missing_ok=True)
            held.clear()
            held_feeds.clear()
            held_statements.clear()
            release_free_memory()  # the batches' statements and Arrow tables

    for reading in paths:  # oldest first: a feed's or a statement's later batch goes in a later transaction
        for batch in spool.read(reading):
            ids = {statement.statement_id for statement in batch.statements}
            if (batch.feed.id in held_feeds or not ids.isdisjoint(held_statements) or len(held) >= BATCHES_PER_TRANSACTION
                    or len(held_statements) + len(ids) > STATEMENTS_PER_TRANSACTION):
                flush()
            held.append((reading, batch))
            held_feeds.add(batch.feed.id)
            held_statements |= ids
    reading = None
    flush()
    within_memory_limit(connection, settings, "copy detection", lambda: copies.detect(connection))
    return results
