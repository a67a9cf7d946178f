"""Issue 15's acceptance: feeds that move, end, break or go quiet, polled five times by real `govfeeds run` processes."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from faultserver import FaultServer, ok, redirect, rss_feed, sequence, status
from helpers import query, wait_for, write_registry

ROOT = Path(__file__).resolve().parents[1]
HTML_ERROR = "<!DOCTYPE html><html><head><title>Technical Difficulties</title></head><body>We are experiencing technical difficulties.</body></html>"


def entries(name: str, newest: datetime, gap: timedelta, count: int = 5) -> list[dict[str, str]]:
    """`count` entries of feed `name`, the newest published at `newest`, one every `gap` before it."""
    return [{"title": f"{name} statement {n}", "link": f"http://127.0.0.1/{name}/{n}/", "content": f"<p>{name} statement {n} text.</p>",
             "pubDate": format_datetime(newest - n * gap, usegmt=True)} for n in range(count)]


def govfeeds(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "govfeeds.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    return done.stdout


@pytest.mark.long
@pytest.mark.timeout(300)
def test_seven_feeds_polled_five_times(tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    daily = timedelta(days=1)
    quiet_id = f"quiet-{uuid.uuid4().hex[:8]}"  # the session's Prefect server keeps every test's events
    with FaultServer() as server:
        feeds = {
            "moved": server.route("/old/feed/", redirect("/new/feed/", 301)),
            "temporary": server.route("/temp/feed/", redirect("/temp-target/feed/", 302)),
            "gone": server.route("/gone/feed/", status(410)),
            "html-error": server.route("/html/feed/", sequence(ok(rss_feed(entries("html", now - daily, daily))),
                                                               ok(HTML_ERROR, content_type="text/html; charset=utf-8"))),
            "emptied": server.route("/emptied/feed/", sequence(ok(rss_feed(entries("emptied", now - daily, daily))), ok(rss_feed([])))),
            quiet_id: server.route("/quiet/feed/", ok(rss_feed(entries("quiet", now - 90 * daily, 7 * daily)))),
            "busy": server.route("/busy/feed/", ok(rss_feed(entries("busy", now - timedelta(hours=1), timedelta(hours=6))))),
        }
        new_url = server.route("/new/feed/", ok(rss_feed(entries("moved", now - daily, daily))))
        server.route("/temp-target/feed/", ok(rss_feed(entries("temporary", now - daily, daily))))
        registry = write_registry(tmp_path / "feeds.toml", *({"id": feed_id, "url": url} for feed_id, url in feeds.items()))
        registry_text = registry.read_text()
        db = tmp_path / "lifecycle.duckdb"
        env = {**os.environ, "GOVFEEDS_DB": str(db), "GOVFEEDS_FEEDS": str(registry), "GOVFEEDS_MAX_PAGES_PER_FEED": "0",
               "GOVFEEDS_HOST_MIN_INTERVAL": "0", "GOVFEEDS_HOST_JITTER": "0", "GOVFEEDS_RETRIES": "0", "COLUMNS": "250"}

        def health() -> dict[str, tuple]:
            return {row[0]: row[1:] for row in query(db, "SELECT feed_id, health, stale, moved, url, statements, what_to_do FROM feed_health")}

        govfeeds("run", env=env)
        assert health()["gone"][0] == "gone"
        for poll in range(2, 6):
            govfeeds("run", *(["--force"] if poll == 5 else []), env=env)  # --force: still not the gone feed
            if poll == 2:
                assert health()["html-error"][0] == health()["emptied"][0] == "suspect"
            if poll == 3:
                assert health()["moved"][2:4] == (True, new_url), "three polls answered by the same 301 move the feed"

        assert [seen.path for seen in server.requests() if seen.path in ("/old/feed/", "/new/feed/")] == (
            ["/old/feed/", "/new/feed/"] * 3 + ["/new/feed/"] * 2)
        assert query(db, "SELECT old_url, new_url, status_code FROM feed_url_changes") == [(feeds["moved"], new_url, 301)]
        assert len(server.requests("/gone/feed/")) == 1
        assert len(server.requests("/temp/feed/")) == 5
        state = health()
        assert state["temporary"][:4] == ("healthy", False, False, feeds["temporary"])
        assert state["moved"][0] == "healthy" and state["moved"][4] == 5
        assert query(db, "SELECT count(*), count(DISTINCT title) FROM statements WHERE title LIKE 'moved %'") == [(5, 5)]
        for broken in ("html-error", "emptied"):
            assert state[broken][0] not in ("healthy", "never polled") and state[broken][4] == 5
        assert query(db, "SELECT count(*) FROM statements WHERE feed_id IN ('html-error', 'emptied') AND deleted_at IS NULL "
                         "AND version = 1") == [(10,)]
        assert state[quiet_id][1] is True and state["busy"][1] is False
        ((quiet_next, busy_next),) = query(db, f"SELECT max(next_poll_at) FILTER (WHERE feed_id = '{quiet_id}'), "
                                               "max(next_poll_at) FILTER (WHERE feed_id = 'busy') FROM feeds")
        assert quiet_next > busy_next

        output = govfeeds("status", env=env)
        assert "gone" in output and "suspect" in output and "stale" in output
        assert f"moved: update deployments/feeds.toml to {new_url}" in output
        assert "govfeeds feeds reset gone" in output
        assert registry.read_text() == registry_text, "the registry is the user's: never rewritten"

        requested = len(server.requests())
        govfeeds("run", "--due", env=env)  # as the poll-feeds deployment: every feed just polled is not due yet
        assert len(server.requests()) == requested

    # The quiet feed's silence was announced once, in five runs.
    api = os.environ["PREFECT_API_URL"]

    def stale_events() -> list[dict]:
        found = httpx.post(f"{api}/events/filter", json={"filter": {"event": {"name": ["govfeeds.feed.stale"]},
                                                                     "resource": {"id": [f"govfeeds.feed.{quiet_id}"]},
                                                                     "occurred": {"since": (now - daily).isoformat()}}}, timeout=10)
        return found.json()["events"]

    wait_for(stale_events, timeout=60)
    assert [event["payload"]["feed_id"] for event in stale_events()] == [quiet_id]
