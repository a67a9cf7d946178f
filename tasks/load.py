"""Load stage: write batches into DuckDB, one transaction per feed batch, through Arrow.

The diff against what the database holds is taken inside the transaction, so two runs loading
the same statements one after the other write them once, and an unchanged statement writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from govfeeds.database import connect, is_out_of_memory, limit_memory, transaction
from govfeeds.memory import release_free_memory
from govfeeds.settings import Settings
from schemas.enrichment import Enrichment
from schemas.feeds import FeedConfig
from schemas.statements import FeedBatch, FeedState, Statement
from tasks import spool
from tasks.politeness import FAILURE_BACKOFF_MAX_SECONDS, FAILURE_BACKOFF_SECONDS, failure_backoff

logger = logging.getLogger("govfeeds.load")
T = TypeVar("T")

TS = pa.timestamp("us", tz="UTC")

STATEMENT_SCHEMA = pa.schema(
    [
        ("statement_id", pa.string()), ("feed_id", pa.string()), ("site", pa.string()), ("url", pa.string()),
        ("guid", pa.string()), ("title", pa.string()), ("published_at", TS), ("seen_at", TS),
        ("version", pa.int32()), ("body_text", pa.string()), ("content_sha256", pa.string()),
        ("item_sha256", pa.string()), ("text_source", pa.string()), ("page_sha256", pa.string()),
        ("page_error", pa.string()), ("categories", pa.list_(pa.string())),
    ]
)

ENRICHMENT_SCHEMA = pa.schema(
    [
        ("statement_id", pa.string()), ("doc_type", pa.string()), ("issuing_office", pa.string()),
        ("release_date", pa.date32()), ("mission", pa.string()), ("quoted_text", pa.string()),
        ("language", pa.string()), ("word_count", pa.int32()), ("enriched_at", TS), ("enricher_version", pa.string()),
    ]
)


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


def read_feed_states(connection: duckdb.DuckDBPyConnection, feeds: list[FeedConfig]) -> dict[str, FeedState]:
    """What the database remembers about each feed: validators, last body hash, known item fingerprints.

    Two queries for the whole registry, not two per feed: with hundreds of feeds the per-feed
    round trips were most of a quiet poll's database time.
    """
    rows = {
        feed_id: rest
        for feed_id, *rest in connection.execute(
            "SELECT feed_id, etag, last_modified, last_body_sha256, consecutive_failures FROM feeds WHERE feed_id IN (SELECT UNNEST(?))",
            [[feed.id for feed in feeds]],
        ).fetchall()
    }
    known_by_site: dict[str, dict[str, str]] = {feed.site_name: {} for feed in feeds}
    for site, statement_id, item_sha in connection.execute(
        "SELECT site, statement_id, item_sha256 FROM statements WHERE site IN (SELECT UNNEST(?))", [list(known_by_site)]
    ).fetchall():
        known_by_site[site][statement_id] = item_sha
    states: dict[str, FeedState] = {}
    for feed in feeds:
        state = FeedState(known_items=known_by_site[feed.site_name])
        if feed.id in rows:
            state.etag, state.last_modified, state.last_body_sha256, state.consecutive_failures = rows[feed.id]
        states[feed.id] = state
    return states


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


def load_batch(connection: duckdb.DuckDBPyConnection, batch: FeedBatch) -> LoadResult:
    """Write one feed's batch in one transaction; a batch already loaded (same batch_id) writes nothing."""
    result = LoadResult(feed_id=batch.feed.id, outcome=batch.outcome, rejected=len(batch.rejects), error=batch.error)
    now = datetime.now(UTC)
    with transaction(connection):
        if connection.execute("SELECT 1 FROM loads WHERE batch_id = ?", [batch.batch_id]).fetchone():
            result.already_loaded = True
            return result
        new, changed, refingerprinted = _diff(connection, batch.statements)
        _insert_statements(connection, new, now)
        _update_statements(connection, changed, now)
        _insert_versions(connection, [*new, *changed], now)
        _update_fingerprints(connection, refingerprinted)
        enriched = [(s.statement_id, s.categories, s.enrichment) for s, _ in [*new, *changed] if s.enrichment]
        if enriched:
            from tasks.enrichment import ENRICHER_VERSION

            write_enrichment(connection, enriched, ENRICHER_VERSION, now)
        _insert_raw_documents(connection, batch)
        _insert_log_rows(connection, [batch], now)
        _upsert_feeds(connection, [batch])
        result.new, result.updated = len(new), len(changed)
        result.new_ids = tuple(s.statement_id for s, _ in new)
        result.updated_ids = tuple(s.statement_id for s, _ in changed)
        connection.execute(
            "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [batch.batch_id, batch.feed.id, batch.polled_at, now, batch.outcome, result.new, result.updated, result.rejected],
        )
    return result


