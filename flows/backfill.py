"""The `backfill` flow: load a site's history for a date window, which its feed no longer lists.

WordPress sites are walked through the REST API (else the paged feed); other feeds give what they
list and the summary says so. The pages go through the stage driver (flows/driver.py) like a
poll's feeds; each page's load moves the walk's checkpoint in the same transaction, so a killed
backfill continues on the next call and a repeated one writes nothing new.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.task_runners import ThreadPoolTaskRunner

from flows.driver import drive
from flows.walking import WalkReports, history_fetches
from govfeeds.errors import DatabaseLocked, LoadFailed
from govfeeds.registry import select_feeds
from govfeeds.settings import Settings
from govfeeds.sources.walk import Walk
from govfeeds.sources.wordpress import REST_PAGE_SIZE
from govfeeds.store import feeds as feed_state
from govfeeds.store import walks as walk_state
from govfeeds.store.connection import writing
from schemas.backfill import BackfillSummary, Window
from schemas.feeds import FeedConfig
from tasks.events import emit_backfill_completed, emit_statement_events
from tasks.load import load_spooled


@flow(name="backfill", task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=True)
def backfill(
    since: date,
    until: date | None = None,
    feed_ids: list[str] | None = None,
    statement_events: bool = False,
    page_size: int = REST_PAGE_SIZE,
    db: str | None = None,
    registry: str | None = None,
) -> BackfillSummary:
    """Load every post published from `since` to `until` (inclusive; open when None) of the given feed ids (all when None).

    `statement_events` emits a created/updated event per statement instead of the one
    govfeeds.backfill.completed event. `db` and `registry` default to GOVFEEDS_DB / GOVFEEDS_FEEDS.
    """
    settings = Settings.for_paths(db, registry)
    window = Window(since=since, until=until)
    feeds = select_feeds(settings.feeds, feed_ids)
    summary = BackfillSummary(window=window)
    try:
        load_spooled(settings)  # pages a killed run spooled but did not load: loading them moves their checkpoints
        walks, resumed, states = _plan(settings, feeds, window, page_size)
        reports = WalkReports(walks, resumed)
        results = drive(history_fetches(walks, states, settings, reports), settings, reports.add_page)
    except DatabaseLocked as error:
        raise LoadFailed(str(error), hint=error.hint, summary=summary) from error
    summary.feeds = reports.add_loads(results)
    if statement_events:
        emit_statement_events(settings, [sid for f in summary.feeds for sid in f.new_ids], [sid for f in summary.feeds for sid in f.updated_ids])
    else:
        emit_backfill_completed(summary)
    get_run_logger().info(summary.headline())
    create_markdown_artifact(markdown=summary.to_markdown(), key="govfeeds-backfill", description=summary.headline())
    return summary


def _plan(settings: Settings, feeds: list[FeedConfig], window: Window, page_size: int):  # noqa: ANN202 - three named parts
    """Each feed's walk and start page (an unfinished walk of the same window resumes), and what its site holds."""
    now = datetime.now(UTC)
    walks, resumed = [], {}
    with writing(settings) as connection:
        states = feed_state.read_states(connection, feeds, held_since=True)
        for feed in feeds:
            checkpoint = walk_state.read_checkpoint(connection, feed.id, window.key)
            if checkpoint and not checkpoint.done:
                walks.append((Walk(feed=feed, window=window, walk_before=checkpoint.walk_before, method=checkpoint.method,
                                   page_size=page_size), checkpoint.next_page))
                resumed[feed.id] = checkpoint.next_page
            else:
                walks.append((Walk(feed=feed, window=window, walk_before=window.before or now, page_size=page_size), 1))
    return walks, resumed, states
