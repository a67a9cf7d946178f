"""Feeds state: what the next poll needs (validators, failures, due times) and what each poll recorded."""

from __future__ import annotations

from datetime import datetime

import duckdb

from govfeeds.net.politeness import failure_backoff
from govfeeds.store import tables
from schemas.feeds import FeedConfig
from schemas.statements import FeedBatch, FeedState


def read_states(connection: duckdb.DuckDBPyConnection, feeds: list[FeedConfig], *, held_since: bool = False) -> dict[str, FeedState]:
    """What the database remembers about each feed: validators, last body hash, the items its site holds.

    Two queries for the whole registry, not two per feed: with hundreds of feeds the per-feed
    round trips were most of a quiet poll's database time. `held_since` also reads when each held
    statement was last updated (walks refresh only posts edited after that).
    """
    rows = {
        feed_id: rest
        for feed_id, *rest in connection.execute(
            "SELECT feed_id, etag, last_modified, last_body_sha256, consecutive_failures FROM feeds WHERE feed_id IN (SELECT UNNEST(?))",
            [[feed.id for feed in feeds]],
        ).fetchall()
    }
    known: dict[str, dict[str, str]] = {feed.site_name: {} for feed in feeds}
    updated: dict[str, dict[str, datetime]] = {feed.site_name: {} for feed in feeds}
    for site, statement_id, item_sha, updated_at in connection.execute(
        f"SELECT site, statement_id, item_sha256, {'updated_at' if held_since else 'NULL'} FROM statements WHERE site IN (SELECT UNNEST(?))",
        [list(known)],
    ).fetchall():
        known[site][statement_id] = item_sha
        if held_since:
            updated[site][statement_id] = updated_at
    states: dict[str, FeedState] = {}
    for feed in feeds:
        state = FeedState(known_items=known[feed.site_name], held_since=updated[feed.site_name])
        if feed.id in rows:
            state.etag, state.last_modified, state.last_body_sha256, state.consecutive_failures = rows[feed.id]
        states[feed.id] = state
    return states


def backing_off(connection: duckdb.DuckDBPyConnection, now: datetime) -> dict[str, datetime]:
    """Feeds whose failure backoff (or a server's Retry-After) makes them not yet due: feed_id -> next_poll_at."""
    return dict(connection.execute("SELECT feed_id, next_poll_at FROM feeds WHERE next_poll_at > ?", [now]).fetchall())


def record_polls(connection: duckdb.DuckDBPyConnection, batches: list[FeedBatch], now: datetime) -> None:
    """Record each batch's poll: its requests (fetch_log), its rejects, and the feed's new state.

    A failed poll keeps the feed's validators and last success, counts one more failure in a row
    and backs the feed off (govfeeds.net.politeness.failure_backoff; a server's Retry-After may
    push it further). Each feed appears at most once in `batches`.
    """
    tables.insert(connection, "fetch_log", [record.model_dump() for batch in batches for record in batch.fetch_log])
    tables.insert(connection, "rejects", [{**reject.model_dump(), "seen_at": now} for batch in batches for reject in batch.rejects])
    walked = [batch.feed for batch in batches if batch.walk is not None]
    if walked:  # a page of a site's history says nothing of the feed's health: only make sure the feed is known
        tables.insert(connection, "feeds", [_registry_row(feed) for feed in walked], conflict="ON CONFLICT (feed_id) DO NOTHING")
    polled = [batch for batch in batches if batch.walk is None]
    if not polled:
        return
    failures = dict(
        connection.execute(
            "SELECT feed_id, consecutive_failures FROM feeds WHERE feed_id IN (SELECT UNNEST(?))", [[b.feed.id for b in polled]]
        ).fetchall()
    )
    rows = []
    for batch in polled:
        feed, failed = batch.feed, batch.outcome == "failed"
        in_a_row = failures.get(feed.id, 0) + 1 if failed else 0
        rows.append(
            {
                **_registry_row(feed), "etag": batch.etag, "last_modified": batch.last_modified,
                "last_body_sha256": batch.body_sha256, "last_polled_at": batch.polled_at,
                "last_success_at": None if failed else batch.polled_at, "last_status": batch.error if failed else batch.outcome,
                "consecutive_failures": in_a_row,
                "next_poll_at": max(filter(None, [batch.polled_at + failure_backoff(in_a_row), batch.retry_after])) if failed else None,
            }
        )
    kept_on_failure = ("etag", "last_modified", "last_body_sha256")
    tables.insert(
        connection, "feeds", rows,
        conflict="ON CONFLICT (feed_id) DO UPDATE SET "
        + ", ".join(
            f"{name} = CASE WHEN excluded.last_success_at IS NULL THEN feeds.{name} ELSE excluded.{name} END" if name in kept_on_failure
            else f"{name} = COALESCE(excluded.{name}, feeds.{name})" if name == "last_success_at"
            else f"{name} = excluded.{name}"
            for name in rows[0] if name != "feed_id"
        ),
    )


def _registry_row(feed: FeedConfig) -> dict[str, object]:
    return {"feed_id": feed.id, "url": feed.url, "site": feed.site_name, "title": feed.title, "country": feed.country,
            "language": feed.language}