def _diff(
    connection: duckdb.DuckDBPyConnection, statements: list[Statement]
) -> tuple[list[tuple[Statement, int]], list[tuple[Statement, int]], list[Statement]]:
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
    new, changed, refingerprinted = [], [], []
    for statement in statements:
        held = current.get(statement.statement_id)
        if held is None:
            new.append((statement, 1))
        elif held[1] != statement.content_sha256:
            changed.append((statement, held[0] + 1))
        elif held[2] != statement.item_sha256:
            refingerprinted.append(statement)
    return new, changed, refingerprinted


def _statement_table(rows: list[tuple[Statement, int]], now: datetime) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                **statement.model_dump(include=set(STATEMENT_SCHEMA.names)),
                "version": version,
                "seen_at": now,
            }
            for statement, version in rows
        ],
        schema=STATEMENT_SCHEMA,
    )


def _insert_statements(connection: duckdb.DuckDBPyConnection, rows: list[tuple[Statement, int]], now: datetime) -> None:
    if not rows:
        return
    connection.register("incoming", _statement_table(rows, now))
    connection.execute(
        """
        INSERT INTO statements (statement_id, feed_id, site, url, guid, title, published_at, first_seen_at, updated_at,
                                version, body_text, content_sha256, item_sha256, text_source, page_sha256, page_error, categories)
        SELECT statement_id, feed_id, site, url, guid, title, published_at, seen_at, seen_at,
               version, body_text, content_sha256, item_sha256, text_source, page_sha256, page_error, categories
        FROM incoming
        """
    )
    connection.unregister("incoming")


def _update_statements(connection: duckdb.DuckDBPyConnection, rows: list[tuple[Statement, int]], now: datetime) -> None:
    if not rows:
        return
    connection.register("incoming", _statement_table(rows, now))
    connection.execute(
        """
        UPDATE statements SET url = i.url, guid = i.guid, title = i.title, published_at = i.published_at,
               updated_at = i.seen_at, version = i.version, body_text = i.body_text, content_sha256 = i.content_sha256,
               item_sha256 = i.item_sha256, text_source = i.text_source, page_sha256 = i.page_sha256,
               page_error = i.page_error, categories = i.categories, deleted_at = NULL
        FROM incoming i WHERE statements.statement_id = i.statement_id
        """
    )
    connection.unregister("incoming")


def _update_fingerprints(connection: duckdb.DuckDBPyConnection, statements: list[Statement]) -> None:
    """Same text under a changed feed entry: remember the new fingerprint so the page isn't fetched again."""
    if not statements:
        return
    connection.register(
        "incoming",
        pa.table({"statement_id": [s.statement_id for s in statements], "item_sha256": [s.item_sha256 for s in statements]}),
    )
    connection.execute("UPDATE statements SET item_sha256 = i.item_sha256 FROM incoming i WHERE statements.statement_id = i.statement_id")
    connection.unregister("incoming")


