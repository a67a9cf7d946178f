"""One careful HTTP GET: explicit timeouts, a total deadline, a streamed size limit, bounded redirects.

Every request the pipeline makes goes through `get`, so these guards hold everywhere.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from govfeeds.settings import Settings


class FetchError(Exception):
    """A request that produced no usable response; `str(error)` says why in one line."""


@dataclass
class Response:
    """A completed response whose body is fully read and within the limits."""

    url: str
    status_code: int
    headers: httpx.Headers
    body: bytes
    elapsed_ms: float
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


def make_client(settings: Settings) -> httpx.Client:
    """An httpx client with the project's timeouts and User-Agent. Redirects are followed by `get`."""
    timeout = httpx.Timeout(
        connect=settings.connect_timeout, read=settings.read_timeout, write=settings.read_timeout, pool=settings.total_timeout
    )
    return httpx.Client(
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        limits=httpx.Limits(max_connections=settings.max_concurrent_feeds * 2, max_keepalive_connections=settings.max_concurrent_feeds),
    )


def get(
    client: httpx.Client,
    url: str,
    settings: Settings,
    *,
    headers: dict[str, str] | None = None,
    refuse: Callable[[str], str | None] | None = None,
) -> Response:
    """GET `url`, following at most `settings.max_redirects` redirects.

    `refuse(url)` is asked before every hop, redirects included, and may veto it with a reason.
    Raises FetchError for network failures, timeouts, oversize bodies and refused or looping redirects.
    """
    started = time.monotonic()
    deadline = started + settings.total_timeout
    redirects: list[str] = []
    current = url
    while True:
        if refuse is not None and (reason := refuse(current)) is not None:
            raise FetchError(f"refused {current}: {reason}")
        try:
            with client.stream("GET", current, headers=headers) as response:
                if response.is_redirect and "location" in response.headers:
                    redirects.append(current)
                    if len(redirects) > settings.max_redirects:
                        raise FetchError(f"more than {settings.max_redirects} redirects from {url}")
                    current = urljoin(current, response.headers["location"])
                    continue
                body = _read_limited(response, settings.max_body_bytes, deadline)
                return Response(
                    url=current,
                    status_code=response.status_code,
                    headers=response.headers,
                    body=body,
                    elapsed_ms=(time.monotonic() - started) * 1000,
                    redirects=redirects,
                )
        except httpx.TimeoutException as error:
            raise FetchError(f"timed out ({type(error).__name__}) fetching {current}") from error
        except httpx.HTTPError as error:
            raise FetchError(f"{type(error).__name__} fetching {current}: {error}") from error


def _read_limited(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes and "content-encoding" not in response.headers:
        raise FetchError(f"body of {declared} bytes exceeds the {max_bytes}-byte limit")
    chunks: list[bytes] = []
    size = 0
    # iter_bytes yields decoded bytes, so a compressed bomb is bounded by what it expands to.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"body exceeds the {max_bytes}-byte limit (cut off while streaming)")
        if time.monotonic() > deadline:
            raise FetchError("total deadline passed while reading the body")
        chunks.append(chunk)
    return b"".join(chunks)
