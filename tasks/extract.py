"""Extract stage: turn new or changed feed entries into validated statements.

The statement page is fetched only from the feed's own host or its `allowed_hosts`, and only for
items that want it (a REST post carries its own HTML). When the page can't be used, the item's
own content (the feed's `content:encoded`, or the REST API's), then its summary, is the text, and
`text_source` says which one was used.
"""

from __future__ import annotations

import codecs
import html
import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import httpx
import lxml.html
import trafilatura
from lxml import etree
from prefect import task
from prefect.cache_policies import NO_CACHE
from pydantic import ValidationError

from govfeeds.settings import Settings
from schemas.statements import Candidate, FeedBatch, FetchRecord, RawDocument, Reject, Statement
from govfeeds.html_text import html_to_text
from govfeeds.net.http import FetchError, Response, get, make_client
from govfeeds.identity import content_sha256, sha256_hex
from govfeeds.net.urls import page_refusal, resolve

logger = logging.getLogger("govfeeds.extract")

#: Where WordPress themes (and most CMSs) put the body of a post, most specific first.
CONTENT_SELECTORS = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]",
    "//*[@itemprop='articleBody']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' post-content ')]",
    "//main//article",
    "//article",
)


def main_text(html: bytes, *, charset: str | None = None) -> str:
    """The statement text of an HTML page: the CMS's content element, else trafilatura's guess."""
    try:
        # Decoded here, with bad bytes replaced: libxml2 knows fewer charset names than Python does.
        # Without a usable header charset, valid UTF-8 is read as UTF-8 (libxml2 would assume Latin-1),
        # anything else is left to the page's own meta tag.
        document = lxml.html.document_fromstring(_decoded(html, charset))
    except (etree.ParserError, ValueError, LookupError):
        return ""
    for selector in CONTENT_SELECTORS:
        found = document.xpath(selector)
        if found:
            text = html_to_text(lxml.html.tostring(found[0], encoding="unicode"))
            if text:
                return text
    return trafilatura.extract(lxml.html.tostring(document, encoding="unicode"), include_comments=False, favor_recall=True) or ""


def _decoded(body: bytes, charset: str | None) -> str | bytes:
    """The page as text when its charset is known (header, else valid UTF-8), else the bytes for libxml2 to sniff."""
    if charset:
        text = body.decode(charset, errors="replace")
    else:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return body
    return _XML_DECLARATION.sub("", text, count=1)  # lxml refuses text that still declares an encoding


_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


def _charset(content_type: str | None) -> str | None:
    """The charset the Content-Type names, if Python knows it; an unknown one is ignored so lxml reads the page's own meta tag."""
    if content_type and "charset=" in content_type.lower():
        name = content_type.lower().split("charset=", 1)[1].split(";")[0].strip().strip('"')
        try:
            return codecs.lookup(name).name if name else None
        except LookupError:
            return None
    return None


@task(name="extract", cache_policy=NO_CACHE)
def extract_statements(batches: list[FeedBatch], settings: Settings) -> list[FeedBatch]:
    """Extract the statements of a group of feeds, feeds side by side, each feed's pages in turn."""
    with make_client(settings) as client, ThreadPoolExecutor(settings.max_concurrent_feeds) as pool:
        return list(pool.map(lambda batch: extract_batch(batch, client, settings), batches))


def extract_batch(batch: FeedBatch, client: httpx.Client, settings: Settings) -> FeedBatch:
    """Fetch pages for this batch's candidates, pick each one's text, and validate the statements."""
    allowed = {batch.feed.host, *batch.feed.allowed_hosts}
    own_addresses = resolve(batch.feed.host) if batch.candidates and client is not None else frozenset()
    refuse = lambda url: page_refusal(url, allowed, own_addresses)  # noqa: E731
    pages = 0
    for candidate in batch.candidates:
        fetching = candidate.item.fetch_page and pages < settings.max_pages_per_feed
        pages += fetching
        _add_statement(batch, candidate, client if fetching else None, refuse, settings)
    batch.candidates = []
    return batch