def _insert_versions(connection: duckdb.DuckDBPyConnection, rows: list[tuple[Statement, int]], now: datetime) -> None:
    if not rows:
        return
    connection.register("incoming", _statement_table(rows, now))
    connection.execute(
        "INSERT INTO statement_versions SELECT statement_id, version, title, body_text, content_sha256, seen_at FROM incoming"
    )
    connection.unregister("incoming")


def write_enrichment(
    connection: duckdb.DuckDBPyConnection,
    rows: list[tuple[str, list[str], Enrichment]],
    enricher_version: str,
    now: datetime,
) -> None:
    """Replace the enrichment of these statements: their columns and their people/countries/dates/topics rows."""
    ids = [sid for sid, _, _ in rows]
    connection.register(
        "enriched",
        pa.Table.from_pylist(
            [
                {
                    "statement_id": sid, **e.model_dump(include=set(ENRICHMENT_SCHEMA.names)),
                    "enriched_at": now, "enricher_version": enricher_version,
                }
                for sid, _, e in rows
            ],
            schema=ENRICHMENT_SCHEMA,
        ),
    )
    connection.execute(
        """
        UPDATE statements SET doc_type = e.doc_type, issuing_office = e.issuing_office, release_date = e.release_date,
               mission = e.mission, quoted_text = e.quoted_text, language = e.language, word_count = e.word_count,
               enriched_at = e.enriched_at, enricher_version = e.enricher_version
        FROM enriched e WHERE statements.statement_id = e.statement_id
        """
    )
    connection.unregister("enriched")
    children = {
        "statement_people": pa.Table.from_pylist(
            [{"statement_id": sid, "name": p.name, "title": p.title} for sid, _, e in rows for p in e.people],
            schema=pa.schema([("statement_id", pa.string()), ("name", pa.string()), ("title", pa.string())]),
        ),
        "statement_countries": pa.Table.from_pylist(
            [{"statement_id": sid, "country_code": c, "mentions": n} for sid, _, e in rows for c, n in e.countries.items()],
            schema=pa.schema([("statement_id", pa.string()), ("country_code", pa.string()), ("mentions", pa.int32())]),
        ),
        "statement_dates": pa.Table.from_pylist(
            [{"statement_id": sid, "event_date": d} for sid, _, e in rows for d in e.event_dates],
            schema=pa.schema([("statement_id", pa.string()), ("event_date", pa.date32())]),
        ),
        "statement_topics": pa.Table.from_pylist(
            [{"statement_id": sid, "topic": t, "source": "feed"} for sid, cats, _ in rows for t in dict.fromkeys(cats)]
            + [{"statement_id": sid, "topic": t, "source": "theme"} for sid, _, e in rows for t in e.themes],
            schema=pa.schema([("statement_id", pa.string()), ("topic", pa.string()), ("source", pa.string())]),
        ),
    }
    for table, arrow in children.items():
        connection.execute(f"DELETE FROM {table} WHERE statement_id IN (SELECT UNNEST(?))", [ids])
        connection.register("incoming_children", arrow)
        connection.execute(f"INSERT INTO {table} SELECT * FROM incoming_children")
        connection.unregister("incoming_children")


def _insert_raw_documents(connection: duckdb.DuckDBPyConnection, batch: FeedBatch) -> None:
    if not batch.raw_documents:
        return
    unique = {doc.sha256: doc for doc in batch.raw_documents}
    connection.register(
        "incoming_raw",
        pa.Table.from_pylist(
            [doc.model_dump() for doc in unique.values()],
            schema=pa.schema([("sha256", pa.string()), ("url", pa.string()), ("fetched_at", TS), ("content_type", pa.string()), ("body", pa.binary())]),
        ),
    )
    connection.execute(
        "INSERT INTO raw_documents SELECT i.* FROM incoming_raw i ANTI JOIN raw_documents r ON r.sha256 = i.sha256"
    )
    connection.unregister("incoming_raw")


