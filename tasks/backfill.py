"""Backfill one feed: walk its site's history page by page through the existing stages.

Each page (100 REST posts, or one page of the paged feed) becomes a FeedBatch of candidates and goes
through extract -> enrich -> spool -> load like a poll's batch, then the checkpoint in
`backfill_checkpoints` moves past it. A killed backfill therefore continues from the first page not
loaded; a page loaded twice writes nothing twice (the load diffs against what is held).

Only statements the database lacks are added. A statement already held is refreshed only when the
REST API says the post was modified after we stored it (the paged feed gives no modification time;
edits of posts still in the feed are the poll's job), so a backfill never turns a statement read
from its page into a new version read from another source.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from govfeeds.database import connect, limit_memory
from govfeeds.settings import Settings
from schemas.backfill import FeedBackfill, Window
from schemas.feeds import FeedConfig
from schemas.statements import Candidate, FeedBatch, FeedState, FetchRecord, Reject
from tasks import spool
from tasks.enrich import enrich_batch
from tasks.extract import extract_batch
from tasks.http import FetchError, make_client
from tasks.identity import statement_id
from tasks.load import LoadResult, load_batch, within_memory_limit
from tasks.parse import NotAFeed, item_sha256
from tasks.wordpress_api import REST_PAGE_SIZE, ApiUnavailable, WalkPage, fetch_feed_page, fetch_rest_page, paged_feed_url

logger = logging.getLogger("govfeeds.backfill")


@dataclass(frozen=True)
class Held:
    updated_at: datetime


@dataclass
class Checkpoint:
    method: str
    walk_before: datetime
    next_page: int
    total_pages: int | None
    done: bool


def backfill_feed(
    feed: FeedConfig, settings: Settings, window: Window, *, page_size: int = REST_PAGE_SIZE,
    resume: bool = True, collect_links: bool = False,
) -> FeedBackfill:
    """Walk `feed`'s site for posts published in `window` and load the ones not held.

    With `resume`, progress is kept in backfill_checkpoints and an unfinished walk of the same
    window continues where it stopped. With `collect_links`, every post link walked is returned in
    the report (reconciliation compares them with what is held).
    """
    report = FeedBackfill(feed_id=feed.id)
    held, state = _read_held(settings, feed)
    checkpoint = _read_checkpoint(settings, feed, window) if resume else None
    now = datetime.now(UTC)
    if checkpoint and not checkpoint.done:
        walk_before, page_number, method = checkpoint.walk_before, checkpoint.next_page, checkpoint.method
        report.resumed_from = page_number
    else:
        walk_before, page_number, method = window.before or now, 1, "rest"
    seen: set[str] = set()
    last_fresh_page = 0
    with make_client(settings) as client:
        page = _first_page(client, feed, settings, report, method, page_number, page_size, window, walk_before)
        if page is None:
            return report
        if page.number != page_number:  # the REST API went away since the checkpoint: the feed walk starts over
            report.resumed_from = None
        while True:
            report.pages += 1
            report.entries += len(page.items)
            if page.total_items is not None:
                report.listed = page.total_items
            if collect_links:
                report.links.extend(item.link for item in page.items if item.link)
            batch, fresh = _page_batch(feed, state, page, held, seen, window, walk_before, report.method)
            result = _extract_and_load(batch, client, settings, report.method) if batch.candidates or batch.rejects else None
            if fresh:
                last_fresh_page = page.number
            # The paged feed is newest first: stop at a page that adds nothing (a server ignoring
            # ?paged=) or whose posts are all older than the window.
            last = page.is_last or (
                report.method == "paged_feed"
                and (not fresh or all(_older(item.published, window) for item in page.items))
            )
            _save_checkpoint(settings, feed, window, report.method, walk_before, page, last, resume)
            if result is not None:
                _count(report, result, held)
            logger.info(
                "%s: page %d%s, new %d, updated %d", feed.id, page.number,
                f"/{page.total_pages}" if page.total_pages else "", report.new, report.updated,
                extra={"govfeeds_progress": {"feed": feed.id, "page": page.number, "total": page.total_pages, "new": report.new}},
            )
            if last:
                report.complete = True
                break
            page = _fetch(client, feed, settings, report, report.method, page.number + 1, page_size, window, walk_before)
            if page is None:
                break
    if report.method == "paged_feed" and report.complete and last_fresh_page <= 1 and (report.resumed_from or 1) == 1:
        report.method = "feed"
        report.note = "; ".join(
            filter(None, [report.note, f"the feed does not page: only the {len(seen)} entries it lists were taken"])
        )
    return report


def _older(moment: datetime | None, window: Window) -> bool:
    return moment is not None and window.after is not None and moment < window.after


def _first_page(
    client: httpx.Client, feed: FeedConfig, settings: Settings, report: FeedBackfill, method: str, number: int,
    page_size: int, window: Window, walk_before: datetime,
) -> WalkPage | None:
    """The first page to walk, choosing the method: the REST API when it answers, else the paged feed."""
    if method == "rest":
        try:
            page = fetch_rest_page(client, feed, settings, page=number, per_page=page_size, after=window.after, before=walk_before)
            report.method = "rest"
            return page
        except ApiUnavailable as error:
            logger.info("%s: no REST API (%s); walking the paged feed", feed.id, error)
            report.note = f"REST API unavailable ({error}); walked the feed"
            number = 1
        except FetchError as error:
            report.errors.append(str(error))
            return None
    report.method = "paged_feed"
    return _fetch(client, feed, settings, report, "paged_feed", number, page_size, window, walk_before)


def _fetch(
    client: httpx.Client, feed: FeedConfig, settings: Settings, report: FeedBackfill, method: str, number: int,
    page_size: int, window: Window, walk_before: datetime,
) -> WalkPage | None:
    """The next page, or None when the walk must stop on an error (reported; the checkpoint stays).

    Past the feed's first page an error or a non-feed means the feed does not page further: an
    empty last page, not an error.
    """
    try:
        if method == "rest":
            return fetch_rest_page(client, feed, settings, page=number, per_page=page_size, after=window.after, before=walk_before)
        return fetch_feed_page(client, feed, settings, page=number)
    except (ApiUnavailable, FetchError, NotAFeed) as error:
        if method == "paged_feed" and number > 1:
            record = FetchRecord(feed_id=feed.id, url=paged_feed_url(feed, number), requested_at=datetime.now(UTC),
                                 status_code=None, bytes=None, elapsed_ms=0.0, error=str(error), kind="feed")
            return WalkPage(number=number, items=[], record=record)
        report.errors.append(str(error))
        return None


def _page_batch(
    feed: FeedConfig, state: FeedState, page: WalkPage, held: dict[str, Held], seen: set[str], window: Window,
    walk_before: datetime, method: str,
) -> tuple[FeedBatch, int]:
    """The page as a FeedBatch of candidates (posts not held, or changed since stored), and how many of
    its posts this walk had not seen on an earlier page."""
    batch = FeedBatch(
        feed=feed, polled_at=datetime.now(UTC), outcome="ok", etag=state.etag, last_modified=state.last_modified,
        body_sha256=state.last_body_sha256, entries_seen=len(page.items), fetch_log=[page.record],
    )
    fresh = 0
    for index, item in enumerate(page.items):
        sid = statement_id(feed.site_name, item.guid, item.link, item.title, item.published)
        if sid is None:
            batch.rejects.append(Reject(feed_id=feed.id, item_key=None, stage="parse", reason="entry has no guid, link or title"))
            continue
        if sid in seen:
            continue
        seen.add(sid)
        fresh += 1
        if not window.holds(item.published, walk_before if method == "rest" else window.before):
            continue
        fingerprint = item_sha256(item)
        known = held.get(sid)
        if known is not None:
            modified = page.modified.get(index)
            if modified is None or modified <= known.updated_at:
                continue  # held and not edited since: leave it (and its page text) alone
        batch.candidates.append(Candidate(statement_id=sid, item_sha256=fingerprint, item=item))
    if page.raw is not None and batch.candidates:
        batch.raw_documents.append(page.raw)
    return batch, fresh


def _extract_and_load(batch: FeedBatch, client: httpx.Client, settings: Settings, method: str) -> LoadResult:
    """Extract (REST posts with content skip their page: text_source api_content), enrich, spool, load."""
    candidates = batch.candidates
    from_api = [c for c in candidates if c.item.content_html] if method == "rest" else []
    needing_pages = [c for c in candidates if c not in from_api]
    if from_api:
        batch.candidates = from_api
        extract_batch(batch, client, settings.model_copy(update={"max_pages_per_feed": 0}))
        for statement in batch.statements:
            if statement.text_source == "feed_content":
                statement.text_source = "api_content"
    if needing_pages:
        batch.candidates = needing_pages
        extract_batch(batch, client, settings)
    batch.candidates = []
    enrich_batch(batch)
    path = spool.write(settings.spool_dir, batch)
    connection = connect(settings.db, wait_seconds=settings.lock_wait_seconds, on_wait=_say_waiting)
    limit_memory(connection, settings.load_memory_limit)
    try:
        result = within_memory_limit(connection, settings, batch.feed.id, lambda: load_batch(connection, batch))
    finally:
        connection.close()
    path.unlink()
    return result


def _count(report: FeedBackfill, result: LoadResult, held: dict[str, Held]) -> None:
    report.new += result.new
    report.updated += result.updated
    report.rejected += result.rejected
    report.new_ids.extend(result.new_ids)
    report.updated_ids.extend(result.updated_ids)
    now = datetime.now(UTC)
    for sid in (*result.new_ids, *result.updated_ids):
        held[sid] = Held(updated_at=now)


def _say_waiting(holder: str, pause: float) -> None:
    logger.warning("database is locked by %s; retrying in %.1fs", holder, pause)


def _read_held(settings: Settings, feed: FeedConfig) -> tuple[dict[str, Held], FeedState]:
    """Statements held for the feed's site, and the feed's poll state (kept as is by backfill loads)."""
    connection = connect(settings.db, wait_seconds=settings.lock_wait_seconds, on_wait=_say_waiting)
    try:
        held = {
            sid: Held(updated_at=updated_at)
            for sid, updated_at in connection.execute(
                "SELECT statement_id, updated_at FROM statements WHERE site = ?", [feed.site_name]
            ).fetchall()
        }
        row = connection.execute(
            "SELECT etag, last_modified, last_body_sha256, consecutive_failures FROM feeds WHERE feed_id = ?", [feed.id]
        ).fetchone()
    finally:
        connection.close()
    state = FeedState()
    if row:
        state.etag, state.last_modified, state.last_body_sha256, state.consecutive_failures = row
    return held, state


def _read_checkpoint(settings: Settings, feed: FeedConfig, window: Window) -> Checkpoint | None:
    connection = connect(settings.db, wait_seconds=settings.lock_wait_seconds, on_wait=_say_waiting)
    try:
        row = connection.execute(
            "SELECT method, walk_before, next_page, total_pages, done FROM backfill_checkpoints WHERE feed_id = ? AND window_key = ?",
            [feed.id, window.key],
        ).fetchone()
    finally:
        connection.close()
    return Checkpoint(*row) if row else None


def _save_checkpoint(
    settings: Settings, feed: FeedConfig, window: Window, method: str, walk_before: datetime, page: WalkPage, done: bool, resume: bool
) -> None:
    if not resume:
        return
    connection = connect(settings.db, wait_seconds=settings.lock_wait_seconds, on_wait=_say_waiting)
    try:
        connection.execute(
            """
            INSERT INTO backfill_checkpoints VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (feed_id, window_key) DO UPDATE SET method = excluded.method, walk_before = excluded.walk_before,
                next_page = excluded.next_page, total_pages = excluded.total_pages, done = excluded.done,
                updated_at = excluded.updated_at
            """,
            [feed.id, window.key, method, walk_before, page.number + 1, page.total_pages, done, datetime.now(UTC)],
        )
    finally:
        connection.close()
