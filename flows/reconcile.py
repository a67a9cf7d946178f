"""The `reconcile` flow: compare what each site lists with what we hold, unconditionally, every N hours.

A WordPress feed's Last-Modified is site-wide: a post published backdated, or a deleted post, does
not move it, so conditional polling never sees either. Reconciliation walks each due site in full
through the stage driver (the REST API, else the paged feed; no window, no checkpoint), loading
posts not held, then compares the complete listing (every REST post link, else `/wp-sitemap.xml`)
with the statements held: those gone from the site get `deleted_at`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from flows.driver import drive
from flows.walking import WalkReports, history_fetches
from govfeeds.net.http import make_client
from govfeeds.registry import select_feeds
from govfeeds.settings import Settings
from govfeeds.sources.sitemap import SitemapUnavailable, post_urls
from govfeeds.sources.walk import Walk
from govfeeds.store import feeds as feed_state
from govfeeds.store import statements, walks
from govfeeds.store.connection import writing
from schemas.backfill import FeedBackfill, SiteReconciliation, Window
from schemas.feeds import FeedConfig
from tasks.events import emit_statement_events


@flow(name="reconcile", task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=True)
def reconcile(db: str | None = None, registry: str | None = None, feed_ids: list[str] | None = None,
              every_hours: float = 0.0) -> list[SiteReconciliation]:
    """Reconcile every site of the registry (or of `feed_ids`) not reconciled in the last `every_hours`."""
    settings = Settings.for_paths(db, registry)
    now = datetime.now(UTC)
    with writing(settings) as connection:
        checked = walks.reconciled_at(connection)
        due = _due(select_feeds(settings.feeds, feed_ids), checked, now - timedelta(hours=every_hours))
        states = feed_state.read_states(connection, due, held_since=True)
    plan = [(Walk(feed=feed, window=Window(), walk_before=now, checkpointed=False), 1) for feed in due]
    reports = WalkReports(plan, {})
    results = drive(history_fetches(plan, states, settings, reports), settings, reports.add_page)
    sites = [_judge(feed, report, settings) for feed, report in zip(due, reports.add_loads(results), strict=True)]
    emit_statement_events(settings, [sid for site in sites for sid in site.new_ids], [])
    for site in sites:
        get_run_logger().info(site.line())
    return sites


def _due(feeds: list[FeedConfig], checked: dict[str, datetime], cutoff: datetime) -> list[FeedConfig]:
    """One feed per site whose last reconciliation is older than the cutoff (or never happened)."""
    chosen: dict[str, FeedConfig] = {}
    for feed in feeds:
        last = checked.get(feed.site_name)
        if feed.site_name not in chosen and (last is None or last <= cutoff):
            chosen[feed.site_name] = feed
    return list(chosen.values())


@task(name="judge-listing", cache_policy=NO_CACHE)
def _judge(feed: FeedConfig, walk: FeedBackfill, settings: Settings) -> SiteReconciliation:
    """The site's complete listing (its REST walk, else its sitemap) against what is held; record the result."""
    result = SiteReconciliation(site=feed.site_name, feed_id=feed.id, found_new=walk.new, new_ids=walk.new_ids)
    links: list[str] = []
    if walk.method == "rest" and walk.complete and not walk.errors:
        result.source, result.listed, links = "rest", walk.listed, walk.links
    else:
        try:
            with make_client(settings) as client:
                links = post_urls(client, feed, settings, [])
            result.source, result.listed = "sitemap", len(links)
        except SitemapUnavailable as error:
            result.error = f"no complete listing (REST: {'; '.join(walk.errors) or walk.note or walk.method}; sitemap: {error})"
    now = datetime.now(UTC)
    with writing(settings) as connection:
        if links:
            result.marked_deleted, result.restored = statements.mark_deleted(connection, feed.site_name, feed.host, links, now)
        walks.record_listing(connection, {"site": result.site, "listed": result.listed, "source": result.source, "checked_at": now,
                                          "marked_deleted": result.marked_deleted, "found_new": result.found_new, "error": result.error})
    return result