FETCH_LOG_SCHEMA = pa.schema(
    [("feed_id", pa.string()), ("url", pa.string()), ("requested_at", TS), ("status_code", pa.int32()),
     ("bytes", pa.int64()), ("elapsed_ms", pa.float64()), ("error", pa.string()), ("kind", pa.string())]
)
REJECT_SCHEMA = pa.schema(
    [("feed_id", pa.string()), ("item_key", pa.string()), ("stage", pa.string()), ("reason", pa.string()),
     ("detail", pa.string()), ("seen_at", TS)]
)
FEED_SCHEMA = pa.schema(
    [("feed_id", pa.string()), ("url", pa.string()), ("site", pa.string()), ("title", pa.string()), ("country", pa.string()),
     ("language", pa.string()), ("etag", pa.string()), ("last_modified", pa.string()), ("last_body_sha256", pa.string()),
     ("last_polled_at", TS), ("last_success_at", TS), ("last_status", pa.string()), ("consecutive_failures", pa.int32()),
     ("next_poll_at", TS)]
)
LOADS_SCHEMA = pa.schema(
    [("batch_id", pa.string()), ("feed_id", pa.string()), ("polled_at", TS), ("loaded_at", TS), ("outcome", pa.string()),
     ("new_count", pa.int32()), ("updated_count", pa.int32()), ("reject_count", pa.int32())]
)


def _insert_log_rows(connection: duckdb.DuckDBPyConnection, batches: list[FeedBatch], now: datetime) -> None:
    records = [record.model_dump() for batch in batches for record in batch.fetch_log]
    if records:
        connection.register("incoming_log", pa.Table.from_pylist(records, schema=FETCH_LOG_SCHEMA))
        connection.execute("INSERT INTO fetch_log SELECT * FROM incoming_log")
        connection.unregister("incoming_log")
    rejects = [{**reject.model_dump(), "seen_at": now} for batch in batches for reject in batch.rejects]
    if rejects:
        connection.register("incoming_rejects", pa.Table.from_pylist(rejects, schema=REJECT_SCHEMA))
        connection.execute("INSERT INTO rejects SELECT * FROM incoming_rejects")
        connection.unregister("incoming_rejects")


def _upsert_feeds(connection: duckdb.DuckDBPyConnection, batches: list[FeedBatch]) -> None:
    """Record each batch's poll in `feeds` (one statement for all; each feed at most once).

    A failed poll keeps the feed's validators and last success, and counts one more failure in a row;
    in the incoming rows a failure is the one without last_success_at.
    """
    rows = []
    for batch in batches:
        feed, failed = batch.feed, batch.outcome == "failed"
        rows.append(
            {
                "feed_id": feed.id, "url": feed.url, "site": feed.site_name, "title": feed.title, "country": feed.country,
                "language": feed.language, "etag": batch.etag, "last_modified": batch.last_modified,
                "last_body_sha256": batch.body_sha256, "last_polled_at": batch.polled_at,
                "last_success_at": None if failed else batch.polled_at, "last_status": batch.error if failed else batch.outcome,
                "consecutive_failures": 1 if failed else 0,
                # A failure backs the feed off (tasks/politeness.py); a server's Retry-After may push it further.
                "next_poll_at": max(filter(None, [batch.polled_at + failure_backoff(1), batch.retry_after])) if failed else None,
            }
        )
    connection.register("incoming_feeds", pa.Table.from_pylist(rows, schema=FEED_SCHEMA))
    connection.execute(
        f"""
        INSERT INTO feeds (feed_id, url, site, title, country, language, etag, last_modified, last_body_sha256,
                           last_polled_at, last_success_at, last_status, consecutive_failures, next_poll_at)
        SELECT * FROM incoming_feeds
        ON CONFLICT (feed_id) DO UPDATE SET
            url = excluded.url, site = excluded.site, title = excluded.title, country = excluded.country,
            language = excluded.language,
            etag = CASE WHEN excluded.last_success_at IS NULL THEN feeds.etag ELSE excluded.etag END,
            last_modified = CASE WHEN excluded.last_success_at IS NULL THEN feeds.last_modified ELSE excluded.last_modified END,
            last_body_sha256 = CASE WHEN excluded.last_success_at IS NULL THEN feeds.last_body_sha256 ELSE excluded.last_body_sha256 END,
            last_polled_at = excluded.last_polled_at,
            last_success_at = COALESCE(excluded.last_success_at, feeds.last_success_at),
            last_status = excluded.last_status,
            consecutive_failures = CASE WHEN excluded.last_success_at IS NULL THEN feeds.consecutive_failures + 1 ELSE 0 END,
            next_poll_at = CASE WHEN excluded.last_success_at IS NULL THEN greatest(excluded.next_poll_at, excluded.last_polled_at
                + to_seconds(least({FAILURE_BACKOFF_SECONDS} * pow(2, least(feeds.consecutive_failures, 30)), {FAILURE_BACKOFF_MAX_SECONDS})))
                ELSE NULL END
        """
    )
    connection.unregister("incoming_feeds")


