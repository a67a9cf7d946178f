"""The RSS/Atom/RDF source (feedparser): a conditional poll of the feed, and its pages (`?paged=N`).

A poll is one conditional GET: 304 -> `not_modified`; 200 with the same body as last time ->
`unchanged` (servers that ignore conditional headers cost no parse); another 200 is parsed into
items, and the items new or changed since the last poll become the batch's candidates.
WordPress pages its feed (`/feed/?paged=N`), which walks a site's history where its REST API is off.
"""

from __future__ import annotations

import calendar
import codecs
import re
from datetime import UTC, datetime

from xml.parsers import expat

import feedparser
import httpx

from govfeeds.identity import sha256_hex, statement_id
from govfeeds.net.http import FetchError, Response, get
from govfeeds.net.politeness import site_key
from govfeeds.net.urls import feed_refusal, host_of, resolve
from govfeeds.settings import Settings
from govfeeds.sources import schedule
from govfeeds.sources.page import SourcePage, fetch_record
from schemas.feeds import FeedConfig
from schemas.statements import Candidate, FeedBatch, FeedItem, FeedState, Reject, RawDocument


class NotAFeed(ValueError):
    """The document is not an RSS, Atom or RDF feed feedparser can read (or not one we are willing to parse)."""


class UnsafeXml(NotAFeed):
    """The document declares entities that expand other entities, or external or parameter entities."""


#: Byte-order marks by which a document names its own encoding, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_ENCODING_DECLARATION = re.compile(r"""^(\s*<\?xml[^>]*?)\sencoding\s*=\s*["'][^"']*["']""")


def unsafe_xml_reason(body: bytes) -> str | None:
    """Why the document's DOCTYPE is unsafe to hand to an XML parser, or None.

    feedparser 6.0.14 already drops nested entity declarations it recognises and expat 2.5 neither
    fetches external entities nor lets a billion laughs expand far; we still refuse such documents
    before parsing, so that no parser version or fallback path ever sees them and the reject says why.
    Only entities that stand for plain text (`<!ENTITY copyright "(C)">`, which real feeds use) pass.
    """
    head = body[:65536].replace(b"\x00", b"")  # UTF-16/32 documents read as ASCII for this test
    if b"<!entity" not in head.lower():
        return None
    problems: list[str] = []

    def on_entity(name: str, is_parameter: bool, value: str | None, base: str | None, system_id: str | None, public_id: str | None, notation: str | None) -> None:
        if is_parameter:
            problems.append(f"parameter entity %{name}")
        elif system_id or public_id:
            problems.append(f"entity {name} refers to an external resource ({system_id or public_id})")
        elif value is not None and ("&" in value or "%" in value):
            problems.append(f"entity {name} expands other entities (billion-laughs pattern)")
        if problems:
            raise _StopParsing

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = on_entity
    parser.StartElementHandler = lambda *_: (_ for _ in ()).throw(_StopParsing)  # the prolog is over
    try:
        parser.Parse(body, True)
    except _StopParsing:
        pass
    except (expat.ExpatError, ValueError, LookupError):
        # Not well-formed: feedparser's loose parser takes it, and keeps only plain-text entities.
        # A document declaring entities that expat cannot read at all is refused outright.
        if re.search(rb"<!ENTITY[^>]*(%|SYSTEM|PUBLIC|&)", head, re.IGNORECASE):
            problems.append("a DOCTYPE with entity declarations that are not well-formed")
    return f"unsafe XML: {problems[0]}; document not parsed" if problems else None


class _StopParsing(Exception):
    pass