def _add_statement(
    batch: FeedBatch, candidate: Candidate, client: httpx.Client | None, refuse: Callable[[str], str | None], settings: Settings
) -> None:
    item = candidate.item
    text, source, page_sha, page_error = "", None, None, None
    if item.link and client is not None:
        refusal = refuse(item.link)
        if refusal:
            page_error = f"page not fetched: {refusal}"
            _reject_refused_page(batch, item.key, item.link, refusal)
        else:
            page = _fetch_page(batch, item.key, item.link, client, refuse, settings)
            if isinstance(page, str):
                page_error = page
            else:
                text = main_text(page.body, charset=_charset(page.content_type))
                page_sha = sha256_hex(page.body)
                source = "page" if text else None
                page_error = None if text else "page had no extractable text"
    if not text and item.content_html:
        text, source = html_to_text(item.content_html), item.content_source
    if not text and item.summary_html:
        text, source = html_to_text(item.summary_html), "feed_summary"
    if not text:
        reason = "no body text: " + (page_error or "the entry has no link to fetch") + "; the feed gives no content or summary"
        batch.rejects.append(Reject(feed_id=batch.feed.id, item_key=item.key, stage="extract", reason=reason))
        return
    # Feeds often escape titles twice ("&amp;#8211;"), so an entity can survive feedparser.
    title = " ".join(html.unescape(item.title or "").split())
    try:
        statement = Statement(
            statement_id=candidate.statement_id,
            feed_id=batch.feed.id,
            site=batch.feed.site_name,
            url=item.link,
            guid=item.guid,
            title=title,
            published_at=item.published,
            body_text=text,
            content_sha256=content_sha256(title, text),
            item_sha256=candidate.item_sha256,
            text_source=source,
            page_sha256=page_sha if source == "page" else None,
            page_error=page_error,
            categories=item.categories,
        )
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        batch.rejects.append(Reject(feed_id=batch.feed.id, item_key=item.key, stage="validate", reason=problems))
        return
    if page_error:
        logger.info("%s: %s; using %s", item.key, page_error, source)
    batch.statements.append(statement)


def _reject_refused_page(batch: FeedBatch, item_key: str, url: str, refusal: str) -> None:
    """A page we would not request is a reject of its own (stage fetch), whether or not the feed's text saves the item.

    Its reason starts with 'page refused:' so it is never counted as an item lost.
    """
    batch.rejects.append(Reject(feed_id=batch.feed.id, item_key=item_key, stage="fetch", reason=f"page refused: {refusal}", detail=url))


def _fetch_page(
    batch: FeedBatch, item_key: str, url: str, client: httpx.Client, refuse: Callable[[str], str | None], settings: Settings
) -> Response | str:
    """The page's response, or a one-line reason it could not be had. Every request is logged."""
    requested_at = datetime.now(UTC)
    try:
        response = get(client, url, settings, refuse=refuse)
    except FetchError as error:
        if error.refused:  # a redirect to somewhere we will not go
            _reject_refused_page(batch, item_key, url, str(error))
        batch.fetch_log.append(
            FetchRecord(
                feed_id=batch.feed.id, url=url, requested_at=requested_at, status_code=None, bytes=None,
                elapsed_ms=(datetime.now(UTC) - requested_at).total_seconds() * 1000, error=str(error), kind="page",
            )
        )
        return f"page fetch failed: {error}"
    error = None if response.status_code == 200 else f"HTTP {response.status_code}"
    batch.fetch_log.append(
        FetchRecord(
            feed_id=batch.feed.id, url=url, requested_at=requested_at, status_code=response.status_code,
            bytes=len(response.body), elapsed_ms=response.elapsed_ms, error=error, kind="page",
        )
    )
    if error:
        return f"page fetch failed: {error}"
    batch.raw_documents.append(
        RawDocument(sha256=sha256_hex(response.body), url=response.url, fetched_at=requested_at, content_type=response.content_type, body=response.body)
    )
    return response
