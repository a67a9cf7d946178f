"""When a feed is next due, and when it goes stale: learned from its entries, never before its server's hints.

A feed is polled every `poll_gap_fraction` of its usual gap between entries (the median of its
newest entries' publication gaps), within `poll_min_interval`..`poll_max_interval`; the next poll
is never earlier than what the server itself asks (`Cache-Control: max-age`, `Expires`, RSS
`<ttl>`, `sy:updatePeriod`/`sy:updateFrequency`). A hint longer than a week counts as a week, so a
misconfigured Expires cannot silence a feed. A feed is stale once it has posted nothing for
`stale_gap_factor` times its usual gap, and at least `stale_floor_days`.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from govfeeds.settings import Settings

#: Publication gaps of this many newest entries make a feed's usual gap.
RECENT_ENTRIES = 10
#: The longest wait a server's hint may impose.
MAX_HINT_SECONDS = 7 * 86400.0
_PERIODS = {"hourly": 3600.0, "daily": 86400.0, "weekly": 7 * 86400.0, "monthly": 30 * 86400.0, "yearly": 365 * 86400.0}
_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


def usual_gap(published: Iterable[datetime | None]) -> float | None:
    """Median seconds between the newest entries' publication times; None with fewer than two dates."""
    times = sorted({when for when in published if when is not None}, reverse=True)[:RECENT_ENTRIES]
    gaps = [(newer - older).total_seconds() for newer, older in zip(times, times[1:])]
    return statistics.median(gaps) if gaps else None


def header_hint(headers: Mapping[str, str], now: datetime) -> float | None:
    """Seconds the response says it stays fresh: Cache-Control max-age, else Expires (against Date, else now)."""
    if match := _MAX_AGE.search(headers.get("cache-control") or ""):
        return float(match.group(1))
    expires = _http_date(headers.get("expires"))
    if expires is None:
        return None
    return max((expires - (_http_date(headers.get("date")) or now)).total_seconds(), 0.0)


def document_hint(feed: Mapping[str, object]) -> float | None:
    """Seconds the feed document asks between polls: RSS <ttl> (minutes), sy:updatePeriod / sy:updateFrequency."""
    hints = []
    try:
        hints.append(float(str(feed["ttl"]).strip()) * 60)
    except (KeyError, ValueError):
        pass
    period = _PERIODS.get(str(feed.get("sy_updateperiod") or "").strip().lower())
    if period:
        try:
            frequency = max(float(str(feed.get("sy_updatefrequency") or "1").strip()), 1.0)
        except ValueError:
            frequency = 1.0
        hints.append(period / frequency)
    return max(hints) if hints else None


def next_poll_at(polled_at: datetime, gap: float | None, hints: Iterable[float | None], settings: Settings) -> datetime:
    """When a feed that just answered usefully is next due."""
    learned = settings.poll_min_interval if gap is None else gap * settings.poll_gap_fraction
    interval = min(max(learned, settings.poll_min_interval), settings.poll_max_interval)
    asked = max([min(hint, MAX_HINT_SECONDS) for hint in hints if hint is not None], default=0.0)
    return polled_at + timedelta(seconds=max(interval, asked))


def stale_after(newest: datetime | None, gap: float | None, settings: Settings) -> datetime | None:
    """When a feed whose newest entry is `newest` becomes stale, if it posts nothing more."""
    if newest is None:
        return None
    floor = settings.stale_floor_days * 86400.0
    return newest + timedelta(seconds=max(floor, (gap or 0.0) * settings.stale_gap_factor))


def _http_date(value: str | None) -> datetime | None:
    try:
        when = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
