"""Requests per simulated day to a quiet feed and a busy one: the learned schedule against polling on every tick.

Standalone (no site farm, no Prefect server): one loopback server publishes two feeds as a
simulated clock advances, a quiet one (a post a week) and a busy one (a post every 6 hours). The
poll-feeds deployment runs every 15 minutes with `due`: on each tick of the simulated clock every
feed whose feeds.next_poll_at has come is polled by the real source (`govfeeds.sources.poll`, whose
clock is the simulated one), which parses the feed and sets the next poll from its entry gaps
(govfeeds/sources/schedule.py). Printed per feed: requests per simulated day and how long a new
post waited to be fetched, against the old behaviour (every feed on every tick: 96 a day).

    .venv/bin/python -m bench.schedule_day [--days 14]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import govfeeds.sources.rss as rss
from govfeeds import sources
from govfeeds.net.http import make_client
from govfeeds.settings import Settings
from schemas.feeds import FeedConfig
from schemas.statements import FeedState

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from faultserver import FaultServer, rss_feed  # noqa: E402

TICK = timedelta(minutes=15)  # deployments/prefect.yaml: */15
START = datetime(2026, 3, 2, tzinfo=UTC)
FEEDS = {"quiet": timedelta(days=7), "busy": timedelta(hours=6)}


class Clock:
    now = START


class _SimulatedDatetime(datetime):
    @classmethod
    def now(cls, tz=None):  # noqa: ANN001, ANN206 - datetime's signature
        return Clock.now


def posts(gap: timedelta, until: datetime) -> list[datetime]:
    """Publication times of a feed posting every `gap` (from well before START), up to `until`, newest first."""
    first = START - 10 * gap + gap / 3
    count = int((until - first) / gap) + 1
    return [first + n * gap for n in reversed(range(count))]


def serve(name: str, gap: timedelta):  # noqa: ANN201 - a faultserver behaviour
    def behaviour(handler) -> None:  # noqa: ANN001
        items = [{"title": f"{name} post {when:%Y-%m-%d %H:%M}", "link": f"http://127.0.0.1/{name}/{when:%Y%m%d%H%M}/",
                  "pubDate": format_datetime(when, usegmt=True)} for when in posts(gap, Clock.now)[:10]]
        body = rss_feed(items).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return behaviour


def simulate(days: int) -> dict[str, dict[str, float]]:
    settings = Settings(host_min_interval=0, host_jitter=0, retries=0)
    rss.datetime = _SimulatedDatetime  # the source's clock is the simulated one
    end = START + timedelta(days=days)
    with FaultServer() as server, make_client(settings) as client:
        feeds = {name: FeedConfig(id=name, url=server.route(f"/{name}/feed/", serve(name, gap))) for name, gap in FEEDS.items()}
        states = {name: FeedState() for name in feeds}
        due = dict.fromkeys(feeds, START)
        polls: dict[str, list[datetime]] = {name: [] for name in feeds}
        Clock.now = START
        while Clock.now < end:
            for name, feed in feeds.items():
                if due[name] <= Clock.now:
                    batch = sources.poll(client, feed, states[name], settings)
                    assert batch.outcome in ("ok", "unchanged"), batch.error
                    polls[name].append(Clock.now)
                    due[name] = batch.next_poll_at
                    if batch.outcome == "ok":  # what the store keeps for the next poll (govfeeds.store.feeds.record_polls)
                        states[name] = FeedState(last_body_sha256=batch.body_sha256, entry_gap_seconds=batch.entry_gap_seconds,
                                                 newest_entry_at=batch.newest_entry_at, last_entries=batch.entries_listed)
            Clock.now += TICK
    results = {}
    for name, gap in FEEDS.items():
        waits = [(next(p for p in polls[name] if p >= when) - when).total_seconds() / 60
                 for when in posts(gap, end - timedelta(days=1)) if when >= START]
        results[name] = {"requests_per_day": len(polls[name]) / days, "every_tick_per_day": timedelta(days=1) / TICK,
                         "median_wait_minutes": statistics.median(waits), "max_wait_minutes": max(waits), "posts": len(waits)}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=14, help="simulated days")
    args = parser.parse_args()
    results = simulate(args.days)
    print("| feed | posts | requests per simulated day | polling every tick | median wait for a new post | longest wait |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} (a post every {FEEDS[name].total_seconds() / 3600:g} h) | {r['posts']} | {r['requests_per_day']:.1f} | {r['every_tick_per_day']:.0f} | "
              f"{r['median_wait_minutes']:.0f} min | {r['max_wait_minutes']:.0f} min |")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
