"""The post URLs a WordPress site lists in `/wp-sitemap.xml`: the listing used when the REST API is off.

WordPress (5.5+) publishes a sitemap index whose `wp-sitemap-posts-post-N.xml` children list every
published post. Reconciliation compares that list with what we hold to find deleted posts.
"""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from govfeeds.settings import Settings
from schemas.feeds import FeedConfig
from schemas.statements import FetchRecord
from govfeeds.net.http import FetchError, get
from govfeeds.sources.wordpress import site_root

_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class SitemapUnavailable(Exception):
    """The site has no readable WordPress sitemap."""


def post_urls(client: httpx.Client, feed: FeedConfig, settings: Settings, log: list[FetchRecord]) -> list[str]:
    """Every post URL in the site's WordPress sitemap, each request appended to `log`.

    Raises SitemapUnavailable when the index or one of its post sitemaps cannot be read: a partial
    listing must never be taken for a complete one (it would mark live posts deleted).
    """
    index = _locs(client, feed, f"{site_root(feed)}/wp-sitemap.xml", "sitemap", settings, log)
    urls: list[str] = []
    for child in index:
        if "-posts-post-" in child:
            urls.extend(_locs(client, feed, child, "url", settings, log))
    return urls


def _locs(client: httpx.Client, feed: FeedConfig, url: str, element: str, settings: Settings, log: list[FetchRecord]) -> list[str]:
    requested_at = datetime.now(UTC)
    try:
        response = get(client, url, settings)
    except FetchError as error:
        log.append(FetchRecord(feed_id=feed.id, url=url, requested_at=requested_at, status_code=None, bytes=None,
                               elapsed_ms=0.0, error=str(error), kind="sitemap"))
        raise SitemapUnavailable(str(error)) from error
    error = None if response.status_code == 200 else f"HTTP {response.status_code}"
    log.append(FetchRecord(feed_id=feed.id, url=url, requested_at=requested_at, status_code=response.status_code,
                           bytes=len(response.body), elapsed_ms=response.elapsed_ms, error=error, kind="sitemap"))
    if error:
        raise SitemapUnavailable(f"{url}: {error}")
    try:
        root = ElementTree.fromstring(response.body)
    except (ElementTree.ParseError, DefusedXmlException) as problem:
        raise SitemapUnavailable(f"{url}: not a sitemap ({problem})") from None
    return [loc.text.strip() for node in root.iter(f"{_NS}{element}") if (loc := node.find(f"{_NS}loc")) is not None and loc.text]
