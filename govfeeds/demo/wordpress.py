"""A small WordPress-like site served on loopback: the demo's embassy and the tests' fixture.

It answers the URLs govfeeds reads from real embassy sites, the way WordPress does:
`/feed/` (RSS 2.0 with `content:encoded`, the newest `feed_size` posts, a site-wide
Last-Modified and ETag, 304 on a matching conditional GET), `/feed/?paged=N`, the post pages,
`/wp-json/wp/v2/posts` (with `X-WP-Total` / `X-WP-TotalPages`) and `/wp-sitemap.xml`.
"""

from __future__ import annotations

import hashlib
import html
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Post:
    id: int
    slug: str
    title: str
    html: str
    date: datetime
    categories: list[str] = field(default_factory=list)
    byline: str | None = None
    modified: datetime | None = None

    @property
    def path(self) -> str:
        return f"/{self.date:%Y/%m/%d}/{self.slug}/"


@dataclass
class SiteCounters:
    """What the site was asked, so tests can assert on traffic."""

    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def count(self, prefix: str) -> int:
        return sum(1 for path, _ in self.requests if path.startswith(prefix))


class WordPressSite:
    """A thread-safe, mutable set of posts plus the HTTP server that publishes them."""

    def __init__(
        self, title: str, posts: list[Post] | None = None, *, feed_size: int = 10, rest_api: bool = True,
        conditional_get: bool = True,
    ) -> None:
        """`conditional_get=False` makes the feed ignore If-None-Match/If-Modified-Since, as some servers do."""
        self.title = title
        self.feed_size = feed_size
        self.rest_api = rest_api
        self.conditional_get = conditional_get
        self._posts: dict[int, Post] = {}
        self._newest_first: list[Post] | None = None  # sorted view, rebuilt after a mutation
        self._by_path: dict[str, Post] = {}
        self._lock = threading.Lock()
        self.counters = SiteCounters()
        #: Requests for which `hold(path)` is true wait for `released` before they are answered: tests
        #: hold a run mid-way (a walk's later pages, a poll's pages) at a point they choose.
        self.hold: Callable[[str], bool] | None = None
        self.released = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        for post in posts or []:
            self.add(post)

    # --- content -----------------------------------------------------------------------------
    def add(self, post: Post) -> Post:
        with self._lock:
            post.modified = post.modified or post.date
            self._posts[post.id] = post
            self._newest_first = None
        return post

    def edit(self, post_id: int, *, title: str | None = None, html: str | None = None, when: datetime | None = None) -> Post:
        with self._lock:
            post = self._posts[post_id]
            post.title = title if title is not None else post.title
            post.html = html if html is not None else post.html
            post.modified = when or datetime.now(UTC)
            self._newest_first = None
            return post

    def delete(self, post_id: int) -> None:
        """Remove a post. Like WordPress, this does not move the feed's Last-Modified."""
        with self._lock:
            del self._posts[post_id]
            self._newest_first = None

    def posts(self) -> list[Post]:
        """Newest first, as WordPress lists them (sorted once per mutation, not per request)."""
        with self._lock:
            return list(self._sorted())

    def post_at(self, path: str) -> Post | None:
        """The post whose page is at `path`, if any."""
        with self._lock:
            self._sorted()
            return self._by_path.get(path)

    def _sorted(self) -> list[Post]:
        if self._newest_first is None:
            self._newest_first = sorted(self._posts.values(), key=lambda p: (p.date, p.id), reverse=True)
            self._by_path = {}
            for post in reversed(self._newest_first):  # the newest post wins a shared path, as before
                self._by_path[post.path] = post
        return self._newest_first

    def last_modified(self) -> datetime:
        # Site-wide: the newest modification of any post, as WordPress computes it. Deleting a
        # post, or adding one backdated into the past, does not move it.
        posts = self.posts()
        return max((p.modified or p.date for p in posts), default=datetime(2000, 1, 1, tzinfo=UTC))

    # --- serving -----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("site is not running; call start() first")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def feed_url(self) -> str:
        return self.url + "/feed/"

    def start(self, host: str = "127.0.0.1", port: int = 0) -> WordPressSite:
        site = self

        class Handler(_Handler):
            wordpress = site

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="wordpress-site", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> WordPressSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- rendering ---------------------------------------------------------------------------
    def render_feed(self, page: int = 1) -> bytes | None:
        posts = self.posts()[(page - 1) * self.feed_size : page * self.feed_size]
        if page > 1 and not posts:
            return None
        items = "".join(self._rss_item(post) for post in posts)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
            f"<channel><title>{html.escape(self.title)}</title><link>{self.url}</link>"
            f'<atom:link href="{self.url}/feed/" rel="self" type="application/rss+xml"/>'
            f"<description>News and statements</description>"
            f"<lastBuildDate>{format_datetime(self.last_modified())}</lastBuildDate>"
            f"<language>en-US</language>{items}</channel></rss>\n"
        ).encode("utf-8")

    def _rss_item(self, post: Post) -> str:
        categories = "".join(f"<category><![CDATA[{c}]]></category>" for c in post.categories)
        summary = html.escape(post.title + " ...")
        return (
            f"<item><title>{html.escape(post.title)}</title><link>{self.url}{post.path}</link>"
            f"<dc:creator><![CDATA[{post.byline or self.title}]]></dc:creator>"
            f"<pubDate>{format_datetime(post.date)}</pubDate>{categories}"
            f'<guid isPermaLink="false">{self.url}/?p={post.id}</guid>'
            f"<description>{summary}</description>"
            f"<content:encoded><![CDATA[{post.html}]]></content:encoded></item>"
        )

    def render_page(self, post: Post) -> bytes:
        byline = ""
        if post.byline:
            topics = ", ".join(post.categories)
            byline = f"<p>By {html.escape(post.byline)} | {post.date.day} {post.date:%B, %Y} | Topics: {html.escape(topics)}</p>"
        return (
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(post.title)} - {html.escape(self.title)}</title>"
            "<script>window.dataLayer = window.dataLayer || []; function track(){}</script>"
            "<style>.entry-content{font-family:serif}</style></head><body>"
            f"<header><nav><a href='/'>{html.escape(self.title)}</a> | <a href='/news/'>News</a> | "
            "<a href='/visas/'>Visas</a> | <a href='/u-s-citizen-services/'>U.S. Citizen Services</a></nav></header>"
            f"<main><article id='post-{post.id}'><h1 class='entry-title'>{html.escape(post.title)}</h1>"
            f"<div class='entry-content'>{post.html}{byline}</div></article></main>"
            "<footer><p>This is the official website of the U.S. Embassy. External links are not endorsements.</p>"
            "<script>track('pageview')</script></footer></body></html>"
        ).encode("utf-8")

    def render_api(self, query: dict[str, list[str]]) -> tuple[bytes, int, int]:
        posts = self.posts()
        if after := query.get("after", [None])[0]:
            posts = [p for p in posts if p.date > _iso(after)]
        if before := query.get("before", [None])[0]:
            posts = [p for p in posts if p.date < _iso(before)]
        per_page = min(int(query.get("per_page", ["10"])[0]), 100)
        page = int(query.get("page", ["1"])[0])
        total = len(posts)
        pages = max(1, -(-total // per_page))
        chunk = posts[(page - 1) * per_page : page * per_page]
        body = [
            {
                "id": p.id,
                "date_gmt": p.date.strftime("%Y-%m-%dT%H:%M:%S"),
                "modified_gmt": (p.modified or p.date).strftime("%Y-%m-%dT%H:%M:%S"),
                "guid": {"rendered": f"{self.url}/?p={p.id}"},
                "link": f"{self.url}{p.path}",
                "title": {"rendered": html.escape(p.title)},
                "content": {"rendered": p.html},
                "excerpt": {"rendered": ""},
                "class_list": [f"category-{c.lower().replace(' ', '-')}" for c in p.categories],
            }
            for p in chunk
        ]
        return json.dumps(body).encode("utf-8"), total, pages

    def render_sitemap(self, path: str) -> bytes | None:
        if path == "/wp-sitemap.xml":
            return (
                '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{self.url}/wp-sitemap-posts-post-1.xml</loc></sitemap></sitemapindex>"
            ).encode()
        if path == "/wp-sitemap-posts-post-1.xml":
            urls = "".join(f"<url><loc>{self.url}{p.path}</loc></url>" for p in self.posts())
            return (
                f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            ).encode()
        return None


def _iso(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class _Handler(BaseHTTPRequestHandler):
    wordpress: WordPressSite
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence per-request logging
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        site = self.wordpress
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        site.counters.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        if site.hold is not None and site.hold(self.path):
            site.released.wait(120)
        if parts.path in ("/feed/", "/feed"):
            self._feed(int(query.get("paged", ["1"])[0]))
        elif parts.path.startswith("/wp-json/wp/v2/posts") and site.rest_api:
            body, total, pages = site.render_api(query)
            self._send(200, body, "application/json; charset=UTF-8", {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)})
        elif (sitemap := site.render_sitemap(parts.path)) is not None:
            self._send(200, sitemap, "application/xml; charset=UTF-8")
        elif post := site.post_at(parts.path):
            self._send(200, site.render_page(post), "text/html; charset=UTF-8")
        else:
            self._send(404, b"<html><body>Page not found</body></html>", "text/html; charset=UTF-8")

    def _feed(self, page: int) -> None:
        site = self.wordpress
        last_modified = site.last_modified()
        etag = '"' + hashlib.md5(last_modified.isoformat().encode()).hexdigest() + '"'
        if site.conditional_get and (self.headers.get("If-None-Match") == etag or _not_modified_since(self.headers.get("If-Modified-Since"), last_modified)):
            self._send(304, b"", None, {"ETag": etag})
            return
        body = site.render_feed(page)
        if body is None:
            self._send(404, b"", "text/html")
            return
        self._send(200, body, "application/rss+xml; charset=UTF-8", {"ETag": etag, "Last-Modified": format_datetime(last_modified, usegmt=True)})

    def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _not_modified_since(header: str | None, last_modified: datetime) -> bool:
    if not header:
        return False
    try:
        return parsedate_to_datetime(header) >= last_modified.replace(microsecond=0)
    except (TypeError, ValueError):
        return False