def is_bookkeeping(batch: FeedBatch) -> bool:
    """A batch that only records a poll (a 304, the same body again, a failure): no statements, no documents."""
    return not batch.statements and not batch.raw_documents


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
            _insert_log_rows(connection, fresh, now)
            _upsert_feeds(connection, fresh)
            loads = [
                {"batch_id": b.batch_id, "feed_id": b.feed.id, "polled_at": b.polled_at, "loaded_at": now, "outcome": b.outcome,
                 "new_count": 0, "updated_count": 0, "reject_count": len(b.rejects)}
                for b in fresh
            ]
            connection.register("incoming_loads", pa.Table.from_pylist(loads, schema=LOADS_SCHEMA))
            connection.execute("INSERT INTO loads SELECT * FROM incoming_loads")
            connection.unregister("incoming_loads")
    return [
        LoadResult(feed_id=b.feed.id, outcome=b.outcome, rejected=len(b.rejects), error=b.error, already_loaded=b.batch_id in done)
        for b in batches
    ]


#: Statement-less batches recorded per transaction.
BOOKKEEPING_CHUNK = 1000


@task(name="load", cache_policy=NO_CACHE)
def load_spooled(settings: Settings) -> list[LoadResult]:
    """Load every batch waiting in the spool, oldest first, deleting each once it has committed."""
    logger = get_run_logger()
    paths = spool.pending(settings.spool_dir)
    if not paths:
        return []
    results: list[LoadResult] = []
    connection = connect(
        settings.db,
        wait_seconds=settings.lock_wait_seconds,
        on_wait=lambda holder, pause: logger.warning("database %s is locked by %s; retrying in %.1fs", settings.db, holder, pause),
    )
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

    try:
        for path in paths:  # one batch in memory at a time (a bookkeeping batch is a few hundred bytes)
            batch = spool.read(path)
            if is_bookkeeping(batch):
                if any(held.feed.id == batch.feed.id for _, held in bookkeeping) or len(bookkeeping) >= BOOKKEEPING_CHUNK:
                    flush()
                bookkeeping.append((path, batch))
                continue
            flush()
            results.append(within_memory_limit(connection, settings, batch.feed.id, lambda: load_batch(connection, batch)))
            Path(path).unlink()
            release_free_memory()  # the batch's statements and Arrow tables
        flush()
    finally:
        connection.close()
    return results


def mark_deleted(connection: duckdb.DuckDBPyConnection, site: str, host: str, listed_links: list[str], now: datetime) -> tuple[int, int]:
    """Reconcile `site`'s statements with the complete list of post links the site publishes.

    A live statement whose page is on `host` but no longer listed gets `deleted_at` (the row
    stays); a deleted one listed again is live again. Statements linking to other hosts are not
    judged. An empty listing judges nothing: a site answering with no posts is more likely broken
    than emptied. Returns (marked deleted, restored).
    """
    from urllib.parse import urlsplit

    from tasks.urls import canonical_url

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
