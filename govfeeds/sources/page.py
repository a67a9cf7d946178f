"""What a source hands the pipeline: one page of items, and the record of the request that got it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from govfeeds.net.http import FetchError, Response
from schemas.feeds import FeedConfig
from schemas.statements import FeedItem, FetchKind, FetchRecord, RawDocument


@dataclass
class SourcePage:
    """One page of a site's history: its items, what the site said about the total, and the request made."""

    number: int
    items: list[FeedItem]
    record: FetchRecord
    raw: RawDocument | None = None
    total_pages: int | None = None
    total_items: int | None = None
    #: index in `items` -> the post's modification time, where the source says (REST modified_gmt)
    modified: dict[int, datetime] = field(default_factory=dict)

    @property
    def is_last(self) -> bool:
        return not self.items or (self.total_pages is not None and self.number >= self.total_pages)


def fetch_record(feed: FeedConfig, url: str, requested_at: datetime, kind: FetchKind, answer: Response | FetchError) -> FetchRecord:
    """The fetch_log row for one request: its response, or the error that stood in for one."""
    if isinstance(answer, FetchError):
        return FetchRecord(feed_id=feed.id, url=url, requested_at=requested_at, status_code=None, bytes=None,
                           elapsed_ms=(datetime.now(UTC) - requested_at).total_seconds() * 1000, error=str(answer), kind=kind)
    return FetchRecord(feed_id=feed.id, url=url, requested_at=requested_at, status_code=answer.status_code, bytes=len(answer.body),
                       elapsed_ms=answer.elapsed_ms, error=None if answer.status_code in (200, 304) else f"HTTP {answer.status_code}",
                       kind=kind)
