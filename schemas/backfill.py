"""What a backfill (or a reconciliation) did, for the terminal, the Prefect artifact and the caller."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from pydantic import BaseModel, Field

#: How a site's history was walked: its REST API, its paged feed, only what its feed lists, or not at all
#: (another feed of the same site already walked it).
Method = Literal["rest", "paged_feed", "feed", "skipped"]


class Window(BaseModel):
    """The publication dates asked for: since (inclusive) .. until (inclusive), either open."""

    since: date | None = None
    until: date | None = None

    @property
    def after(self) -> datetime | None:
        return datetime.combine(self.since, time(), tzinfo=UTC) if self.since else None

    @property
    def before(self) -> datetime | None:
        return datetime.combine(self.until + timedelta(days=1), time(), tzinfo=UTC) if self.until else None

    @property
    def key(self) -> str:
        return f"{self.since or ''}..{self.until or ''}"

    def holds(self, moment: datetime | None, before: datetime | None) -> bool:
        """Whether a post published at `moment` falls in the window (undated posts always do)."""
        if moment is None:
            return True
        return (self.after is None or moment >= self.after) and (before is None or moment < before)


class FeedBackfill(BaseModel):
    feed_id: str
    method: Method = "rest"
    pages: int = Field(default=0, description="Pages walked by this call.")
    entries: int = Field(default=0, description="Items those pages listed.")
    new: int = 0
    updated: int = 0
    rejected: int = 0
    resumed_from: int | None = Field(default=None, description="Page a checkpoint resumed from, when one did.")
    complete: bool = False
    listed: int | None = Field(default=None, description="Posts the site reports in the window (X-WP-Total), when known.")
    errors: list[str] = Field(default_factory=list)
    note: str | None = None
    new_ids: list[str] = Field(default_factory=list, exclude=True)
    updated_ids: list[str] = Field(default_factory=list, exclude=True)
    links: list[str] = Field(default_factory=list, exclude=True, description="Every post link walked (reconciliation).")


class BackfillSummary(BaseModel):
    window: Window
    feeds: list[FeedBackfill] = Field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(f.new for f in self.feeds)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.feeds)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.feeds)

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.feeds)

    @property
    def errors(self) -> int:
        return sum(len(f.errors) for f in self.feeds)

    def headline(self) -> str:
        return (
            f"backfill {self.window.key}: feeds {len(self.feeds)}, pages {self.pages}; "
            f"statements new {self.new}, updated {self.updated}; rejected {self.rejected}; errors {self.errors}"
        )

    def to_markdown(self, title: str = "govfeeds backfill") -> str:
        def cell(text: object) -> str:
            return str(text if text is not None else "").replace("|", "/").replace("\n", " ")

        rows = "\n".join(
            f"| {f.feed_id} | {f.method} | {f.pages} | {f.entries} | {f.new} | {f.updated} | {f.rejected} | "
            f"{'yes' if f.complete else 'no'} | {cell('; '.join(f.errors))} | {cell(f.note)} |"
            for f in self.feeds
        )
        return (
            f"# {title}\n\n{self.headline()}\n\n"
            "| feed | method | pages | entries | new | updated | rejected | complete | errors | note |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n"
            f"{rows}\n"
        )


class SiteReconciliation(BaseModel):
    """What one site's reconciliation found: its listing, the posts it added, those it marked deleted."""

    site: str
    feed_id: str
    source: str = "none"  # rest, sitemap or none
    listed: int | None = None
    found_new: int = 0
    marked_deleted: int = 0
    restored: int = 0
    new_ids: list[str] = Field(default_factory=list)
    error: str | None = None

    def line(self) -> str:
        return (f"{self.site}: listed {self.listed} ({self.source}), found {self.found_new} new, "
                f"marked {self.marked_deleted} deleted" + (f"; {self.error}" if self.error else ""))
