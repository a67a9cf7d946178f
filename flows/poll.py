"""The `poll-feeds` flow: one poll cycle over the registry.

Feeds are taken in groups; per group, fetch -> parse -> extract -> enrich run as Prefect tasks
(one task per stage per group of feeds, never per statement: a task costs ~12 ms of orchestration).
Each feed's finished batch is spooled to disk as its group completes, then all batches are loaded into DuckDB, one
transaction per feed, while this process holds the write connection for just that long.
"""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.utilities.annotations import opaque
from prefect.task_runners import ThreadPoolTaskRunner

from govfeeds.database import DatabaseLocked, connect
from govfeeds.memory import release_free_memory
from govfeeds.registry import load_registry
from govfeeds.settings import Settings
from schemas.summary import FeedReport, RunSummary
from tasks import spool
from tasks.enrich import enrich_statements
from tasks.extract import extract_statements
from tasks.fetch import fetch_feeds
from tasks.events import emit_statement_events
from tasks.load import LoadResult, load_spooled, read_feed_states
from tasks.parse import parse_feeds
from tasks.politeness import feeds_backing_off
from tasks.reconcile import reconcile_sites

FETCHES_AHEAD = 4  # the task runner's workers: a steady poll's 304s are fetched four groups at a time
GROUPS_IN_FLIGHT = 2  # one group's pages are fetched while another is enriched


def _settings(db: str | None, feeds: str | None) -> Settings:
    overrides = {key: Path(value) for key, value in (("db", db), ("feeds", feeds)) if value}
    return Settings(**overrides)


@flow(name="poll-feeds", task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=True)
def poll_feeds(
    db: str | None = None,
    feeds: str | None = None,
    feed_ids: list[str] | None = None,
    reconcile_every_hours: float | None = None,
    force: bool = False,
) -> RunSummary:
    """Poll every enabled feed of the registry (or just `feed_ids`) once and load what changed.

    With `reconcile_every_hours`, sites not reconciled for that long are also walked in full
    (tasks/reconcile.py): backdated posts are loaded and deleted ones marked. Every new or changed
    statement is announced as a Prefect event once its load has committed. Feeds backing off after
    failures (or asked by their server to wait) are left out until due, unless `force`.
    """
    settings = _settings(db, feeds)
    logger = get_run_logger()
    registry = [feed for feed in load_registry(settings.feeds) if not feed_ids or feed.id in feed_ids]
    summary = RunSummary()
    try:
        load_spooled(settings)  # batches a previous run fetched but could not load
        connection = connect(
            settings.db, wait_seconds=settings.lock_wait_seconds,
            on_wait=lambda holder, pause: logger.warning("database %s is locked by %s; retrying in %.1fs", settings.db, holder, pause),
        )
    except DatabaseLocked as error:
        summary.load_error = str(error)
        summary.waiting_in_spool = len(spool.pending(settings.spool_dir))
        logger.error("%s", error)
        return summary
    try:
        states = read_feed_states(connection, registry)
        ids = {feed.id for feed in registry}
        backing_off = {} if force else {k: v for k, v in feeds_backing_off(connection, datetime.now(UTC)).items() if k in ids}
    finally:
        connection.close()
    if backing_off:
        registry = [feed for feed in registry if feed.id not in backing_off]
        logger.info(
            "not due yet (backing off after failures): %s",
            ", ".join(f"{feed_id} until {when:%Y-%m-%d %H:%M} UTC" for feed_id, when in sorted(backing_off.items())),
        )

    # A sliding window of groups: FETCHES_AHEAD being fetched, GROUPS_IN_FLIGHT being parsed,
    # extracted and enriched. Each finished group is spooled and let go of (with its pages), so
    # memory holds the window, not the run: a 20 000-statement backfill needs no more than a
    # 5 000 one (bench/), while one group's page fetches still overlap another's enrichment.
    waiting = deque(_groups(registry, settings.feeds_per_task))
    fetching = deque(fetch_feeds.submit(waiting.popleft(), _unwalked(states), settings) for _ in range(min(FETCHES_AHEAD, len(waiting))))
    processing: deque = deque()
    while fetching or processing:
        if fetching and len(processing) < GROUPS_IN_FLIGHT:
            processing.append(_process(fetching.popleft(), states, settings))
            if waiting:
                fetching.append(fetch_feeds.submit(waiting.popleft(), _unwalked(states), settings))
            continue
        for batch in processing.popleft().result():
            spool.write(settings.spool_dir, batch)
            summary.feeds.append(
                FeedReport(feed_id=batch.feed.id, outcome=batch.outcome, entries=batch.entries_seen, rejected=len(batch.rejects), error=batch.error)
            )
        release_free_memory()

    try:
        results = load_spooled(settings)
    except DatabaseLocked as error:
        summary.load_error = str(error)
        summary.waiting_in_spool = len(spool.pending(settings.spool_dir))
        logger.error("%s", error)
        results = []
    _count_loads(summary, results)
    new_ids = [sid for result in results for sid in result.new_ids]
    updated_ids = [sid for result in results for sid in result.updated_ids]
    if reconcile_every_hours is not None and not summary.load_error:
        try:
            for site in reconcile_sites(registry, settings, reconcile_every_hours):
                new_ids.extend(site.new_ids)
                summary.reconciliations.append(
                    f"{site.site}: listed {site.listed} ({site.source}), found {site.found_new} new, "
                    f"marked {site.marked_deleted} deleted" + (f"; {site.error}" if site.error else "")
                )
        except DatabaseLocked as error:
            logger.error("reconciliation skipped: %s", error)
    if new_ids or updated_ids:
        emit_statement_events(settings, new_ids, updated_ids)
    logger.info(summary.headline())
    create_markdown_artifact(markdown=summary.to_markdown("govfeeds poll"), key="govfeeds-poll", description=summary.headline())
    return summary


def _process(fetched: PrefectFuture, states: dict, settings: Settings) -> PrefectFuture:
    """Parse, extract and enrich a fetched group; the future of its finished batches.

    A group whose feeds all answered 304, the same body, or an error has nothing to parse:
    its batches go straight to the spool, without three more task runs.
    """
    if not any(batch.outcome == "ok" for batch in fetched.result()):
        return fetched
    parsed = parse_feeds.submit(_unwalked(fetched), _unwalked(states))
    extracted = extract_statements.submit(_unwalked(parsed), settings)
    return enrich_statements.submit(_unwalked(extracted))


def _unwalked(value: object) -> object:
    """`value` as a task argument that Prefect passes on without walking into it.

    By default Prefect walks every argument looking for futures, into every field of every
    statement: ~0.4 s per stage per 2 500 statements, on the GIL. `opaque` skips the walk, but
    prefect-dask 0.3.7 hands it to Dask, which turns the annotation into a plain tuple, so it is
    only used on the default thread-pool runner.
    """
    context = FlowRunContext.get()
    return opaque(value) if context and isinstance(context.task_runner, ThreadPoolTaskRunner) else value


def _groups(feeds: list, size: int) -> list[list]:
    return [feeds[start : start + size] for start in range(0, len(feeds), size)]


def _count_loads(summary: RunSummary, results: list[LoadResult]) -> None:
    by_feed = {report.feed_id: report for report in summary.feeds}
    for result in results:
        report = by_feed.get(result.feed_id)
        if report is not None:
            report.new += result.new
            report.updated += result.updated