def _decode_by_bom(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """A UTF-16/32 document with a byte-order mark, as UTF-8: the mark outranks any header or declaration."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as error:
                raise NotAFeed(f"not a feed: starts with a {codec} byte-order mark but does not decode as {codec} ({error.reason})") from error
            media_type = (content_type or "application/xml").split(";")[0].strip()
            return _ENCODING_DECLARATION.sub(r"\1", text, count=1).encode("utf-8"), f"{media_type}; charset=utf-8"
    return body, content_type


def parse_feed_bytes(body: bytes, *, url: str, content_type: str | None = None, channel: dict | None = None) -> list[FeedItem]:
    """Return the entries of a feed document. Raises NotAFeed for anything that is not a feed.

    `channel`, when given, receives the feed's own fields (title, ttl, sy_updateperiod...).
    feedparser's HTML sanitising and relative-URI resolution are switched off: they cost most of
    its time, and extraction turns the HTML into plain text (dropping script and style) anyway.
    """
    if reason := unsafe_xml_reason(body):
        raise UnsafeXml(reason)
    body, content_type = _decode_by_bom(body, content_type)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    except Exception as error:  # noqa: BLE001 - feedparser itself crashes on some input (found by tests/test_fuzz.py)
        # e.g. a surrogate character reference (&#xD800;) raises UnicodeEncodeError in its loose parser.
        raise NotAFeed(f"not a feed: feedparser could not read it ({type(error).__name__}: {error})") from error
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise NotAFeed(f"not a feed ({type(problem).__name__}: {problem})" if problem else "not a feed: no feed elements found")
    if channel is not None:
        channel.update(parsed.get("feed") or {})
    return [_item(entry) for entry in parsed.entries]


def _item(entry: feedparser.FeedParserDict) -> FeedItem:
    content = entry.get("content") or []
    return FeedItem(
        guid=_text(entry.get("id")),
        link=_text(entry.get("link")),
        title=_text(entry.get("title")),
        published=_timestamp(entry.get("published_parsed") or entry.get("updated_parsed")),
        content_html=_text(content[0].get("value")) if content else None,
        summary_html=_text(entry.get("summary")),
        categories=[term for tag in entry.get("tags") or [] if (term := _text(tag.get("term")))],
    )


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _timestamp(value: object) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def item_sha256(item: FeedItem) -> str:
    """Fingerprint of the feed entry itself: if it is unchanged we skip the item without fetching its page."""
    return sha256_hex(
        "\x1f".join(
            [item.title or "", item.link or "", item.published.isoformat() if item.published else "", item.content_html or "", item.summary_html or ""]
        )
    )


def parse_feed(batch: FeedBatch, known_items: dict[str, str], last_entries: int | None = None) -> FeedBatch:
    """Parse the fetched feed and keep the entries that are new or changed since the last poll.

    Entries without any identity, and second copies of an identity within one document, become
    rejects; unchanged entries are dropped here so they cost no page fetch and write nothing.
    Soft failures are failures, marked `suspect`: a 200 whose body is an HTML page (an error or
    maintenance page), or a feed that suddenly lists no entries after listing `last_entries`.
    Neither touches a stored statement.
    """
    document = batch.feed_document
    if batch.outcome != "ok" or document is None:
        return batch
    url = batch.url or batch.feed.url
    channel: dict = {}
    try:
        items = parse_feed_bytes(document.body, url=url, content_type=document.content_type, channel=channel)
    except NotAFeed as error:
        if _looks_like_html(document.body, document.content_type):
            batch.suspect = "answered 200 with an HTML page, not a feed (an error or maintenance page?)"
        _soft_failure(batch, str(error))
        batch.rejects.append(Reject(feed_id=batch.feed.id, item_key=url, stage="parse", reason=str(error)))
        return batch
    if not items and last_entries:
        batch.suspect = f"the feed suddenly lists no entries (it listed {last_entries})"
        _soft_failure(batch, batch.suspect)
        return batch
    batch.entries_seen = batch.entries_listed = len(items)
    batch.hint_seconds = schedule.document_hint(channel)
    batch.entry_gap_seconds = schedule.usual_gap(item.published for item in items)
    batch.newest_entry_at = max((item.published for item in items if item.published), default=None)
    seen: set[str] = set()
    for item in items:
        sid = statement_id(batch.feed.site_name, item.guid, item.link, item.title, item.published)
        if sid is None:
            batch.rejects.append(
                Reject(feed_id=batch.feed.id, item_key=None, stage="parse", reason="entry has no guid, link or title")
            )
            continue
        if sid in seen:
            batch.rejects.append(
                Reject(
                    feed_id=batch.feed.id,
                    item_key=item.key,
                    stage="parse",
                    reason="duplicate entry: same guid and link as an earlier entry of this document",
                )
            )
            continue
        seen.add(sid)
        fingerprint = item_sha256(item)
        if known_items.get(sid) == fingerprint:
            continue
        batch.candidates.append(Candidate(statement_id=sid, item_sha256=fingerprint, item=item))
    return batch


def _soft_failure(batch: FeedBatch, error: str) -> None:
    batch.outcome = "failed"
    batch.error = error
    # Forget this body's validators and hash: otherwise the next poll would get a 304 or the
    # same hash back and call a broken feed healthy. The body itself stays in raw_documents.
    batch.etag = batch.last_modified = batch.body_sha256 = None


def _looks_like_html(body: bytes, content_type: str | None) -> bool:
    head = body[:512].lstrip().lower()
    return "html" in (content_type or "").lower() or head.startswith((b"<!doctype html", b"<html"))


def conditional_headers(state: FeedState) -> dict[str, str]:
    """The validators the server gave us last time, so an unchanged feed can answer 304."""
    headers: dict[str, str] = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def poll(client: httpx.Client, feed: FeedConfig, state: FeedState, settings: Settings) -> FeedBatch:
    """GET the feed's effective URL with the stored validators, classify the answer, and parse a new body into candidates.

    Never raises for network trouble or a broken feed: the batch says `failed` and why (`gone`
    for a 410). A useful answer also says when the feed is next due and whether it moved.
    """
    polled_at = datetime.now(UTC)
    url = state.url or feed.url
    batch = FeedBatch(feed=feed, polled_at=polled_at, outcome="failed", etag=state.etag, last_modified=state.last_modified, url=url)
    own_addresses = resolve(feed.host) | resolve(host_of(url))
    try:
        response = get(client, url, settings, headers=conditional_headers(state), refuse=lambda hop: feed_refusal(hop, own_addresses))
    except FetchError as error:
        batch.error = str(error) + (f" ({error.attempts} attempts)" if error.attempts > 1 else "")
        batch.retry_after = error.retry_after
        batch.fetch_log.append(fetch_record(feed, url, polled_at, "feed", error))
        return batch
    batch.status_code = response.status_code
    batch.fetch_log.append(fetch_record(feed, url, polled_at, "feed", response))
    if response.status_code == 304:
        batch.outcome = "not_modified"
        batch.body_sha256 = state.last_body_sha256
    elif response.status_code != 200:
        batch.gone = response.status_code == 410
        batch.error = f"HTTP {response.status_code}" + (f" ({response.attempts} attempts)" if response.attempts > 1 else "")
        if batch.gone:
            batch.error += " Gone: the site says this feed has ended"
        if response.retry_after is not None:
            batch.retry_after = response.retry_after
            batch.error += f"; asked to come back after {response.retry_after:%Y-%m-%d %H:%M:%S} UTC"
        return batch
    else:
        batch.etag = response.headers.get("etag")
        batch.last_modified = response.headers.get("last-modified")
        batch.body_sha256 = sha256_hex(response.body)
        if batch.body_sha256 == state.last_body_sha256:
            batch.outcome = "unchanged"
        else:
            batch.outcome = "ok"
            batch.raw_documents.append(RawDocument(sha256=batch.body_sha256, url=response.url, fetched_at=polled_at,
                                                   content_type=response.content_type, body=response.body))
            parse_feed(batch, state.known_items, state.last_entries)
    if batch.outcome != "failed":
        _follow_move(batch, state, response)
        _schedule(batch, state, response, settings)
    return batch


#: Permanent redirects; 302, 303 and 307 are temporary and never move a feed.
PERMANENT_REDIRECTS = frozenset({301, 308})
#: The same permanent redirect this many polls in a row moves the feed's effective URL.
MOVE_AFTER_POLLS = 3


def permanent_target(response: Response) -> tuple[str, int] | None:
    """Where the leading run of permanent redirects (301/308) of a response led, and the first one's status."""
    hops = [*response.redirects[1:], response.url]
    target = None
    for code, hop in zip(response.redirect_codes, hops):
        if code not in PERMANENT_REDIRECTS:
            break
        target = hop
    return (target, response.redirect_codes[0]) if target else None


def move_allowed(feed: FeedConfig, target: str) -> bool:
    """A move may go to the feed's own host or site, its allowed_hosts, or the same registrable domain (or IP and port)."""
    host = host_of(target)
    return host in {feed.host, feed.site_name.lower(), *feed.allowed_hosts} or site_key(target) == site_key(feed.url)


def _follow_move(batch: FeedBatch, state: FeedState, response: Response) -> None:
    """Count the polls in a row answered by the same permanent redirect to this working feed; move after MOVE_AFTER_POLLS."""
    found = permanent_target(response)
    if found is None or not move_allowed(batch.feed, found[0]):
        return
    batch.redirect_url, batch.redirect_status = found
    batch.redirect_polls = state.redirect_polls + 1 if state.redirect_url == batch.redirect_url else 1
    if batch.redirect_polls >= MOVE_AFTER_POLLS:
        batch.moved_to = batch.redirect_url


def _schedule(batch: FeedBatch, state: FeedState, response: Response, settings: Settings) -> None:
    """When the feed is next due and when it goes stale, from its entries (this body's, else the last parsed)."""
    gap = batch.entry_gap_seconds if batch.entries_listed is not None else state.entry_gap_seconds
    newest = batch.newest_entry_at if batch.entries_listed is not None else state.newest_entry_at
    document_hint = batch.hint_seconds if batch.entries_listed is not None else state.hint_seconds
    batch.next_poll_at = schedule.next_poll_at(batch.polled_at, gap, [schedule.header_hint(response.headers, batch.polled_at), document_hint],
                                               settings)
    batch.stale_after = schedule.stale_after(newest, gap, settings)


def paged_feed_url(feed: FeedConfig, page: int) -> str:
    if page == 1:
        return feed.url
    return f"{feed.url}{'&' if '?' in feed.url else '?'}paged={page}"


def feed_page(client: httpx.Client, feed: FeedConfig, settings: Settings, *, page: int) -> SourcePage:
    """Page `page` of the feed (`?paged=N`, WordPress's paging); past the last page WordPress answers 404.

    Raises govfeeds.net.http.FetchError for network failures and NotAFeed for a body that is not a feed.
    """
    url = paged_feed_url(feed, page)
    requested_at = datetime.now(UTC)
    response = get(client, url, settings)
    record = fetch_record(feed, url, requested_at, "feed", response)
    if response.status_code == 404 and page > 1:
        return SourcePage(number=page, items=[], record=record)
    if response.status_code != 200:
        raise FetchError(f"{url}: HTTP {response.status_code}")
    items = parse_feed_bytes(response.body, url=url, content_type=response.content_type)
    raw = RawDocument(sha256=sha256_hex(response.body), url=url, fetched_at=requested_at,
                      content_type=response.content_type, body=response.body)
    return SourcePage(number=page, items=items, record=record, raw=raw)
