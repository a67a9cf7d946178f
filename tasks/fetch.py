"""Fetch stage: a group of feeds polled, or a run of a walk's pages, as one Prefect task."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from prefect import task
from prefect.cache_policies import NO_CACHE

from govfeeds import sources
from govfeeds.net.http import make_client
from govfeeds.settings import Settings
from govfeeds.sources.walk import Walk, fetch_page
from schemas.feeds import FeedConfig
from schemas.statements import FeedBatch, FeedState


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_feeds(feeds: list[FeedConfig], states: dict[str, FeedState], settings: Settings) -> list[FeedBatch]:
    """Poll a group of feeds concurrently (one Prefect task per group, not per feed): their new and changed items."""
    with make_client(settings) as client, ThreadPoolExecutor(settings.max_concurrent_feeds) as pool:
        return list(pool.map(lambda feed: sources.poll(client, feed, states[feed.id], settings), feeds))


@task(name="fetch-history", cache_policy=NO_CACHE)
def fetch_history(walk: Walk, numbers: list[int], state: FeedState, seen: set[str], settings: Settings) -> list[FeedBatch]:
    """Fetch pages `numbers` of a walk in turn, stopping after the last one."""
    batches: list[FeedBatch] = []
    with make_client(settings) as client:
        for number in numbers:
            batches.append(fetch_page(client, walk, number, state, seen, settings))
            if batches[-1].walk.last:
                break
    return batches
