"""The `backfill` flow: load a site's history for a date window, which its feed no longer lists.

WordPress sites are walked through the REST API (else the paged feed); other feeds give what they
list and the summary says so. One task per feed; the walk inside it is checkpointed per page, so a
killed backfill continues on the next call and a repeated one writes nothing new.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from govfeeds.database import DatabaseLocked
from govfeeds.registry import load_registry
from govfeeds.settings import Settings
from schemas.backfill import BackfillSummary, FeedBackfill, Window
from schemas.feeds import FeedConfig
from tasks.backfill import backfill_feed
from tasks.events import emit_backfill_completed, emit_statement_events
from tasks.load import load_spooled
from tasks.wordpress_api import REST_PAGE_SIZE


def flow_settings(db: str | None, registry: str | None) -> Settings:
    overrides = {key: Path(value) for key, value in (("db", db), ("feeds", registry)) if value}
    return Settings(**overrides)


@task(name="backfill-feed", cache_policy=NO_CACHE)
def backfill_feed_task(feed: FeedConfig, settings: Settings, window: Window, page_size: int) -> FeedBackfill:
    return backfill_feed(feed, settings, window, page_size=page_size)


@flow(name="backfill", log_prints=True)
def backfill(
    since: date,
    until: date | None = None,
    feeds: list[str] | None = None,
    statement_events: bool = False,
    page_size: int = REST_PAGE_SIZE,
    db: str | None = None,
    registry: str | None = None,
) -> BackfillSummary:
    """Load every post published from `since` to `until` (inclusive; open when None) of the given feed ids (all when None).

    `statement_events` emits a created/updated event per statement instead of the one
    govfeeds.backfill.completed event. `db` and `registry` default to GOVFEEDS_DB / GOVFEEDS_FEEDS.
    """
    settings = flow_settings(db, registry)
    logger = get_run_logger()
    window = Window(since=since, until=until)
    chosen = [feed for feed in load_registry(settings.feeds) if not feeds or feed.id in feeds]
    unknown = sorted(set(feeds or []) - {feed.id for feed in chosen})
    if unknown:
        raise ValueError(f"no enabled feed with id {', '.join(unknown)} in {settings.feeds}")
    summary = BackfillSummary(window=window)
    load_spooled(settings)  # batches a killed run spooled but did not load
    walked_sites: dict[str, str] = {}
    for feed in chosen:
        if feed.site_name in walked_sites:
            summary.feeds.append(FeedBackfill(feed_id=feed.id, method="skipped", complete=True,
                                              note=f"site {feed.site_name} already walked for feed {walked_sites[feed.site_name]}"))
            continue
        try:
            report = backfill_feed_task(feed, settings, window, page_size)
        except DatabaseLocked as error:
            report = FeedBackfill(feed_id=feed.id, errors=[str(error)])
        if report.method == "rest":
            walked_sites[feed.site_name] = feed.id
        summary.feeds.append(report)
    if statement_events:
        emit_statement_events(
            settings, [sid for f in summary.feeds for sid in f.new_ids], [sid for f in summary.feeds for sid in f.updated_ids]
        )
    else:
        emit_backfill_completed(summary)
    logger.info(summary.headline())
    create_markdown_artifact(markdown=summary.to_markdown(), key="govfeeds-backfill", description=summary.headline())
    return summary
