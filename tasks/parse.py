"""Parse stage: feed bytes -> FeedItems, and FeedItems -> identified, de-duplicated candidates."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

import feedparser
from prefect import task
from prefect.cache_policies import NO_CACHE

from schemas.statements import Candidate, FeedBatch, FeedItem, FeedState, Reject
from tasks.identity import sha256_hex, statement_id


class NotAFeed(ValueError):
    """The document is not an RSS, Atom or RDF feed feedparser can read."""


def parse_feed_bytes(body: bytes, *, url: str, content_type: str | None = None) -> list[FeedItem]:
    """Return the entries of a feed document. Raises NotAFeed for anything that is not a feed.

    feedparser's HTML sanitising and relative-URI resolution are switched off: they cost most of
    its time, and extraction turns the HTML into plain text (dropping script and style) anyway.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise NotAFeed(f"not a feed ({type(problem).__name__}: {problem})" if problem else "not a feed: no feed elements found")
    return [_item(entry) for entry in parsed.entries]


def _item(entry: feedparser.FeedParserDict) -> FeedItem:
    content = entry.get("content") or []
    return FeedItem(
        guid=_text(entry.get("id")),
        link=_text(entry.get("link")),
        title=_text(entry.get("title")),
        published=_timestamp(entry.get("published_parsed") or entry.get("updated_parsed")),
        content_html=_text(content[0].get("value")) if content else None,
        summary_html=_text(entry.get("summary")),
        categories=[term for tag in entry.get("tags") or [] if (term := _text(tag.get("term")))],
    )


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _timestamp(value: object) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def item_sha256(item: FeedItem) -> str:
    """Fingerprint of the feed entry itself: if it is unchanged we skip the item without fetching its page."""
    return sha256_hex(
        "\x1f".join(
            [item.title or "", item.link or "", item.published.isoformat() if item.published else "", item.content_html or "", item.summary_html or ""]
        )
    )


@task(name="parse", cache_policy=NO_CACHE)
def parse_feeds(batches: list[FeedBatch], states: dict[str, FeedState]) -> list[FeedBatch]:
    """Parse a group of fetched feeds."""
    return [parse_feed(batch, states[batch.feed.id].known_items) for batch in batches]


def parse_feed(batch: FeedBatch, known_items: dict[str, str]) -> FeedBatch:
    """Parse the fetched feed and keep the entries that are new or changed since the last poll.

    Entries without any identity, and second copies of an identity within one document, become
    rejects; unchanged entries are dropped here so they cost no page fetch and write nothing.
    """
    document = batch.feed_document
    if batch.outcome != "ok" or document is None:
        return batch
    try:
        items = parse_feed_bytes(document.body, url=batch.feed.url, content_type=document.content_type)
    except NotAFeed as error:
        batch.outcome = "failed"
        batch.error = str(error)
        batch.rejects.append(Reject(feed_id=batch.feed.id, item_key=batch.feed.url, stage="parse", reason=str(error)))
        return batch
    batch.entries_seen = len(items)
    seen: set[str] = set()
    for item in items:
        sid = statement_id(batch.feed.site_name, item.guid, item.link, item.title, item.published)
        if sid is None:
            batch.rejects.append(
                Reject(feed_id=batch.feed.id, item_key=None, stage="parse", reason="entry has no guid, link or title")
            )
            continue
        if sid in seen:
            batch.rejects.append(
                Reject(
                    feed_id=batch.feed.id,
                    item_key=item.key,
                    stage="parse",
                    reason="duplicate entry: same guid and link as an earlier entry of this document",
                )
            )
            continue
        seen.add(sid)
        fingerprint = item_sha256(item)
        if known_items.get(sid) == fingerprint:
            continue
        batch.candidates.append(Candidate(statement_id=sid, item_sha256=fingerprint, item=item))
    return batch
