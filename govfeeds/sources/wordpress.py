"""The WordPress REST API source: a site's whole history, 100 posts a page.

A feed lists only the newest few posts. WordPress sites list all of them through
`/wp-json/wp/v2/posts` (100 per page, `X-WP-TotalPages` says how many pages). Every page comes
back as `FeedItem`s, the same shape the feed parser produces, so the same stages take it from
there. A REST post gets the same identity as the same post seen in the feed: its `guid.rendered`
and `link` are exactly what the feed gives as <guid> and <link>; its `content.rendered` is the
post's own HTML, so its page need not be fetched (text_source api_content).
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from urllib.parse import urlencode, urlsplit

import httpx

from govfeeds.settings import Settings
from schemas.feeds import FeedConfig
from schemas.statements import FeedItem, RawDocument
from govfeeds.identity import sha256_hex
from govfeeds.net.http import get
from govfeeds.sources.page import SourcePage, fetch_record

#: Largest page WordPress serves (`per_page` is capped at 100).
REST_PAGE_SIZE = 100


class ApiUnavailable(Exception):
    """The site has no usable REST API (disabled, not WordPress, or not JSON); walk the paged feed instead."""


def site_root(feed: FeedConfig) -> str:
    """scheme://host[:port] of the feed: WordPress serves its REST API and sitemap from the root."""
    parts = urlsplit(feed.url)
    return f"{parts.scheme}://{parts.netloc}"


def rest_url(feed: FeedConfig, *, page: int, per_page: int, after: datetime | None, before: datetime | None) -> str:
    query: dict[str, str | int] = {"per_page": per_page, "page": page, "orderby": "date", "order": "desc", "_embed": "wp:term"}
    if after is not None:
        query["after"] = _wp_time(after)
    if before is not None:
        query["before"] = _wp_time(before)
    return f"{site_root(feed)}/wp-json/wp/v2/posts?{urlencode(query)}"


def _wp_time(moment: datetime) -> str:
    """WordPress reads after/before as ISO 8601 in the site's zone unless an offset is given."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def fetch_rest_page(
    client: httpx.Client, feed: FeedConfig, settings: Settings, *, page: int, per_page: int = REST_PAGE_SIZE,
    after: datetime | None = None, before: datetime | None = None,
) -> SourcePage:
    """One page of `/wp-json/wp/v2/posts`, newest first. Raises ApiUnavailable when there is no API to walk.

    Network failures raise govfeeds.net.http.FetchError, which the caller records and retries on the next call.
    """
    url = rest_url(feed, page=page, per_page=per_page, after=after, before=before)
    requested_at = datetime.now(UTC)
    response = get(client, url, settings, headers={"Accept": "application/json"})
    record = fetch_record(feed, url, requested_at, "api", response)
    if response.status_code == 400 and page > 1:
        # WordPress answers rest_post_invalid_page_number past the last page (posts deleted mid-walk).
        return SourcePage(number=page, items=[], record=record, total_pages=page - 1)
    total_pages = response.headers.get("x-wp-totalpages")
    if response.status_code != 200 or total_pages is None:
        raise ApiUnavailable(f"{url}: HTTP {response.status_code}" + ("" if total_pages else ", no X-WP-TotalPages header"))
    try:
        posts = json.loads(response.body)
    except ValueError as error:
        raise ApiUnavailable(f"{url}: not JSON ({error})") from None
    if not isinstance(posts, list):
        raise ApiUnavailable(f"{url}: expected a JSON list of posts")
    result = SourcePage(
        number=page, items=[], record=record, total_pages=int(total_pages),
        total_items=int(response.headers.get("x-wp-total", "0") or 0),
        raw=RawDocument(sha256=sha256_hex(response.body), url=url, fetched_at=requested_at,
                        content_type=response.content_type, body=response.body),
    )
    for post in posts:
        item, modified = rest_item(post)
        if modified is not None:
            result.modified[len(result.items)] = modified
        result.items.append(item)
    return result


def rest_item(post: dict) -> tuple[FeedItem, datetime | None]:
    """A REST post as the FeedItem the feed would give for it, plus its modification time."""

    def rendered(key: str) -> str | None:
        value = post.get(key)
        value = value.get("rendered") if isinstance(value, dict) else value
        return html.unescape(value).strip() or None if isinstance(value, str) else None

    categories = [
        html.unescape(term["name"])
        for group in (post.get("_embedded") or {}).get("wp:term") or []
        for term in group
        if isinstance(term, dict) and term.get("taxonomy") == "category" and term.get("name")
    ]
    item = FeedItem(
        guid=rendered("guid"),
        link=rendered("link"),
        title=rendered("title"),
        published=_gmt(post.get("date_gmt")),
        content_html=(content := (post.get("content") or {}).get("rendered") or None),
        summary_html=(post.get("excerpt") or {}).get("rendered") or None,
        categories=categories,
        content_source="api_content",
        fetch_page=content is None,
    )
    return item, _gmt(post.get("modified_gmt"))


def _gmt(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        return None
