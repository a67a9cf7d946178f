"""The feed lifecycle piece by piece: the learned schedule and its server hints, moves and their limits,
gone feeds and their reset, `--due`, stale alerts, discovery."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from faultserver import FaultServer, ok, redirect, rss_feed, status
from flows.alerts import alerts
from flows.poll import poll_feeds
from govfeeds import sources
from govfeeds.cli import app
from govfeeds.net.http import make_client
from govfeeds.registry import load_registry
from govfeeds.settings import Settings
from govfeeds.sources import rss, schedule
from helpers import query, write_registry
from schemas.feeds import FeedConfig
from schemas.statements import FeedState

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
HOUR = 3600.0


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in {"RETRIES": "0", "HOST_MIN_INTERVAL": "0", "HOST_JITTER": "0", "MAX_PAGES_PER_FEED": "0"}.items():
        monkeypatch.setenv(f"GOVFEEDS_{key}", value)
    monkeypatch.setattr("govfeeds.cli.console", Console(width=250))


def entries(name: str, newest: datetime, gap: timedelta, count: int = 5) -> list[dict[str, str]]:
    return [{"title": f"{name} {n}", "link": f"http://127.0.0.1/{name}/{n}/", "content": f"<p>{name} {n}.</p>",
             "pubDate": format_datetime(newest - n * gap, usegmt=True)} for n in range(count)]


def test_usual_gap_is_the_median_of_the_newest_entries() -> None:
    times = [NOW - timedelta(hours=6 * n) for n in range(12)] + [NOW - timedelta(days=400)]
    assert schedule.usual_gap(times) == 6 * HOUR
    assert schedule.usual_gap([NOW, None]) is None


def test_learned_interval_stays_within_bounds_and_never_before_a_hint() -> None:
    settings = Settings(poll_min_interval=900, poll_max_interval=86400, poll_gap_fraction=0.5)
    due = lambda gap, *hints: (schedule.next_poll_at(NOW, gap, hints, settings) - NOW).total_seconds()  # noqa: E731
    assert due(6 * HOUR) == 3 * HOUR
    assert due(7 * 24 * HOUR) == 86400 and due(60) == 900 and due(None) == 900
    assert due(6 * HOUR, 5 * HOUR) == 5 * HOUR  # the server's hint is longer: it wins
    assert due(6 * HOUR, 30 * 24 * HOUR) == schedule.MAX_HINT_SECONDS  # a hint of a month counts as a week


def test_server_hints_from_headers_and_document() -> None:
    assert schedule.header_hint({"cache-control": "public, max-age=1800"}, NOW) == 1800
    expires = {"expires": format_datetime(NOW + timedelta(hours=2), usegmt=True), "date": format_datetime(NOW, usegmt=True)}
    assert schedule.header_hint(expires, NOW) == 2 * HOUR
    assert schedule.header_hint({"expires": "0"}, NOW) is None
    assert schedule.document_hint({"ttl": "60"}) == HOUR
    assert schedule.document_hint({"sy_updateperiod": "daily", "sy_updatefrequency": "2"}) == 12 * HOUR
    assert schedule.document_hint({}) is None


def test_a_poll_is_scheduled_no_earlier_than_ttl_and_max_age(tmp_path: Path) -> None:
    with FaultServer() as server:
        body = rss_feed(entries("hinted", datetime.now(UTC), timedelta(hours=1))).replace("<description>d</description>",
                                                                                            "<description>d</description><ttl>240</ttl>")
        url = server.route("/hinted/feed/", ok(body, headers={"Cache-Control": "max-age=7200"}))
        capped = server.route("/capped/feed/", ok(rss_feed(entries("capped", datetime.now(UTC), timedelta(hours=1))),
                                                  headers={"Cache-Control": "max-age=7200"}))
        registry = write_registry(tmp_path / "feeds.toml", {"id": "hinted", "url": url}, {"id": "capped", "url": capped})
        poll_feeds(db=str(tmp_path / "db.duckdb"), registry=str(registry))
    waits = dict(query(tmp_path / "db.duckdb", "SELECT feed_id, epoch(next_poll_at - last_polled_at) FROM feeds"))
    assert waits == {"hinted": 4 * HOUR, "capped": 2 * HOUR}  # entries hourly: 30 min learned, but the server asks for longer


def poll_once(feed: FeedConfig, state: FeedState | None = None):  # noqa: ANN201 - a FeedBatch
    settings = Settings()
    with make_client(settings) as client:
        return sources.poll(client, feed, state or FeedState(), settings)


def test_only_permanent_redirects_to_an_allowed_host_count_towards_a_move() -> None:
    with FaultServer() as server, FaultServer("127.0.0.2") as elsewhere:
        feed_body = ok(rss_feed(entries("m", NOW, timedelta(days=1))))
        server.route("/new/feed/", feed_body)
        elsewhere.route("/new/feed/", feed_body)
        cases = {
            "permanent": server.route("/a/", redirect("/new/feed/", 308)),
            "temporary": server.route("/b/", redirect("/new/feed/", 307)),
            "other-host": server.route("/c/", redirect(elsewhere.url("/new/feed/"), 301)),
            "then-temporary": server.route("/d/", redirect("/e/", 301)),
            "not-a-feed": server.route("/f/", redirect("/nothing/", 301)),
        }
        server.route("/e/", redirect("/new/feed/", 302))
        batches = {name: poll_once(FeedConfig(id=name, url=url)) for name, url in cases.items()}
        again = poll_once(FeedConfig(id="permanent", url=cases["permanent"]),
                          FeedState(redirect_url=server.url("/new/feed/"), redirect_status=308, redirect_polls=2))
        allowed = poll_once(FeedConfig(id="allowed", url=cases["other-host"], allowed_hosts=("127.0.0.2",)))
        assert elsewhere.requests() == []
    assert (batches["permanent"].redirect_url, batches["permanent"].redirect_polls, batches["permanent"].moved_to) == (
        server.url("/new/feed/"), 1, None)
    assert batches["temporary"].redirect_url is None and batches["other-host"].redirect_url is None
    assert batches["then-temporary"].redirect_url == server.url("/e/")  # the permanent part of the chain
    assert batches["not-a-feed"].outcome == "failed" and batches["not-a-feed"].redirect_url is None
    assert again.moved_to == server.url("/new/feed/") and again.redirect_polls == 3
    # The SSRF rules hold on every hop: a loopback address the feed is not on is refused, allowed_hosts or not.
    assert allowed.outcome == "failed" and "refused" in allowed.error and allowed.redirect_url is None


def test_a_move_stays_on_the_feed_s_domain_or_its_allowed_hosts() -> None:
    feed = FeedConfig(id="kz", url="https://kz.usembassy.gov/feed/", allowed_hosts=("www.state.gov",))
    assert rss.move_allowed(feed, "https://kz.usembassy.gov/ru/feed/")
    assert rss.move_allowed(feed, "https://www.usembassy.gov/kazakhstan/feed/")  # same registrable domain
    assert rss.move_allowed(feed, "https://www.state.gov/feed/")
    assert not rss.move_allowed(feed, "https://kz-usembassy.example/feed/")


def test_gone_feed_stays_unpolled_until_reset_or_a_new_registry_url(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    with FaultServer() as server:
        gone = server.route("/gone/feed/", status(410))
        registry = write_registry(tmp_path / "feeds.toml", {"id": "ended", "url": gone})
        poll_feeds(db=str(db), registry=str(registry))
        poll_feeds(db=str(db), registry=str(registry), force=True)
        assert len(server.requests("/gone/feed/")) == 1
        assert query(db, "SELECT health, next_poll_at FROM feed_health") == [("gone", None)]

        result = CliRunner().invoke(app, ["feeds", "reset", "ended", "--db", str(db), "--registry", str(registry)])
        assert result.exit_code == 0 and "reset" in result.output, result.output
        server.route("/gone/feed/", ok(rss_feed(entries("back", NOW, timedelta(days=1)))))
        poll_feeds(db=str(db), registry=str(registry))
        assert len(server.requests("/gone/feed/")) == 2 and query(db, "SELECT health FROM feed_health") == [("healthy",)]

        server.route("/gone/feed/", status(410))
        poll_feeds(db=str(db), registry=str(registry))
        new = server.route("/other/feed/", ok(rss_feed(entries("back", NOW, timedelta(days=1)))))
        write_registry(registry, {"id": "ended", "url": new})  # the user edits the registry
        poll_feeds(db=str(db), registry=str(registry))
        assert len(server.requests("/other/feed/")) == 1
        assert query(db, "SELECT health, url, registry_url FROM feed_health") == [("healthy", new, new)]
        assert query(db, "SELECT count(*) FROM statements") == [(5,)]

    unknown = CliRunner().invoke(app, ["feeds", "reset", "nope", "--db", str(db), "--registry", str(registry)])
    assert unknown.exit_code == 1 and "no feed with id nope" in unknown.output and "Traceback" not in unknown.output


def test_due_polls_only_feeds_whose_schedule_has_come_while_a_plain_run_polls_all(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    with FaultServer() as server:
        quiet = server.route("/quiet/feed/", ok(rss_feed(entries("quiet", NOW, timedelta(days=7)))))
        fresh = server.route("/fresh/feed/", ok(rss_feed(entries("fresh", NOW, timedelta(days=1)))))
        registry = write_registry(tmp_path / "feeds.toml", {"id": "quiet", "url": quiet})
        poll_feeds(db=str(db), registry=str(registry))
        write_registry(registry, {"id": "quiet", "url": quiet}, {"id": "fresh", "url": fresh})
        summary = poll_feeds(db=str(db), registry=str(registry), due=True)
        assert [report.feed_id for report in summary.feeds] == ["fresh"]  # quiet is due in a day; fresh never polled
        assert len(server.requests("/quiet/feed/")) == 1
        poll_feeds(db=str(db), registry=str(registry))
        assert len(server.requests("/quiet/feed/")) == 2 and len(server.requests("/fresh/feed/")) == 2


def test_stale_feed_is_announced_once_and_the_alerts_flow_records_it(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    with FaultServer() as server:
        url = server.route("/old/feed/", ok(rss_feed(entries("old", datetime.now(UTC) - timedelta(days=60), timedelta(days=7)))))
        registry = write_registry(tmp_path / "feeds.toml", {"id": "silent", "url": url})
        poll_feeds(db=str(db), registry=str(registry))
        (announced,) = query(db, "SELECT stale_announced_at FROM feeds")
        poll_feeds(db=str(db), registry=str(registry))
        assert query(db, "SELECT stale_announced_at FROM feeds") == [announced]  # emitted once, not on every run
    assert alerts(feed_id="silent", event_id="e1", db=str(db)) is True
    assert alerts(feed_id="silent", event_id="e2", db=str(db)) is True  # a repeated event records nothing new
    assert query(db, "SELECT feed_id, kind, event_id FROM feed_alerts") == [("silent", "stale", "e1")]
    assert alerts(feed_id="nobody", db=str(db)) is False


def test_discover_finds_link_alternate_rest_category_and_language_feeds(tmp_path: Path) -> None:
    with FaultServer() as server:
        base = server.url("")
        server.route("/", ok(f'<html><head><link rel="alternate" type="application/rss+xml" title="Embassy News" href="/feed/">'
                             f'<link rel="alternate" hreflang="ru" href="{base}/ru/"><link rel="alternate" hreflang="x-default" href="/">'
                             f'</head><body>home</body></html>', content_type="text/html"))
        for path in ("/feed/", "/ru/feed/", "/category/alerts/feed/"):
            server.route(path, ok(rss_feed(entries(path.strip("/").replace("/", "-"), NOW, timedelta(days=1)))))
        server.route("/wp-json/", ok(json.dumps({"name": "Embassy", "home": base}), content_type="application/json"))
        server.route("/wp-json/wp/v2/categories", ok(json.dumps([{"name": "Alerts", "count": 3, "link": f"{base}/category/alerts/"},
                                                                  {"name": "Empty", "count": 0, "link": f"{base}/category/empty/"}]),
                                                      content_type="application/json"))
        registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": server.url("/feed/")})
        before = registry.read_text()
        printed = CliRunner().invoke(app, ["feeds", "discover", base + "/", "--registry", str(registry)])
        assert printed.exit_code == 0, printed.output
        assert server.url("/ru/feed/") in printed.output and server.url("/category/alerts/feed/") in printed.output
        assert 'language = "ru"' in printed.output and "empty" not in printed.output.lower().split("feed(s)")[0]
        assert registry.read_text() == before  # printing only

        appended = CliRunner().invoke(app, ["feeds", "discover", base + "/", "--append", "--registry", str(registry)])
        assert appended.exit_code == 0 and "appended 2 feed(s)" in appended.output, appended.output
    feeds = load_registry(registry)
    assert registry.read_text().startswith(before)
    assert [feed.url for feed in feeds] == [server.url(p) for p in ("/feed/", "/ru/feed/", "/category/alerts/feed/")]
    assert feeds[1].language == "ru" and feeds[2].title == "Embassy: Alerts"


def test_feeds_check_says_what_to_do_for_moved_gone_suspect_and_stale(tmp_path: Path) -> None:
    with FaultServer() as server:
        new = server.route("/new/feed/", ok(rss_feed(entries("m", datetime.now(UTC), timedelta(days=1)))))
        registry = write_registry(
            tmp_path / "feeds.toml",
            {"id": "moved", "url": server.route("/old/", redirect("/new/feed/", 301))},
            {"id": "ended", "url": server.route("/gone/", status(410))},
            {"id": "broken", "url": server.route("/html/", ok("<!DOCTYPE html><html>Technical Difficulties</html>", content_type="text/html"))},
            {"id": "silent", "url": server.route("/silent/", ok(rss_feed(entries("s", datetime.now(UTC) - timedelta(days=90), timedelta(days=7)))))},
        )
        result = CliRunner().invoke(app, ["feeds", "check", "--registry", str(registry)])
    assert result.exit_code == 1 and "2 of 4 feeds failed" in result.output, result.output
    advice = [line for line in result.output.splitlines() if line.startswith("what to do:")]
    assert advice == [
        f"what to do: moved: moved: update {registry} to {new}",
        f"what to do: ended: gone: the site answered 410 Gone; remove it from {registry}",
        f"what to do: broken: suspect: answered 200 with an HTML page, not a feed (an error or maintenance page?); open {server.url('/html/')} in a browser",
        f"what to do: silent: stale: nothing posted since {(datetime.now(UTC) - timedelta(days=90)):%Y-%m-%d}; check the site still publishes "
        f"here (`govfeeds feeds discover {server.url('/silent/')}`)",
    ]
