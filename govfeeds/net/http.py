"""One careful HTTP GET: timeouts, a total deadline, a streamed size limit, bounded redirects, retries, pacing.

Every request the pipeline makes goes through `get`, so these guards hold everywhere.
"""

from __future__ import annotations

import functools
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import httpx

from govfeeds.settings import Settings
from govfeeds.net.politeness import HostWait, Politeness, politeness_for, retry_after


class FetchError(Exception):
    """A request that produced no usable response; `str(error)` says why in one line.

    `retryable`: a transient network failure worth another attempt. `refused`: never requested
    (the URL was vetoed). `retry_after`: the server asked us not to return before then.
    """

    def __init__(self, message: str, *, retryable: bool = False, refused: bool = False, retry_after: datetime | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.refused = refused
        self.retry_after = retry_after
        self.attempts = 1


@dataclass
class Response:
    """A completed response whose body is fully read and within the limits."""

    url: str
    status_code: int
    headers: httpx.Headers
    body: bytes
    elapsed_ms: float
    redirects: list[str] = field(default_factory=list)
    redirect_codes: list[int] = field(default_factory=list)  # the status of each hop in `redirects` (301, 302, ...)
    retry_after: datetime | None = None  # from a 429/503's Retry-After header
    attempts: int = 1

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The certificate store, loaded once per process: loading it costs ~30 ms, and every fetch task makes a client."""
    return httpx.create_ssl_context()


def make_client(settings: Settings) -> httpx.Client:
    """An httpx client with the project's timeouts and User-Agent. Redirects are followed by `get`."""
    timeout = httpx.Timeout(
        connect=settings.connect_timeout, read=settings.read_timeout, write=settings.read_timeout, pool=settings.total_timeout
    )
    return httpx.Client(
        timeout=timeout,
        verify=_tls_context(),
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        limits=httpx.Limits(max_connections=settings.max_concurrent_feeds * 2, max_keepalive_connections=settings.max_concurrent_feeds),
    )


#: Answers worth asking again: the server is overloaded or briefly broken, not refusing us.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def get(
    client: httpx.Client,
    url: str,
    settings: Settings,
    *,
    headers: dict[str, str] | None = None,
    refuse: Callable[[str], str | None] | None = None,
) -> Response:
    """GET `url` politely, retrying transient failures, within `settings.total_timeout` overall.

    Every request waits for a slot of its site (govfeeds/net/politeness.py: concurrency, interval, a
    server's Retry-After). A 429/5xx answer, a reset or truncated connection, or a connect failure
    is retried up to `settings.retries` times after an exponential pause with jitter (or the
    server's Retry-After, if longer), as long as the deadline allows; then the last answer is
    returned (a 5xx is a Response, not an error) or the last error raised.
    `refuse(url)` is asked before every hop, redirects included, and may veto it with a reason.
    Raises FetchError for network failures, timeouts, oversize bodies and refused or looping redirects.
    """
    started = time.monotonic()
    deadline = started + settings.total_timeout
    polite = politeness_for(settings)
    attempt = 0
    while True:
        attempt += 1
        try:
            response = _get_once(client, url, settings, headers, refuse, polite, started, deadline)
        except FetchError as error:
            if not error.retryable or attempt > settings.retries or not _pause_before_retry(settings, attempt, None, deadline):
                error.attempts = attempt
                raise
            continue
        response.attempts = attempt
        if response.status_code not in RETRY_STATUSES:
            return response
        if response.retry_after is not None:
            polite.defer(response.url, response.retry_after)
        if attempt > settings.retries or not _pause_before_retry(settings, attempt, response.retry_after, deadline):
            return response


def _pause_before_retry(settings: Settings, attempt: int, retry_after: datetime | None, deadline: float) -> bool:
    """Sleep before attempt `attempt + 1`; False (no sleep) when the pause would end past the deadline.

    Exponential backoff with full jitter on top, so that many clients hit by one outage do not
    come back in step; a Retry-After the server named is never cut short.
    """
    backoff = settings.retry_backoff_seconds * 2 ** (attempt - 1)
    pause = backoff + random.uniform(0, backoff)
    if retry_after is not None:
        pause = max(pause, (retry_after - datetime.now(UTC)).total_seconds())
    if time.monotonic() + pause >= deadline:
        return False
    time.sleep(pause)
    return True


def _get_once(
    client: httpx.Client,
    url: str,
    settings: Settings,
    headers: dict[str, str] | None,
    refuse: Callable[[str], str | None] | None,
    polite: Politeness,
    started: float,
    deadline: float,
) -> Response:
    """One attempt: follow at most `settings.max_redirects` redirects, each hop refused or paced as it comes."""
    redirects: list[str] = []
    codes: list[int] = []
    current = url
    while True:
        if refuse is not None and (reason := refuse(current)) is not None:
            raise FetchError(f"refused {current}: {reason}", refused=True)
        try:
            with polite.slot(current, deadline), client.stream("GET", current, headers=headers, timeout=_timeout(settings, deadline)) as response:
                if response.is_redirect and "location" in response.headers:
                    redirects.append(current)
                    codes.append(response.status_code)
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
                    redirect_codes=codes,
                    retry_after=retry_after(response.headers.get("retry-after")) if response.status_code in (429, 503) else None,
                )
        except HostWait as error:
            raise FetchError(str(error), retry_after=error.retry_after) from error
        except httpx.TimeoutException as error:
            raise FetchError(
                f"timed out ({type(error).__name__}) fetching {current}", retryable=isinstance(error, httpx.ConnectTimeout)
            ) from error
        except httpx.HTTPError as error:
            transient = isinstance(error, (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError))
            raise FetchError(f"{type(error).__name__} fetching {current}: {error}", retryable=transient) from error


def _timeout(settings: Settings, deadline: float) -> httpx.Timeout:
    """The configured timeouts, none longer than what is left of the total deadline."""
    left = max(deadline - time.monotonic(), 0.001)
    return httpx.Timeout(
        connect=min(settings.connect_timeout, left), read=min(settings.read_timeout, left),
        write=min(settings.read_timeout, left), pool=left,
    )


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
