"""How often and how hard we may ask each server: per-site pacing, Retry-After, and failure backoff.

Hundreds of feeds live on a few organisations' servers (every `*.usembassy.gov` site is one
operator), so pacing is per *registrable domain*, shared by all subdomains, and shared by every
thread of the process: the fetch and extract stages of all groups go through the same
`Politeness` (see `politeness_for`). A server that answers 429/503 with Retry-After gets no
request from us before that time, whichever feed or page asks.
"""

from __future__ import annotations

import ipaddress
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import tldextract

from govfeeds.settings import Settings

#: The public-suffix snapshot bundled with tldextract; never fetched over the network.
_DOMAINS = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

#: A feed that failed N polls in a row is next due FAILURE_BACKOFF_SECONDS * 2**(N-1) after the
#: last poll, at most FAILURE_BACKOFF_MAX_SECONDS: a dead site costs a request every few hours,
#: not every run, and comes back by itself once it answers again.
FAILURE_BACKOFF_SECONDS = 300
FAILURE_BACKOFF_MAX_SECONDS = 6 * 3600


class HostWait(Exception):
    """We may not send this request before the deadline (the server asked us to wait, or the site is busy)."""

    def __init__(self, message: str, retry_after: datetime | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def site_key(url: str) -> str:
    """The unit of politeness for `url`: its registrable domain (`kz.usembassy.gov` -> `usembassy.gov`).

    IP literals and `localhost` have no registrable domain; they are keyed by host and port.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if _is_local(host) or _is_ip(host):
        return f"{host}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    return _DOMAINS(host).top_domain_under_public_suffix or host


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _is_local(host: str) -> bool:
    """Loopback hosts: our own test and demo sites, which pacing would only slow down."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def retry_after(value: str | None, now: datetime | None = None) -> datetime | None:
    """The time a Retry-After header names: delta-seconds or an HTTP-date; None when absent or unreadable."""
    if not value:
        return None
    now = now or datetime.now(UTC)
    value = value.strip()
    if value.isdigit():
        return now + timedelta(seconds=int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when


def failure_backoff(failures: int) -> timedelta:
    """How long after its last poll a feed with `failures` failed polls in a row is next due."""
    if failures <= 0:
        return timedelta(0)
    return timedelta(seconds=min(FAILURE_BACKOFF_SECONDS * 2 ** min(failures - 1, 30), FAILURE_BACKOFF_MAX_SECONDS))


@dataclass
class _Site:
    slots: threading.BoundedSemaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0  # monotonic time before which the next request may not start
    not_before: float = 0.0  # monotonic time the server's Retry-After named
    not_before_at: datetime | None = None


class Politeness:
    """Per-site concurrency limit, minimum interval with jitter, and Retry-After, for one process."""

    def __init__(self, concurrency: int, min_interval: float, jitter: float) -> None:
        self.concurrency = concurrency
        self.min_interval = min_interval
        self.jitter = jitter
        self._sites: dict[str, _Site] = {}
        self._lock = threading.Lock()

    def _site(self, key: str, local: bool) -> _Site:
        with self._lock:
            if key not in self._sites:
                # Loopback sites are ours (tests, the demo): only Retry-After applies to them.
                self._sites[key] = _Site(threading.BoundedSemaphore(1_000_000 if local else self.concurrency))
            return self._sites[key]

    @contextmanager
    def slot(self, url: str, deadline: float) -> Iterator[None]:
        """Hold one of the site's request slots, started no sooner than its pacing and Retry-After allow.

        Raises HostWait when that cannot happen before `deadline` (a monotonic time).
        """
        key = site_key(url)
        local = _is_local((urlsplit(url).hostname or "").lower())
        site = self._site(key, local)
        with site.lock:
            if site.not_before > deadline:
                raise HostWait(
                    f"{key} asked us (Retry-After) not to return before {site.not_before_at:%Y-%m-%d %H:%M:%S} UTC; not requested",
                    site.not_before_at,
                )
        if not site.slots.acquire(timeout=max(deadline - time.monotonic(), 0)):
            raise HostWait(f"{key} had {self.concurrency} requests in flight until the deadline; not requested")
        try:
            with site.lock:
                start = max(time.monotonic(), site.next_start, site.not_before)
                if start > deadline:
                    raise HostWait(f"{key} could not be requested again before the deadline; not requested", site.not_before_at)
                if not local and self.min_interval > 0:
                    site.next_start = start + self.min_interval + random.uniform(0, self.jitter)
            pause = start - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            yield
        finally:
            site.slots.release()

    def defer(self, url: str, until: datetime) -> None:
        """Remember a server's Retry-After: no request to its site starts before `until`."""
        site = self._site(site_key(url), _is_local((urlsplit(url).hostname or "").lower()))
        wait = (until - datetime.now(UTC)).total_seconds()
        with site.lock:
            if time.monotonic() + wait > site.not_before:
                site.not_before, site.not_before_at = time.monotonic() + wait, until.astimezone(UTC)


_shared: dict[tuple[int, float, float], Politeness] = {}
_shared_lock = threading.Lock()


def politeness_for(settings: Settings) -> Politeness:
    """The process-wide Politeness for these settings: every thread and stage of a run shares it."""
    key = (settings.host_concurrency, settings.host_min_interval, settings.host_jitter)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = Politeness(*key)
        return _shared[key]


def forget_every_site() -> None:
    """Drop the process-wide pacing and Retry-After state, as a new process starts.

    For long-lived processes that run unrelated work one after another (the test suite: one
    test's loopback server asking for Retry-After must not hold back the next test's requests).
    """
    with _shared_lock:
        _shared.clear()
