"""The `poll-feeds` flow: one poll cycle over the registry.

Each group of feeds is polled (one conditional GET per feed, the new and changed entries parsed
out) and goes through the stage driver (flows/driver.py): extract, enrich, spool, then one load.
Every new or changed statement is announced as a Prefect event once its load has committed.
"""

from __future__ import annotations

from datetime import UTC, datetime

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.task_runners import ThreadPoolTaskRunner

from flows.driver import Fetches, drive, unwalked
from flows.reconcile import reconcile
from govfeeds import spool
from govfeeds.errors import DatabaseLocked, LoadFailed
from govfeeds.registry import select_feeds
from govfeeds.settings import Settings
from govfeeds.store import feeds as feed_state
from govfeeds.store.connection import writing
from schemas.feeds import FeedConfig
from schemas.statements import FeedBatch, FeedState
from schemas.summary import FeedReport, RunSummary
from tasks.events import emit_stale_events, emit_statement_events
from tasks.fetch import fetch_feeds
from tasks.load import load_spooled


@flow(name="poll-feeds", task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=True)
def poll_feeds(
    db: str | None = None,
    registry: str | None = None,
    feed_ids: list[str] | None = None,
    reconcile_every_hours: float | None = None,
    force: bool = False,
    due: bool = False,
) -> RunSummary:
    """Poll every enabled feed of the registry (or just `feed_ids`) once and load what changed.

    Gone feeds (410) are never polled; feeds backing off after failures (or asked by their server
    to wait) are left out until due, unless `force`; with `due` (the deployment) so are feeds whose
    learned schedule (feeds.next_poll_at) is not yet due. With `reconcile_every_hours`, sites not
    reconciled for that long are then walked in full (the `reconcile` subflow). A run that cannot
    load ends Failed (LoadFailed); what it fetched waits in the spool for the next run. Feeds that
    went stale are announced once (`govfeeds.feed.stale`).
    """
    settings = Settings.for_paths(db, registry)
    feeds = select_feeds(settings.feeds, feed_ids)
    summary = RunSummary()
    try:
        load_spooled(settings)  # batches a previous run fetched but could not load
        states, chosen = _due(settings, feeds, force, due)
        results = drive(_polls(chosen, states, settings), settings, lambda batch: summary.feeds.append(_report(batch)))
    except DatabaseLocked as error:
        _fail(summary, settings, error)
    summary.count(results)
    if reconcile_every_hours is not None:
        sites = reconcile(db=str(settings.db), registry=str(settings.feeds), feed_ids=feed_ids, every_hours=reconcile_every_hours)
        summary.reconciliations = [site.line() for site in sites]
    emit_statement_events(settings, [sid for r in results for sid in r.new_ids], [sid for r in results for sid in r.updated_ids])
    emit_stale_events(settings)
    get_run_logger().info(summary.headline())
    create_markdown_artifact(markdown=summary.to_markdown("govfeeds poll"), key="govfeeds-poll", description=summary.headline())
    return summary


def _due(settings: Settings, feeds: list[FeedConfig], force: bool, due: bool) -> tuple[dict[str, FeedState], list[FeedConfig]]:
    """Each feed's stored state, and the feeds to poll now (govfeeds.store.feeds.select_due says which and why not)."""
    with writing(settings) as connection:
        chosen, left_out = feed_state.select_due(connection, feeds, datetime.now(UTC), due_only=due, force=force)
        states = feed_state.read_states(connection, chosen)
    if left_out:
        get_run_logger().info("not polled: %s", "; ".join(f"{feed_id} {why}" for feed_id, why in sorted(left_out.items())))
    return states, chosen


def _polls(feeds: list[FeedConfig], states: dict[str, FeedState], settings: Settings) -> Fetches:
    for start in range(0, len(feeds), settings.feeds_per_task):
        group = feeds[start : start + settings.feeds_per_task]
        yield fetch_feeds.submit(group, unwalked({feed.id: states[feed.id] for feed in group}), settings)


def _report(batch: FeedBatch) -> FeedReport:
    if batch.moved_to:
        get_run_logger().warning("%s moved: %s answered %s to %s on %d polls in a row; it is polled there now (update the registry)",
                                 batch.feed.id, batch.url, batch.redirect_status, batch.moved_to, batch.redirect_polls)
    if batch.gone:
        get_run_logger().warning("%s is gone (410): it is no longer polled; `govfeeds feeds reset %s` once it is back", batch.feed.id, batch.feed.id)
    return FeedReport(feed_id=batch.feed.id, outcome=batch.outcome, entries=batch.entries_seen, rejected=len(batch.rejects), error=batch.error)


def _fail(summary: RunSummary, settings: Settings, error: DatabaseLocked) -> None:
    """End the run Failed with the lock's message; the artifact and the CLI still show what was fetched."""
    summary.load_error = f"{error} {error.hint}"
    summary.waiting_in_spool = spool.waiting(settings.spool_dir)
    get_run_logger().error("%s", summary.load_error)
    create_markdown_artifact(markdown=summary.to_markdown("govfeeds poll"), key="govfeeds-poll", description=summary.headline())
    raise LoadFailed(str(error), hint=error.hint, summary=summary) from error
