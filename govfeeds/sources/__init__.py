"""Where statements come from, behind one seam.

Every feed is polled through its RSS/Atom feed (`rss.poll`). A site's history is walked page by
page (`walk.fetch_page`) with the first of its kind's history sources that answers: the WordPress
REST API (`wordpress.rest_page`) or the paged feed (`rss.feed_page`). A complete listing of a
site's posts, for reconciliation, comes from the REST walk or else the sitemap (`sitemap.post_urls`).
A new source is one module returning `page.SourcePage`s plus its line in `HISTORY` and `history_methods`.
"""

from __future__ import annotations

from collections.abc import Callable

from govfeeds.sources import rss, wordpress
from govfeeds.sources.page import SourcePage
from schemas.feeds import FeedConfig

#: History source name -> the function fetching page N of it: (client, feed, settings, page, per_page, after, before).
HISTORY: dict[str, Callable[..., SourcePage]] = {
    "rest": lambda client, feed, settings, page, per_page, after, before: wordpress.fetch_rest_page(
        client, feed, settings, page=page, per_page=per_page, after=after, before=before),
    "paged_feed": lambda client, feed, settings, page, per_page, after, before: rss.feed_page(client, feed, settings, page=page),
}


def history_methods(feed: FeedConfig) -> tuple[str, ...]:
    """The history sources to try for `feed`, best first."""
    return {"rss": ("paged_feed",), "wordpress": ("rest",)}.get(feed.kind, ("rest", "paged_feed"))


poll = rss.poll

__all__ = ["HISTORY", "SourcePage", "history_methods", "poll"]
