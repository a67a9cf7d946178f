"""Fetch stage: one conditional GET of a feed."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import httpx
from prefect import task
from prefect.cache_policies import NO_CACHE

from govfeeds.settings import Settings
from schemas.feeds import FeedConfig
from schemas.statements import FeedBatch, FeedState, FetchRecord, RawDocument
from tasks.http import FetchError, get, make_client
from tasks.identity import sha256_hex
from tasks.urls import feed_refusal, resolve

logger = logging.getLogger("govfeeds.fetch")


def conditional_headers(state: FeedState) -> dict[str, str]:
    """The validators the server gave us last time, so an unchanged feed can answer 304."""
    headers: dict[str, str] = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_feeds(feeds: list[FeedConfig], states: dict[str, FeedState], settings: Settings) -> list[FeedBatch]:
    """Fetch a group of feeds concurrently (one Prefect task per group, not per feed)."""
    with make_client(settings) as client, ThreadPoolExecutor(settings.max_concurrent_feeds) as pool:
        return list(pool.map(lambda feed: fetch_feed(client, feed, states[feed.id], settings), feeds))


def fetch_feed(client: httpx.Client, feed: FeedConfig, state: FeedState, settings: Settings) -> FeedBatch:
    """GET the feed with the stored validators and classify the answer.

    304 -> `not_modified`; 200 with the same body hash as last time -> `unchanged` (servers that
    ignore conditional headers cost no parse); another 200 -> `ok` with the body kept as a raw
    document; anything else -> `failed` with the reason. Never raises for network trouble.
    """
    polled_at = datetime.now(UTC)
    batch = FeedBatch(feed=feed, polled_at=polled_at, outcome="failed", etag=state.etag, last_modified=state.last_modified)
    own_addresses = resolve(feed.host)
    try:
        response = get(
            client, feed.url, settings, headers=conditional_headers(state), refuse=lambda hop: feed_refusal(hop, own_addresses)
        )
    except FetchError as error:
        batch.error = str(error) + (f" ({error.attempts} attempts)" if error.attempts > 1 else "")
        batch.retry_after = error.retry_after
        batch.fetch_log.append(
            FetchRecord(
                feed_id=feed.id, url=feed.url, requested_at=polled_at, status_code=None, bytes=None,
                elapsed_ms=(datetime.now(UTC) - polled_at).total_seconds() * 1000, error=str(error), kind="feed",
            )
        )
        logger.warning("%s: %s", feed.id, error)
        return batch
    batch.status_code = response.status_code
    error = None if response.status_code in (200, 304) else f"HTTP {response.status_code}"
    batch.fetch_log.append(
        FetchRecord(
            feed_id=feed.id, url=feed.url, requested_at=polled_at, status_code=response.status_code,
            bytes=len(response.body), elapsed_ms=response.elapsed_ms, error=error, kind="feed",
        )
    )
    if response.status_code == 304:
        batch.outcome = "not_modified"
        batch.body_sha256 = state.last_body_sha256
        return batch
    if error:
        batch.error = error + (f" ({response.attempts} attempts)" if response.attempts > 1 else "")
        if response.retry_after is not None:
            batch.retry_after = response.retry_after
            batch.error += f"; asked to come back after {response.retry_after:%Y-%m-%d %H:%M:%S} UTC"
        return batch
    batch.etag = response.headers.get("etag")
    batch.last_modified = response.headers.get("last-modified")
    batch.body_sha256 = sha256_hex(response.body)
    if batch.body_sha256 == state.last_body_sha256:
        batch.outcome = "unchanged"
        return batch
    batch.outcome = "ok"
    batch.raw_documents.append(
        RawDocument(sha256=batch.body_sha256, url=response.url, fetched_at=polled_at, content_type=response.content_type, body=response.body)
    )
    return batch
