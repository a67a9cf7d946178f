"""Walks of sites' histories for the stage driver: which pages to fetch, and what each walk did.

Backfill and reconciliation both walk sites page by page. `history_fetches` submits the fetch
tasks: a walk's first page decides its method (REST API, else the paged feed) and, for the REST
API, how many pages there are, so the rest are fetched PAGES_PER_TASK at a time, ahead of the
stages; a paged feed is walked one page after another, since only the last page says whether it
added anything. `WalkReports` turns the spooled pages and the load's results into FeedBackfills.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from flows.driver import Fetches, unwalked
from govfeeds.settings import Settings
from govfeeds.sources.walk import Walk
from govfeeds.store.loads import LoadResult
from schemas.backfill import FeedBackfill
from schemas.statements import FeedBatch, FeedState
from tasks.fetch import fetch_history

logger = logging.getLogger("govfeeds.backfill")

#: REST pages (100 posts each) per fetch task: fewer task runs, still fetched well ahead of the stages.
PAGES_PER_TASK = 2


def history_fetches(walks: list[tuple[Walk, int]], states: dict[str, FeedState], settings: Settings,
                    reports: WalkReports) -> Fetches:
    """The fetch tasks of every walk, from its start page; a site already walked through REST is walked once."""
    walked_by_rest: dict[str, str] = {}
    for walk, start in walks:
        site = walk.feed.site_name
        if site in walked_by_rest:
            reports.skip(walk.feed.id, f"site {site} already walked for feed {walked_by_rest[site]}")
            continue
        yield from _pages(walk, start, unwalked(states[walk.feed.id]), settings, walked_by_rest)


def _pages(walk: Walk, start: int, state: object, settings: Settings, walked_by_rest: dict[str, str]) -> Iterator:
    seen: set[str] = set()
    first = fetch_history.submit(walk, [start], state, unwalked(seen), settings)
    yield first
    head = first.result()[-1].walk
    if head.method == "rest":
        walked_by_rest[walk.feed.site_name] = walk.feed.id
    if head.last:
        return
    walk = walk.model_copy(update={"method": head.method})
    if head.method == "rest" and head.total_pages:
        numbers = list(range(head.number + 1, head.total_pages + 1))
        for at in range(0, len(numbers), PAGES_PER_TASK):
            yield fetch_history.submit(walk, numbers[at : at + PAGES_PER_TASK], state, unwalked(seen), settings)
        return
    number = head.number
    while True:  # the paged feed: each page's content decides whether there is a next one
        number += 1
        page = fetch_history.submit(walk, [number], state, unwalked(seen), settings)
        yield page
        if page.result()[-1].walk.last:
            return


class WalkReports:
    """What each feed's walk did, from its spooled pages and the load's results."""

    def __init__(self, walks: list[tuple[Walk, int]], resumed: dict[str, int]) -> None:
        self.reports = {walk.feed.id: FeedBackfill(feed_id=walk.feed.id, resumed_from=resumed.get(walk.feed.id)) for walk, _ in walks}
        self._fresh_pages: dict[str, int] = {}  # feed -> last page that listed anything not listed before
        self._fresh_items: dict[str, int] = {}  # feed -> distinct items walked

    def skip(self, feed_id: str, note: str) -> None:
        self.reports[feed_id] = FeedBackfill(feed_id=feed_id, method="skipped", complete=True, note=note)

    def add_page(self, batch: FeedBatch) -> None:
        report, page = self.reports[batch.feed.id], batch.walk
        if report.pages == 0 and report.resumed_from is not None and page.number != report.resumed_from:
            report.resumed_from = None  # the REST API went away since the checkpoint: the feed walk started over
        report.method = page.method
        report.note = page.note or report.note
        if batch.outcome == "failed":
            report.errors.append(batch.error or "failed")
            return
        report.pages += 1
        report.entries += batch.entries_seen
        report.rejected += len(batch.rejects)
        report.listed = page.total_items if page.total_items is not None else report.listed
        report.links.extend(page.links)
        report.complete = page.last
        self._fresh_items[batch.feed.id] = self._fresh_items.get(batch.feed.id, 0) + page.fresh
        if page.fresh:
            self._fresh_pages[batch.feed.id] = page.number
        logger.info(
            "%s: page %d%s fetched, %d candidates", batch.feed.id, page.number, f"/{page.total_pages}" if page.total_pages else "",
            len(batch.statements), extra={"govfeeds_progress": {"feed": batch.feed.id, "page": page.number, "total": page.total_pages}},
        )

    def add_loads(self, results: list[LoadResult]) -> list[FeedBackfill]:
        """The finished reports, with what the load stored for each feed."""
        for result in results:
            report = self.reports.get(result.feed_id)
            if report is not None:
                report.new += result.new
                report.updated += result.updated
                report.new_ids.extend(result.new_ids)
                report.updated_ids.extend(result.updated_ids)
        for feed_id, report in self.reports.items():
            if report.method == "paged_feed" and report.complete and self._fresh_pages.get(feed_id, 0) <= 1 and (report.resumed_from or 1) == 1:
                report.method = "feed"
                report.note = "; ".join(filter(None, [report.note, f"the feed does not page: only the {self._fresh_items.get(feed_id, 0)} entries it lists were taken"]))
        return list(self.reports.values())
