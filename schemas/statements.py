"""Pydantic models for what flows between the stages: feed items, statements, rejects, batches."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from schemas.enrichment import Enrichment
from schemas.feeds import FeedConfig

Stage = Literal["fetch", "parse", "validate", "extract", "enrich", "load"]
#: api_content: the WordPress REST API's content.rendered (backfills), used without fetching the page.
TextSource = Literal["page", "feed_content", "feed_summary", "api_content"]
FeedOutcome = Literal["ok", "not_modified", "unchanged", "failed"]
FetchKind = Literal["feed", "page", "api", "sitemap"]


class FeedItem(BaseModel):
    """One entry as a source gave it (a feed entry, a REST post), before any validation.

    `content_html` is the entry's own full text when it has one; `content_source` says where that
    text came from, and `fetch_page` whether the statement page is still worth fetching for a
    better text (a feed entry: yes; a REST post with its content: no, it is the same HTML).
    """

    guid: str | None = None
    link: str | None = None
    title: str | None = None
    published: datetime | None = None
    content_html: str | None = None
    summary_html: str | None = None
    categories: list[str] = Field(default_factory=list)
    content_source: Literal["feed_content", "api_content"] = "feed_content"
    fetch_page: bool = True

    @property
    def key(self) -> str:
        """A readable handle for logs and rejects (not the identity)."""
        return self.guid or self.link or (self.title or "")[:120] or "<entry without guid, link or title>"


class Statement(BaseModel):
    """A validated statement, ready to load. Invalid input never becomes one: it becomes a Reject."""

    statement_id: str = Field(min_length=16)
    feed_id: str
    site: str
    url: str | None
    guid: str | None
    title: str = Field(min_length=1, max_length=2000)
    published_at: AwareDatetime | None
    body_text: str = Field(min_length=1)
    content_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    item_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    text_source: TextSource
    page_sha256: str | None = None
    page_error: str | None = Field(default=None, description="Why the page was not the text source, if it was not.")
    categories: list[str] = Field(default_factory=list)
    enrichment: Enrichment | None = None

    @field_validator("title")
    @classmethod
    def _title_has_text(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("title is blank")
        return value

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"url is not http(s): {value[:200]!r}")
        return value


class Reject(BaseModel):
    """Input we could not turn into a statement, with the stage that refused it and why."""

    feed_id: str
    item_key: str | None
    stage: Stage
    reason: str
    detail: str | None = None


class RawDocument(BaseModel):
    """Bytes exactly as fetched, kept content-addressed so later stages can re-run offline."""

    model_config = ConfigDict(ser_json_bytes="base64", val_json_bytes="base64")

    sha256: str
    url: str
    fetched_at: AwareDatetime
    content_type: str | None
    body: bytes


class FetchRecord(BaseModel):
    """One HTTP request, successful or not (the fetch_log table)."""

    feed_id: str
    url: str
    requested_at: AwareDatetime
    status_code: int | None
    bytes: int | None
    elapsed_ms: float
    error: str | None
    kind: FetchKind


class FeedState(BaseModel):
    """What the database remembers about a feed between polls."""

    etag: str | None = None
    last_modified: str | None = None
    last_body_sha256: str | None = None
    consecutive_failures: int = 0
    known_items: dict[str, str] = Field(
        default_factory=dict, description="statement_id -> item_sha256 of every statement the feed's site holds."
    )
    held_since: dict[str, datetime] = Field(
        default_factory=dict, description="statement_id -> updated_at, for walks that refresh only posts edited since (read on demand)."
    )
    url: str | None = Field(default=None, description="The feed's effective URL after a permanent move; None: the registry's.")
    redirect_url: str | None = Field(default=None, description="Where the feed permanently redirected on its last polls.")
    redirect_status: int | None = None
    redirect_polls: int = Field(default=0, description="Polls in a row answered with that same permanent redirect.")
    last_entries: int | None = Field(default=None, description="Entries the last parsed body listed.")
    entry_gap_seconds: float | None = Field(default=None, description="The feed's usual gap between entries (govfeeds.sources.schedule).")
    newest_entry_at: AwareDatetime | None = None
    hint_seconds: float | None = Field(default=None, description="The feed document's own polling hint (<ttl>, sy:updatePeriod).")


class WalkPage(BaseModel):
    """Which page of a site's history a batch holds (a backfill's or a reconciliation's walk).

    With `window_key`, the walk is checkpointed: the load that stores this page's statements moves
    the backfill's checkpoint past it in the same transaction, so the checkpoint never gets ahead
    of what is stored and a killed backfill resumes at the first page whose load did not commit.
    """

    method: Literal["rest", "paged_feed"]
    number: int
    total_pages: int | None = None
    total_items: int | None = Field(default=None, description="Posts the site reports (X-WP-Total), when known.")
    last: bool = False
    fresh: int = Field(default=0, description="Items of this page that no earlier page of the walk listed.")
    links: list[str] = Field(default_factory=list, description="Every post link the page lists (reconciliation compares them).")
    note: str | None = None
    window_key: str | None = None
    walk_before: AwareDatetime | None = None


class Candidate(BaseModel):
    """A feed entry that is new or changed since the last poll, with its identity."""

    statement_id: str
    item_sha256: str
    item: FeedItem


class FeedBatch(BaseModel):
    """Everything one poll of one feed produced; loaded in one transaction (with the other feeds' batches beside it in the spool).

    It passes through the stages in turn: fetch fills the response fields and the feed's raw
    document, parse adds `candidates`, extract turns them into `statements` (or `rejects`), enrich
    fills each statement's `enrichment`, and load writes the lot.
    """

    model_config = ConfigDict(ser_json_bytes="base64", val_json_bytes="base64")

    batch_id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    feed: FeedConfig
    polled_at: AwareDatetime
    outcome: FeedOutcome
    status_code: int | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None
    entries_seen: int = 0
    retry_after: AwareDatetime | None = Field(default=None, description="The server asked (Retry-After) not to be polled before this.")
    url: str | None = Field(default=None, description="The URL polled: the feed's effective URL (feeds.url).")
    moved_to: str | None = Field(default=None, description="The feed's new effective URL: the same permanent redirect answered enough polls in a row.")
    redirect_url: str | None = Field(default=None, description="Where a permanent redirect (301/308) to a working feed on an allowed host led.")
    redirect_status: int | None = None
    redirect_polls: int = Field(default=0, description="Polls in a row, this one included, that redirect answered.")
    gone: bool = Field(default=False, description="The feed answered 410 Gone.")
    suspect: str | None = Field(default=None, description="Why a 200 answer looked wrong (an HTML page, a feed suddenly empty).")
    entries_listed: int | None = Field(default=None, description="Entries the parsed body listed (None when nothing was parsed).")
    entry_gap_seconds: float | None = None
    newest_entry_at: AwareDatetime | None = None
    hint_seconds: float | None = Field(default=None, description="The feed document's polling hint, in seconds.")
    next_poll_at: AwareDatetime | None = Field(default=None, description="When a feed that answered usefully is next due.")
    stale_after: AwareDatetime | None = Field(default=None, description="When the feed becomes stale if it posts nothing more.")
    statements: list[Statement] = Field(default_factory=list)
    rejects: list[Reject] = Field(default_factory=list)
    raw_documents: list[RawDocument] = Field(default_factory=list)
    fetch_log: list[FetchRecord] = Field(default_factory=list)
    candidates: list[Candidate] = Field(default_factory=list, exclude=True)
    enricher_version: str | None = Field(default=None, description="Version of the rules that enriched the statements (set by the enrich stage).")
    walk: WalkPage | None = Field(default=None, description="Set when the batch is a page of a site's history, not a poll of its feed.")
    order: str | None = Field(default=None, description="Sort key in the spool (pages of a walk load in page order); default polled_at.")

    @property
    def feed_document(self) -> RawDocument | None:
        """The feed body fetched this poll, when there is one to parse."""
        return next((doc for doc in self.raw_documents if doc.sha256 == self.body_sha256), None)
