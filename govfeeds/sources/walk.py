"""Walking a site's history: one page of it at a time, as a batch of candidates for the stages.

A walk (backfill or reconciliation) asks its feed's history sources (govfeeds.sources) for page N.
Only posts the database lacks become candidates; a post already held is refreshed only when the
source says it was modified after we stored it (the paged feed gives no modification time; edits
of posts still in the feed are the poll's job), so a walk never turns a statement read from its
page into a new version read from another source.
"""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from pydantic import AwareDatetime, BaseModel

from govfeeds.identity import statement_id
from govfeeds.net.http import FetchError
from govfeeds.settings import Settings
from govfeeds.sources import HISTORY, history_methods
from govfeeds.sources.page import SourcePage, fetch_record
from govfeeds.sources.rss import NotAFeed, item_sha256, paged_feed_url
from govfeeds.sources.wordpress import REST_PAGE_SIZE, ApiUnavailable
from schemas.backfill import Window
from schemas.feeds import FeedConfig
from schemas.statements import Candidate, FeedBatch, FeedState, Reject, WalkPage


class Walk(BaseModel):
    """One walk of one feed's site: the method, the window, and whether the load checkpoints it."""

    feed: FeedConfig
    window: Window
    walk_before: AwareDatetime
    method: str | None = None  # None: the first of history_methods(feed) that answers
    page_size: int = REST_PAGE_SIZE
    checkpointed: bool = True


def fetch_page(client: httpx.Client, walk: Walk, number: int, state: FeedState, seen: set[str], settings: Settings) -> FeedBatch:
    """Page `number` of the walk as a batch of candidates (posts not held, or edited since stored).

    Never raises: a page that cannot be had is a failed batch whose `walk.last` ends the walk.
    `seen` collects the identities walked so far (a paged feed that ignores ?paged= repeats itself).
    """
    now = datetime.now(UTC)
    batch = FeedBatch(feed=walk.feed, polled_at=now, outcome="ok", order=f"{walk.walk_before:%Y%m%dT%H%M%S%f}p{number:06d}")
    methods = list(history_methods(walk.feed))
    if walk.method in methods:  # a resumed or continued walk keeps its method (falling back past it if it went away)
        methods = methods[methods.index(walk.method):]
    notes: list[str] = []
    page: SourcePage | None = None
    for method in methods:
        try:
            page = HISTORY[method](client, walk.feed, settings, number, walk.page_size, walk.window.after, walk.walk_before)
            break
        except ApiUnavailable as error:
            notes.append(f"REST API unavailable ({error}); walked the feed")
            if method == methods[-1]:
                return _failed(batch, walk, method, number, str(error), notes)
            number = 1  # the next source starts at its own first page
        except (FetchError, NotAFeed) as error:
            if method == "paged_feed" and number > 1:  # past the feed's first page: it pages no further
                batch.fetch_log.append(fetch_record(walk.feed, paged_feed_url(walk.feed, number), now, "feed", FetchError(str(error))))
                batch.walk = _walk_page(walk, method, number, last=True, notes=notes)
                return batch
            return _failed(batch, walk, method, number, str(error), notes)
    assert page is not None
    batch.fetch_log.append(page.record)
    batch.entries_seen = len(page.items)
    batch.walk = _walk_page(walk, method, page.number, last=page.is_last, notes=notes, total_pages=page.total_pages,
                            total_items=page.total_items, links=[item.link for item in page.items if item.link])
    before = walk.walk_before if method == "rest" else walk.window.before
    for index, item in enumerate(page.items):
        sid = statement_id(walk.feed.site_name, item.guid, item.link, item.title, item.published)
        if sid is None:
            batch.rejects.append(Reject(feed_id=walk.feed.id, item_key=None, stage="parse", reason="entry has no guid, link or title"))
            continue
        if sid in seen:
            continue
        seen.add(sid)
        batch.walk.fresh += 1
        if not walk.window.holds(item.published, before):
            continue
        held = state.held_since.get(sid)
        modified = page.modified.get(index)
        if held is not None and (modified is None or modified <= held):
            continue  # held and not edited since: leave it (and its page text) alone
        batch.candidates.append(Candidate(statement_id=sid, item_sha256=item_sha256(item), item=item))
    # The paged feed is newest first: stop at a page that adds nothing (a server ignoring
    # ?paged=) or whose posts are all older than the window.
    if method == "paged_feed" and (not batch.walk.fresh or all(_older(item.published, walk.window) for item in page.items)):
        batch.walk.last = True
    if page.raw is not None and batch.candidates:
        batch.raw_documents.append(page.raw)
    return batch


def _walk_page(walk: Walk, method: str, number: int, *, last: bool, notes: list[str], **known: object) -> WalkPage:
    return WalkPage(method=method, number=number, last=last, note="; ".join(notes) or None,
                    window_key=walk.window.key if walk.checkpointed else None, walk_before=walk.walk_before, **known)


def _failed(batch: FeedBatch, walk: Walk, method: str, number: int, error: str, notes: list[str]) -> FeedBatch:
    batch.outcome, batch.error = "failed", error
    batch.walk = _walk_page(walk, method, number, last=True, notes=notes)
    batch.walk.window_key = None  # a page not had moves no checkpoint
    return batch


def _older(moment: datetime | None, window: Window) -> bool:
    return moment is not None and window.after is not None and moment < window.after
