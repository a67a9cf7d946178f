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
            f"SELECT feed_id, {', '.join(_STATE_COLUMNS)} FROM feeds WHERE feed_id IN (SELECT UNNEST(?))",
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
            for name, value in zip(_STATE_COLUMNS, rows[feed.id]):
                setattr(state, name, value)
            state.redirect_polls = state.redirect_polls or 0
            if state.url == feed.url:
                state.url = None
        states[feed.id] = state
    return states


#: feeds columns a poll reads back into its FeedState (same names).
_STATE_COLUMNS = ("etag", "last_modified", "last_body_sha256", "consecutive_failures", "url", "redirect_url", "redirect_status",
                  "redirect_polls", "last_entries", "entry_gap_seconds", "newest_entry_at", "hint_seconds")


def select_due(connection: duckdb.DuckDBPyConnection, feeds: list[FeedConfig], now: datetime, *, due_only: bool = False,
               force: bool = False) -> tuple[list[FeedConfig], dict[str, str]]:
    """The feeds to poll now, and why each other one is left out (feed_id -> reason).

    A feed whose registry URL changed is reset first (reset_feeds). A gone feed (410) is never
    polled; one backing off after failures (or a server's Retry-After) waits unless `force`;
    with `due_only` (the poll-feeds deployment) a feed also waits for its learned next_poll_at.
    """
    stored = {
        feed_id: rest
        for feed_id, *rest in connection.execute(
            "SELECT feed_id, coalesce(registry_url, url), gone_at, consecutive_failures, next_poll_at FROM feeds "
            "WHERE feed_id IN (SELECT UNNEST(?))", [[feed.id for feed in feeds]],
        ).fetchall()
    }
    changed = [feed for feed in feeds if feed.id in stored and stored[feed.id][0] != feed.url]
    reset_feeds(connection, changed)
    for feed in changed:
        stored.pop(feed.id)
    chosen: list[FeedConfig] = []
    left_out: dict[str, str] = {}
    for feed in feeds:
        _, gone_at, failures, next_poll_at = stored.get(feed.id, (None, None, 0, None))
        waiting = next_poll_at is not None and next_poll_at > now
        if gone_at is not None:
            left_out[feed.id] = f"gone (410 on {gone_at:%Y-%m-%d}); `govfeeds feeds reset {feed.id}` polls it again"
        elif waiting and failures and not force:
            left_out[feed.id] = f"backing off after failures until {next_poll_at:%Y-%m-%d %H:%M} UTC"
        elif waiting and due_only and not force:
            left_out[feed.id] = f"not due until {next_poll_at:%Y-%m-%d %H:%M} UTC"
        else:
            chosen.append(feed)
    return chosen, left_out


def reset_feeds(connection: duckdb.DuckDBPyConnection, feeds: list[FeedConfig]) -> list[str]:
    """Forget each feed's gone mark, move, suspicion, failures, backoff and validators: it is polled afresh from its registry URL.

    Returns the ids that had a row (a feed never polled has nothing to forget).
    """
    if not feeds:
        return []
    known = {feed_id for (feed_id,) in connection.execute(
        "SELECT feed_id FROM feeds WHERE feed_id IN (SELECT UNNEST(?))", [[feed.id for feed in feeds]]).fetchall()}
    cleared = dict.fromkeys(("gone_at", "suspect", "redirect_url", "redirect_status", "redirect_polls", "next_poll_at", "etag",
                             "last_modified", "last_body_sha256"))
    tables.update(connection, "feeds", "feed_id",
                  [{"feed_id": feed.id, "url": feed.url, "registry_url": feed.url, "consecutive_failures": 0, **cleared}
                   for feed in feeds if feed.id in known])
    return sorted(known)


def newly_stale(connection: duckdb.DuckDBPyConnection, now: datetime) -> list[dict[str, object]]:
    """Feeds that have become stale since their silence was last announced, marked announced now: each event's payload."""
    rows = connection.execute(
        """
        UPDATE feeds SET stale_announced_at = ?
        WHERE stale_after < ? AND gone_at IS NULL AND (stale_announced_at IS NULL OR stale_announced_at < stale_after)
        RETURNING feed_id, url, site, newest_entry_at, stale_after, entry_gap_seconds
        """,
        [now, now],
    ).fetchall()
    return [
        {"feed_id": feed_id, "url": url, "site": site, "newest_entry_at": newest.isoformat() if newest else None,
         "stale_since": since.isoformat(), "usual_gap_hours": round(gap / 3600, 1) if gap else None}
        for feed_id, url, site, newest, since, gap in sorted(rows)
    ]


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
        backoff = max(filter(None, [batch.polled_at + failure_backoff(in_a_row), batch.retry_after])) if failed else None
        rows.append(
            {
                **_registry_row(feed), "url": batch.moved_to or batch.url or feed.url,
                "etag": batch.etag, "last_modified": batch.last_modified,
                "last_body_sha256": batch.body_sha256, "last_polled_at": batch.polled_at,
                "last_success_at": None if failed else batch.polled_at, "last_status": batch.error if failed else batch.outcome,
                "consecutive_failures": in_a_row,
                "next_poll_at": None if batch.gone else backoff if failed else batch.next_poll_at,
                "gone_at": batch.polled_at if batch.gone else None, "suspect": batch.suspect,
                "redirect_url": None if batch.moved_to else batch.redirect_url, "redirect_status": batch.redirect_status,
                "redirect_polls": 0 if batch.moved_to else batch.redirect_polls,
                **{name: getattr(batch, name) for name in _KEPT_UNTIL_PARSED}, "last_entries": batch.entries_listed,
            }
        )
    tables.insert(
        connection, "feed_url_changes",
        [{"feed_id": b.feed.id, "old_url": b.url or b.feed.url, "new_url": b.moved_to, "status_code": b.redirect_status,
          "changed_at": b.polled_at} for b in polled if b.moved_to],
    )
    kept_on_failure = ("etag", "last_modified", "last_body_sha256")
    tables.insert(
        connection, "feeds", rows,
        conflict="ON CONFLICT (feed_id) DO UPDATE SET "
        + ", ".join(
            f"{name} = CASE WHEN excluded.last_success_at IS NULL THEN feeds.{name} ELSE excluded.{name} END" if name in kept_on_failure
            else f"{name} = COALESCE(excluded.{name}, feeds.{name})" if name in ("last_success_at", "last_entries", *_KEPT_UNTIL_PARSED)
            else f"{name} = excluded.{name}"
            for name in rows[0] if name != "feed_id"
        ),
    )


#: What a parsed body teaches about the feed's cadence: kept through 304s and failures until the next parse.
_KEPT_UNTIL_PARSED = ("entry_gap_seconds", "newest_entry_at", "hint_seconds", "stale_after")


def _registry_row(feed: FeedConfig) -> dict[str, object]:
    return {"feed_id": feed.id, "url": feed.url, "registry_url": feed.url, "site": feed.site_name, "title": feed.title, "country": feed.country,
            "language": feed.language}
