"""A loopback HTTP server that misbehaves on request: the faults real feed servers commit, and hostile ones.

    with FaultServer() as server:
        server.route("/feed/", ok(rss_feed(...)))
        server.route("/busy/", status(429, headers={"Retry-After": "2"}))
        url = server.url("/feed/")

Every request is recorded (`server.requests(path)`) with its arrival time and Host header, so tests
can assert what was (and was not) requested and when. It also answers absolute-URI requests
(`GET http://kz.usembassy.gov/feed/`), i.e. it works as an HTTP proxy, so tests can send requests
for real-looking host names to it without any DNS.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

Behaviour = Callable[[BaseHTTPRequestHandler], None]


@dataclass(frozen=True)
class Seen:
    path: str
    host: str
    at: float  # time.monotonic() on arrival
    headers: dict[str, str]


class FaultServer:
    """A threading HTTP server on 127.0.0.1 whose routes are behaviours (see the functions below)."""

    def __init__(self, address: str = "127.0.0.1") -> None:
        self.address = address
        self.routes: dict[str, Behaviour] = {}
        self.seen: list[Seen] = []
        self.stopping = threading.Event()
        self.in_flight = 0
        self.max_total_in_flight = 0
        self.max_in_flight: dict[str, int] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                host = parts.hostname or (self.headers.get("Host") or "").split(":")[0]
                path = parts.path if parts.scheme else self.path.split("?")[0]
                server._arrive(Seen(path, host, time.monotonic(), {k.lower(): v for k, v in self.headers.items()}))
                try:
                    server.routes.get(path, status(404))(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    server._leave(host)

        self._server = ThreadingHTTPServer((address, 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]

    def _arrive(self, seen: Seen) -> None:
        with self._lock:
            self.seen.append(seen)
            self.in_flight += 1
            self.max_total_in_flight = max(self.max_total_in_flight, self.in_flight)
            key = seen.host
            self._flight = getattr(self, "_flight", {})
            self._flight[key] = self._flight.get(key, 0) + 1
            self.max_in_flight[key] = max(self.max_in_flight.get(key, 0), self._flight[key])

    def _leave(self, host: str) -> None:
        with self._lock:
            self.in_flight -= 1
            self._flight[host] -= 1

    def url(self, path: str) -> str:
        return f"http://{self.address}:{self.port}{path}"

    def route(self, path: str, behaviour: Behaviour) -> str:
        """Serve `behaviour` at `path`; returns the URL."""
        self.routes[path] = behaviour
        return self.url(path)

    def requests(self, path: str | None = None) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if path is None or s.path == path]

    def __enter__(self) -> FaultServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()


# --- behaviours ------------------------------------------------------------------------------


def ok(body: bytes | str, content_type: str = "application/rss+xml; charset=utf-8", headers: dict[str, str] | None = None) -> Behaviour:
    data = body.encode("utf-8") if isinstance(body, str) else body

    def serve(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)

    return serve


def status(code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Behaviour:
    """A bare status, e.g. status(429, headers={"Retry-After": "2"}) or status(503)."""

    def serve(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return serve


def sequence(*behaviours: Behaviour) -> Behaviour:
    """The n-th request gets the n-th behaviour; the last one repeats."""
    count = iter(range(1_000_000))
    lock = threading.Lock()

    def serve(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            n = next(count)
        behaviours[min(n, len(behaviours) - 1)](handler)

    return serve


def gated(gate: threading.Event, behaviour: Behaviour, timeout: float = 30.0) -> Behaviour:
    """Hold the request until `gate` is set (a test's condition), then behave."""

    def serve(handler: BaseHTTPRequestHandler) -> None:
        gate.wait(timeout)
        behaviour(handler)

    return serve


def slow(seconds: float, behaviour: Behaviour) -> Behaviour:
    """Take `seconds` before behaving (a request that stays in flight that long)."""

    def serve(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        behaviour(handler)

    return serve


def hang(server: FaultServer, seconds: float = 30.0) -> Behaviour:
    """Accept the request and send nothing (not even headers) until the server stops or `seconds` pass."""

    def serve(handler: BaseHTTPRequestHandler) -> None:
        server.stopping.wait(seconds)
        handler.close_connection = True

    return serve


def drip(server: FaultServer, body: bytes, every: float = 0.2, chunk: int = 16) -> Behaviour:
    """Send the headers, then the body `chunk` bytes every `every` seconds: each read is quick, the whole never ends."""

    def serve(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        for start in range(0, len(body), chunk):
            if server.stopping.wait(every):
                return
            handler.wfile.write(body[start : start + chunk])
            handler.wfile.flush()

    return serve


def reset(handler: BaseHTTPRequestHandler) -> None:
    """Close the connection with a TCP RST before answering."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True
    handler.connection.close()


def truncated(body: bytes, declared: int | None = None) -> Behaviour:
    """Declare a Content-Length larger than what is sent, then close."""

    def serve(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(declared or len(body) * 2))
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()
        handler.close_connection = True

    return serve


def oversized(size: int, declare: bool = False) -> Behaviour:
    """Stream `size` bytes (chunked, so no Content-Length tells the client in advance unless `declare`)."""

    def serve(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        if declare:
            handler.send_header("Content-Length", str(size))
        else:
            handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        block = b"<!-- padding -->" * 4096
        sent = 0
        while sent < size:
            piece = block[: size - sent]
            handler.wfile.write(piece if declare else b"%x\r\n%s\r\n" % (len(piece), piece))
            sent += len(piece)
        if not declare:
            handler.wfile.write(b"0\r\n\r\n")

    return serve


def gzip_bomb(decompressed: int) -> Behaviour:
    """A small gzip body (Content-Encoding: gzip) that expands to `decompressed` bytes."""
    body = gzip.compress(b"<rss>" + b" " * decompressed, compresslevel=9)

    def serve(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return serve


def redirect(location: str, code: int = 302) -> Behaviour:
    return status(code, headers={"Location": location})


# --- documents ---------------------------------------------------------------------------------


def rss_feed(items: Iterable[dict[str, str]], *, title: str = "Fault Embassy", encoding: str | None = "utf-8", doctype: str = "") -> str:
    """An RSS 2.0 document; each item dict has title, link, guid and optionally content (HTML) and pubDate."""
    parts = [f'<?xml version="1.0"{f" encoding={chr(34)}{encoding}{chr(34)}" if encoding else ""}?>', doctype]
    parts.append('<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>')
    parts.append(f"<title>{escape(title)}</title><link>http://example.invalid/</link><description>d</description>")
    for item in items:
        parts.append(f"<item><title>{item['title']}</title><link>{escape(item['link'])}</link>")
        parts.append(f"<guid isPermaLink=\"false\">{escape(item.get('guid', item['link']))}</guid>")
        parts.append(f"<pubDate>{item.get('pubDate', 'Mon, 01 Jan 2024 09:00:00 +0000')}</pubDate>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)


def article(title: str, text: str, extra: str = "") -> str:
    """A statement page in WordPress's markup."""
    return (
        f"<html><head><title>{escape(title)}</title>{extra}</head><body><main><article>"
        f'<h1>{escape(title)}</h1><div class="entry-content"><p>{escape(text)}</p></div></article></main></body></html>'
    )


BILLION_LAUGHS = (
    "<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n"
    + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n' for n in range(1, 10))
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n<!ENTITY remote SYSTEM "{url}">\n]>'
