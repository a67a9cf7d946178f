"""Backfill against loopback sites: REST walk, paged-feed fallback, plain feeds, resuming after SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from prefect.settings import PREFECT_API_URL
from pytest_httpserver import HTTPServer

from flows.backfill import backfill
from flows.poll import poll_feeds
from govfeeds.demo.wordpress import WordPressSite
from govfeeds.settings import Settings
from govfeeds.store.loads import LoadResult, load_spool
from helpers import make_post, query, wait_for, write_registry

ROOT = Path(__file__).resolve().parents[1]


def wordpress_site(posts: int = 120, **kwargs: object) -> WordPressSite:
    return WordPressSite("Test Embassy", [make_post(n) for n in range(posts)], feed_size=10, **kwargs)


def test_backfill_walks_the_rest_api_with_the_feed_s_identities_and_repeats_write_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[dict] = []
    monkeypatch.setattr("tasks.events.emit_event", lambda **event: events.append(event))
    db = tmp_path / "govfeeds.duckdb"
    with wordpress_site() as site:
        registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": site.feed_url, "country": "KZ"})
        poll_feeds(db=str(db), registry=str(registry))
        assert query(db, "SELECT count(*) FROM statements") == [(10,)]
        # its 2024 posts make the feed stale: a govfeeds.feed.stale event comes too
        assert [e["event"] for e in events if e["event"] != "govfeeds.feed.stale"] == ["govfeeds.statement.created"] * 10
        sid, url = query(db, "SELECT statement_id, url FROM statements ORDER BY published_at DESC LIMIT 1")[0]
        newest = next(e for e in events if e["resource"]["prefect.resource.id"] == f"govfeeds.statement.{sid}")
        assert newest["resource"]["govfeeds.doc_type"] == "press_release"
        assert newest["payload"] == {"statement_id": sid, "feed": "embassy", "url": url, "title": "Statement number 119 on bilateral cooperation",
                                     "doc_type": "press_release", "countries": ["KZ", "US"]}
        events.clear()
        polled = query(db, "SELECT statement_id, content_sha256 FROM statements ORDER BY 1")

        summary = backfill(since=date(2020, 1, 1), db=str(db), registry=str(registry))

        assert (summary.new, summary.updated, summary.errors) == (110, 0, 0)
        assert [(e["event"], e["payload"]["new"]) for e in events] == [("govfeeds.backfill.completed", 110)]
        assert summary.feeds[0].method == "rest" and summary.feeds[0].complete
        assert query(db, "SELECT count(*), count(DISTINCT statement_id), count(DISTINCT guid) FROM statements") == [(120, 120, 120)]
        # The 10 posts the poll stored from their pages are the same statements, untouched.
        assert query(db, "SELECT statement_id, content_sha256 FROM statements WHERE text_source = 'page' ORDER BY 1") == polled
        assert query(db, "SELECT count(*) FROM statements WHERE text_source = 'api_content' AND doc_type IS NOT NULL") == [(110,)]
        rest_pages = [path for path, _ in site.counters.requests if path.startswith("/wp-json/")]
        assert len(rest_pages) == 2  # 120 posts at 100 per page

        again = backfill(since=date(2020, 1, 1), db=str(db), registry=str(registry))

        assert (again.new, again.updated) == (0, 0)
        assert query(db, "SELECT count(*) FROM statement_versions") == [(120,)]


def test_pages_are_loaded_while_later_pages_are_still_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "govfeeds.duckdb"
    loaded = threading.Event()

    def load_and_tell(settings: Settings, **options: bool) -> list[LoadResult]:
        results = load_spool(settings, **options)
        if results:
            loaded.set()
        return results

    monkeypatch.setattr("tasks.load.load_spool", load_and_tell)
    # the held page outwaits the default 20 s read timeout, which would end the walk and load it
    monkeypatch.setenv("GOVFEEDS_READ_TIMEOUT", "120")
    monkeypatch.setenv("GOVFEEDS_TOTAL_TIMEOUT", "120")
    answered_after_a_load: list[bool] = []

    def last_page_waits_for_a_load(path: str) -> bool:
        """The walk's last REST page (12, of 10 posts each) is answered once earlier pages were loaded.

        A load held back to the end of the walk never comes while this page waits: it waits out 60 s.
        """
        if path.startswith("/wp-json/") and parse_qs(urlsplit(path).query)["page"] == ["12"]:
            answered_after_a_load.append(loaded.wait(60))
        return False  # answered now: the wait was here

    with wordpress_site() as site:
        site.hold = last_page_waits_for_a_load
        registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": site.feed_url})
        summary = backfill(since=date(2020, 1, 1), page_size=10, db=str(db), registry=str(registry))
    assert answered_after_a_load == [True]
    assert summary.new == 120
    assert query(db, "SELECT count(*) FROM statements") == [(120,)]


def test_window_limits_what_is_loaded(tmp_path: Path) -> None:
    db = tmp_path / "govfeeds.duckdb"
    with wordpress_site() as site:
        registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": site.feed_url})
        summary = backfill(since=date(2024, 1, 11), until=date(2024, 1, 20), db=str(db), registry=str(registry))
    assert summary.new == 10  # make_post(n) is published on 2024-01-01 + n days
    assert query(db, "SELECT min(published_at)::DATE, max(published_at)::DATE FROM statements") == [(date(2024, 1, 11), date(2024, 1, 20))]


def test_without_the_rest_api_the_paged_feed_is_walked(tmp_path: Path) -> None:
    db = tmp_path / "govfeeds.duckdb"
    with wordpress_site(45, rest_api=False) as site:
        registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": site.feed_url})
        summary = backfill(since=date(2020, 1, 1), db=str(db), registry=str(registry))
        assert site.counters.count("/feed/?paged=5") == 1 and site.counters.count("/feed/?paged=6") == 1  # 6 is the 404
    report = summary.feeds[0]
    assert (report.method, report.new, report.complete) == ("paged_feed", 45, True)
    assert "REST API unavailable" in (report.note or "")
    assert query(db, "SELECT count(DISTINCT statement_id), min(text_source), max(text_source) FROM statements") == [(45, "page", "page")]


def test_a_feed_that_does_not_page_gives_what_it_lists_and_says_so(tmp_path: Path, httpserver: HTTPServer, wordpress: WordPressSite) -> None:
    body = wordpress.render_feed(1)  # 30 items; this server ignores ?paged= and has no REST API
    httpserver.expect_request("/news.rss").respond_with_data(body, content_type="application/rss+xml")
    registry = write_registry(tmp_path / "feeds.toml", {"id": "ministry", "url": httpserver.url_for("/news.rss"),
                                                        "allowed_hosts": ["127.0.0.1"]})
    db = tmp_path / "govfeeds.duckdb"
    summary = backfill(since=date(2020, 1, 1), db=str(db), registry=str(registry))
    report = summary.feeds[0]
    assert (report.method, report.new, report.complete) == ("feed", 30, True)
    assert "does not page" in (report.note or "") and "30 entries" in report.note
    assert "| ministry | feed |" in summary.to_markdown()


def test_killed_backfill_continues_from_its_checkpoint(tmp_path: Path) -> None:
    db = tmp_path / "govfeeds.duckdb"
    with wordpress_site() as site:
        registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": site.feed_url})
        command = [sys.executable, "-m", "govfeeds.cli", "backfill", "--since", "2020-01-01", "--page-size", "10",
                   "--db", str(db), "--feeds", str(registry)]
        env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
        # REST pages 4..12 wait: the walk is killed once pages 1-3 are spooled (loaded behind the
        # stages or not yet: the kill may land before, during or after that load). The first
        # process fetches pages ahead, so held pages 4, 6 and 8 are in flight beside pages 2-3:
        # enough connections to the site that they cannot take every one from page 2, and
        # timeouts that outlast the test's wait, or page 4 fails and the walk ends before the kill.
        held_env = {**env, "GOVFEEDS_HOST_CONCURRENCY": "4", "GOVFEEDS_READ_TIMEOUT": "600", "GOVFEEDS_TOTAL_TIMEOUT": "600"}
        site.hold = lambda path: path.startswith("/wp-json/") and int(parse_qs(urlsplit(path).query)["page"][0]) >= 4

        log = tmp_path / "first.log"
        with log.open("w") as output:
            first = subprocess.Popen(command, cwd=ROOT, env=held_env, stdout=output, stderr=subprocess.STDOUT)
            wait_for(lambda: "page 3/12 fetched" in log.read_text() or first.poll() is not None, timeout=180)
            first.send_signal(signal.SIGKILL)
            first.wait()
        assert first.returncode == -signal.SIGKILL, log.read_text()
        site.released.set()

        # the second process says who it is: a page the killed one had asked for may reach the site
        # only now, after the kill (its fetches run ahead: 4, 6, 8, 10 ...)
        second_env = {**env, "GOVFEEDS_CONTACT_URL": "https://second-run.example/"}
        second = subprocess.run(command, cwd=ROOT, env=second_env, capture_output=True, text=True, timeout=240)

        assert second.returncode == 0, second.stdout + second.stderr
        rest_pages = [int(parse_qs(urlsplit(path).query)["page"][0]) for path, headers in site.counters.requests
                      if path.startswith("/wp-json/") and "second-run.example" in headers.get("user-agent", "")]
    assert rest_pages[0] == 4, "the second call loads what the first left spooled of pages 1-3, then resumes from the checkpoint they moved"
    assert sorted(rest_pages) == list(range(4, 13))
    assert query(db, "SELECT count(*), count(DISTINCT statement_id) FROM statements") == [(120, 120)]
    assert query(db, "SELECT count(*), count(DISTINCT statement_id) FROM statement_versions") == [(120, 120)]
    assert query(db, "SELECT done FROM backfill_checkpoints") == [(True,)]
