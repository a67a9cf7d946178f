"""Enrich stage: metadata for a batch of statements, from their stored text alone (no network).

Also re-enrichment: after the rules change (tasks/enrichment, ENRICHER_VERSION), stored
statements are enriched again from their stored text and only what changed is written.

The rules are pure Python (~3 ms a statement), and a flow's tasks are threads sharing one GIL, so
in a backfill they kept one core busy while fetch, extract and load queued behind them. A group of
POOL_MIN_STATEMENTS or more is therefore enriched in worker processes (Settings.enrich_processes,
on other cores; spawned once per process and kept), a smaller one in the task's own thread, where
sending it over would cost more than it saves.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime

from prefect import task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

from govfeeds.settings import Settings
from govfeeds.store import enrichment as store_enrichment
from govfeeds.store.connection import transaction, writing
from schemas.enrichment import Enrichment, EnrichmentInput
from schemas.statements import FeedBatch, Reject, Statement
import tasks.enrichment as enrichment
from tasks.enrichment.language import load_model

logger = logging.getLogger("govfeeds.enrich")


def enrichment_input(statement: Statement, feed_title: str | None = None) -> EnrichmentInput:
    return EnrichmentInput(
        title=statement.title,
        text=statement.body_text,
        published=statement.published_at,
        categories=statement.categories,
        site=statement.site,
        feed_title=feed_title,
    )


#: Statements a group needs for its enrichment to be sent to worker processes.
POOL_MIN_STATEMENTS = 100

Outcome = Enrichment | Exception  # a statement's enrichment, or why its rules failed


@task(name="enrich", cache_policy=NO_CACHE)
def enrich_statements(batches: list[FeedBatch], settings: Settings) -> list[FeedBatch]:
    """Enrich the statements of a group of feeds, in worker processes when the group is large."""
    inputs = [enrichment_input(statement, batch.feed.title) for batch in batches for statement in batch.statements]
    outcomes = iter(enrich_all(inputs, settings))
    for batch in batches:
        attach(batch, [next(outcomes) for _ in batch.statements])
    return batches


def attach(batch: FeedBatch, outcomes: list[Outcome]) -> FeedBatch:
    """Set each statement's enrichment from its outcome.

    A statement whose enrichment fails is still stored (its text is good); the failure is recorded
    in rejects with stage 'enrich' so `govfeeds reenrich` can be run once the rule is fixed.
    """
    batch.enricher_version = enrichment.ENRICHER_VERSION
    for statement, outcome in zip(batch.statements, outcomes, strict=True):
        if not isinstance(outcome, Exception):
            statement.enrichment = outcome
            continue
        logger.warning("enrichment failed for %s: %r", statement.statement_id, outcome)
        batch.rejects.append(
            Reject(feed_id=batch.feed.id, item_key=statement.url or statement.statement_id, stage="enrich",
                   reason=f"enrichment failed: {type(outcome).__name__}", detail=str(outcome)[:500])
        )
    return batch


def enrich_all(inputs: list[EnrichmentInput], settings: Settings) -> list[Outcome]:
    """Each input's outcome, in order: in worker processes when there are POOL_MIN_STATEMENTS or more."""
    pool = worker_pool(settings) if len(inputs) >= POOL_MIN_STATEMENTS else None
    if pool is None:
        return enrichment.enrich_each(inputs)
    chunk = -(-len(inputs) // settings.enrich_processes)
    try:
        return [outcome for part in pool.map(enrichment.enrich_each, [inputs[at : at + chunk] for at in range(0, len(inputs), chunk)])
                for outcome in part]
    except BrokenProcessPool as error:  # a worker killed (out of memory, by hand): this group in this thread, a new pool next time
        logger.warning("an enrichment worker process died (%s); enriching %d statements in the flow's process", error, len(inputs))
        _forget_pool(pool)
        return enrichment.enrich_each(inputs)


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def worker_pool(settings: Settings) -> ProcessPoolExecutor | None:
    """This process's enrichment workers, started on first use; None when enrichment stays in this process.

    That is when Settings.enrich_processes is 0, or when this is itself a daemon process (a Dask
    worker, say), which may not start children. Workers are spawned, not forked: the flow's
    process runs many threads, and a fork copies whatever locks they hold.
    """
    global _pool
    if settings.enrich_processes < 1 or multiprocessing.current_process().daemon:
        return None
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(settings.enrich_processes, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=load_model)
        return _pool


def start_worker_pool(settings: Settings) -> None:
    """Start the workers now, so their start-up (~1.3 s: imports and the language model) overlaps the first fetches."""
    pool = worker_pool(settings)
    if pool is not None:
        pool.submit(load_model)


def stop_worker_pool() -> None:
    """End this process's enrichment workers now, waiting for them (the bench does, to read their peak memory)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True)


def _forget_pool(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


class ReenrichResult(BaseModel):
    examined: int = 0
    changed: int = 0
    failed: int = 0


def comparable(value: Enrichment | None) -> dict | None:
    """An enrichment as stored: the database keeps no order of people, dates or themes, so neither does this."""
    if value is None:
        return None
    return {
        **value.model_dump(exclude={"people", "countries", "event_dates", "themes"}),
        "people": sorted((p.name, p.title or "") for p in value.people), "countries": sorted(value.countries.items()),
        "event_dates": sorted(value.event_dates), "themes": sorted(value.themes),
    }


@task(name="reenrich-batch", cache_policy=NO_CACHE)
def reenrich_batch(settings: Settings, ids: list[str]) -> ReenrichResult:
    """Re-enrich stored statements from their stored text (no network); write only those whose enrichment changed.

    The batch is read, enriched without holding the database, and only the changed statements are
    written, stamped with the enricher version that produced them: a second run writes nothing.
    """
    result = ReenrichResult(examined=len(ids))
    with writing(settings) as connection:
        statements, stored = store_enrichment.stored(connection, ids)
    changed = []
    outcomes = enrich_all([enrichment_input(statement, feed_title) for statement, feed_title in statements], settings)
    for (statement, _), fresh in zip(statements, outcomes, strict=True):
        if isinstance(fresh, Exception):
            logger.warning("enrichment failed for %s: %r", statement.statement_id, fresh)
            result.failed += 1
            continue
        if comparable(fresh) != comparable(stored[statement.statement_id]):
            changed.append((statement.statement_id, statement.categories, fresh))
    if changed:
        with writing(settings) as connection, transaction(connection):
            store_enrichment.write(connection, changed, enrichment.ENRICHER_VERSION, datetime.now(UTC))
    result.changed = len(changed)
    return result
