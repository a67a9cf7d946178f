"""Reconciliation: compare what each site lists with what we hold, unconditionally, every N hours.

A WordPress feed's Last-Modified is site-wide: a post published backdated, or a deleted post, does
not move it, so conditional polling never sees either. Reconciliation walks the whole site (the
REST API, else the paged feed) regardless of validators, loading posts not held (the same walk as
a backfill, without its checkpoint), then compares the complete listing (every REST post link,
else `/wp-sitemap.xml`) with the statements held: those gone from the site get `deleted_at`.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from prefect import task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

from govfeeds.database import connect
from govfeeds.settings import Settings
from schemas.backfill import Window
from schemas.feeds import FeedConfig
from schemas.statements import FetchRecord
from tasks.backfill import backfill_feed
from tasks.http import make_client
from tasks.load import mark_deleted
from tasks.sitemap import SitemapUnavailable, post_urls

logger = logging.getLogger("govfeeds.reconcile")


class SiteReconciliation(BaseModel):
    site: str
    feed_id: str
    source: str  # rest, sitemap or none
    listed: int | None = None
    found_new: int = 0
    marked_deleted: int = 0
    restored: int = 0
    new_ids: list[str] = []
    error: str | None = None


def due_feeds(settings: Settings, feeds: list[FeedConfig], every_hours: float) -> list[FeedConfig]:
    """One feed per site whose last reconciliation is older than `every_hours` (or never happened)."""
    connection = connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        checked = dict(connection.execute("SELECT site, checked_at FROM site_listings").fetchall())
    finally:
        connection.close()
    cutoff = datetime.now(UTC) - timedelta(hours=every_hours)
    chosen: dict[str, FeedConfig] = {}
    for feed in feeds:
        last = checked.get(feed.site_name)
        if feed.site_name not in chosen and (last is None or last <= cutoff):
            chosen[feed.site_name] = feed
    return list(chosen.values())


def reconcile_feed(feed: FeedConfig, settings: Settings) -> SiteReconciliation:
    """Walk `feed`'s whole site, load what is missing, mark what is gone, and record the listing."""
    walk = backfill_feed(feed, settings, Window(), resume=False, collect_links=True)
    result = SiteReconciliation(site=feed.site_name, feed_id=feed.id, source="none", found_new=walk.new, new_ids=walk.new_ids)
    links: list[str] = []
    if walk.method == "rest" and walk.complete and not walk.errors:
        result.source, result.listed, links = "rest", walk.listed, walk.links
    else:
        log: list[FetchRecord] = []
        try:
            with make_client(settings) as client:
                links = post_urls(client, feed, settings, log)
            result.source, result.listed = "sitemap", len(links)
        except SitemapUnavailable as error:
            result.error = f"no complete listing (REST: {'; '.join(walk.errors) or walk.note or walk.method}; sitemap: {error})"
    now = datetime.now(UTC)
    connection = connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        if links:
            result.marked_deleted, result.restored = mark_deleted(connection, feed.site_name, feed.host, links, now)
        connection.execute(
            """
            INSERT INTO site_listings VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (site) DO UPDATE SET listed = excluded.listed, source = excluded.source, checked_at = excluded.checked_at,
                marked_deleted = excluded.marked_deleted, found_new = excluded.found_new, error = excluded.error
            """,
            [result.site, result.listed, result.source, now, result.marked_deleted, result.found_new, result.error],
        )
    finally:
        connection.close()
    logger.info("%s: listed %s (%s), found %d new, marked %d deleted", result.site, result.listed, result.source,
                result.found_new, result.marked_deleted)
    return result


@task(name="reconcile", cache_policy=NO_CACHE)
def reconcile_sites(feeds: list[FeedConfig], settings: Settings, every_hours: float) -> list[SiteReconciliation]:
    """Reconcile every site of `feeds` not reconciled in the last `every_hours` (one task for them all)."""
    return [reconcile_feed(feed, settings) for feed in due_feeds(settings, feeds, every_hours)]
