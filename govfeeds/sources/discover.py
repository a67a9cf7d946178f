"""Discovery: the feeds a site offers, for `govfeeds feeds discover URL...`.

Candidates come from the site's home page (`<link rel="alternate">` feed links, and `hreflang`
alternates whose `/feed/` is a language feed such as `/ru/feed/`), the WordPress REST index
(`/wp-json/`: the site's main feed, and `/wp-json/wp/v2/categories`: each category's feed) and the
URL itself. Each candidate is requested through the careful GET (the SSRF rules apply to every
hop) and kept only when it answers 200 with a feed; registered feeds are left out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpx

from govfeeds.net.http import FetchError, get, make_client
from govfeeds.net.urls import canonical_url, feed_refusal, host_of, resolve
from govfeeds.settings import Settings
from govfeeds.sources.rss import NotAFeed, parse_feed_bytes
from schemas.feeds import FeedConfig

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml")


@dataclass
class FoundFeed:
    id: str
    url: str
    title: str | None = None
    language: str | None = None
    entries: int = 0


@dataclass
class Discovery:
    feeds: list[FoundFeed] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, why) of sites that could not be read


@dataclass
class _Candidate:
    url: str
    title: str | None = None
    language: str | None = None


class _Links(HTMLParser):
    """`<link rel="alternate">` elements of a page: feed links, and other-language versions of it."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.feeds: list[_Candidate] = []
        self.languages: list[_Candidate] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag != "link" or "alternate" not in attributes.get("rel", "").lower().split() or not attributes.get("href"):
            return
        href = urljoin(self.base, attributes["href"])
        if attributes.get("type", "").lower().split(";")[0].strip() in FEED_TYPES:
            self.feeds.append(_Candidate(href, attributes.get("title") or None))
        elif (language := attributes.get("hreflang", "").lower()) and language != "x-default":
            self.languages.append(_Candidate(href.rstrip("/") + "/feed/", language=language.split("-")[0]))


def discover(urls: list[str], registered: list[FeedConfig], settings: Settings) -> Discovery:
    """The feeds the sites at `urls` offer that `registered` does not hold, verified by fetching each."""
    found = Discovery()
    known = {canonical_url(feed.url) for feed in registered}
    ids = {feed.id for feed in registered}
    with make_client(settings) as client:
        for url in urls:
            try:
                candidates = _candidates(client, url, settings)
            except FetchError as error:
                found.skipped.append((url, str(error)))
                continue
            for candidate in candidates:
                if canonical_url(candidate.url) in known:
                    continue
                entries = _feed_entries(client, candidate.url, settings)
                if entries is None:
                    continue
                known.add(canonical_url(candidate.url))
                feed_id = _new_id(candidate.url, ids)
                ids.add(feed_id)
                found.feeds.append(FoundFeed(feed_id, candidate.url, candidate.title, candidate.language, entries))
    return found


def _candidates(client: httpx.Client, url: str, settings: Settings) -> list[_Candidate]:
    parts = urlsplit(url)
    home = f"{parts.scheme}://{parts.netloc}/"
    candidates = [_Candidate(url)]
    for page in dict.fromkeys([url, home]):
        response = _get(client, page, settings)
        if response is not None and response.status_code == 200 and b"<" in response.body[:4096]:
            links = _Links(response.url)
            links.feed(response.body.decode("utf-8", "replace"))
            candidates += links.feeds + links.languages
    index = _json(client, urljoin(home, "/wp-json/"), settings)
    if isinstance(index, dict):
        site_home = str(index.get("home") or index.get("url") or home)
        candidates.append(_Candidate(site_home.rstrip("/") + "/feed/", title=index.get("name") or None))
        categories = _json(client, urljoin(home, "/wp-json/wp/v2/categories?per_page=100"), settings)
        for category in categories if isinstance(categories, list) else []:
            if isinstance(category, dict) and category.get("link") and category.get("count", 1):
                name = f"{index.get('name') or host_of(home)}: {category.get('name')}" if category.get("name") else None
                candidates.append(_Candidate(str(category["link"]).rstrip("/") + "/feed/", title=name))
    unique: dict[str, _Candidate] = {}
    for candidate in candidates:
        unique.setdefault(canonical_url(candidate.url), candidate)
    return list(unique.values())


def _get(client: httpx.Client, url: str, settings: Settings):  # noqa: ANN202 - a Response or None
    own = resolve(host_of(url))
    try:
        return get(client, url, settings, refuse=lambda hop: feed_refusal(hop, own))
    except FetchError as error:
        if error.refused:
            raise
        return None


def _json(client: httpx.Client, url: str, settings: Settings) -> object:
    response = _get(client, url, settings)
    if response is None or response.status_code != 200:
        return None
    try:
        return json.loads(response.body)
    except ValueError:
        return None


def _feed_entries(client: httpx.Client, url: str, settings: Settings) -> int | None:
    """How many entries the feed at `url` lists; None when it does not answer with a feed."""
    response = _get(client, url, settings)
    if response is None or response.status_code != 200:
        return None
    try:
        items = parse_feed_bytes(response.body, url=url, content_type=response.content_type)
    except NotAFeed:
        return None
    return len(items)


def _new_id(url: str, taken: set[str]) -> str:
    parts = urlsplit(url)
    words = [parts.hostname or "feed", *(p for p in parts.path.split("/") if p and p != "feed")]
    base = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower().removeprefix("www.")).strip("-") or "feed"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def registry_entries(feeds: list[FoundFeed]) -> str:
    """`[[feeds]]` tables for deployments/feeds.toml (strings in TOML's basic form, which JSON's escaping is)."""
    blocks = []
    for feed in feeds:
        lines = ["[[feeds]]", f"id = {json.dumps(feed.id)}", f"url = {json.dumps(feed.url)}"]
        if feed.title:
            lines.append(f"title = {json.dumps(feed.title, ensure_ascii=False)}")
        if feed.language:
            lines.append(f"language = {json.dumps(feed.language)}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)
