"""Bad input gives a clear summary line and a fetch_log/rejects row; the run goes on."""

from __future__ import annotations

import socket
from pathlib import Path

from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from flows.poll import poll_feeds
from govfeeds.cli import app
from govfeeds.demo.wordpress import WordPressSite
from helpers import query, write_registry

RSS_WITH_FOREIGN_LINKS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Mirror</title>
<item><title>Kept from the feed</title><link>https://elsewhere.example/statement-1/</link><guid isPermaLink="false">m-1</guid>
<content:encoded><![CDATA[<p>PRESS STATEMENT</p><p>The text the feed carries.</p>]]></content:encoded></item>
<item><title>Nothing to keep</title><link>https://elsewhere.example/statement-2/</link><guid isPermaLink="false">m-2</guid></item>
</channel></rss>"""


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_failing_feeds_are_reported_and_the_others_still_load(tmp_path: Path, httpserver: HTTPServer, wordpress: WordPressSite) -> None:
    httpserver.expect_request("/broken/feed/").respond_with_data("oops", status=500)
    httpserver.expect_request("/html/feed/").respond_with_data("<html><body><p>Maintenance</p></body></html>", content_type="text/html")
    registry = write_registry(
        tmp_path / "feeds.toml",
        {"id": "unreachable", "url": f"http://127.0.0.1:{closed_port()}/feed/"},
        {"id": "http-error", "url": httpserver.url_for("/broken/feed/")},
        {"id": "not-a-feed", "url": httpserver.url_for("/html/feed/")},
        {"id": "good", "url": wordpress.feed_url},
    )
    db = tmp_path / "g.duckdb"

    result = CliRunner().invoke(app, ["run", "--db", str(db), "--feeds", str(registry)])

    assert result.exit_code == 0, result.output
    assert "feeds ok 1, failed 3" in result.output
    assert "HTTP 500" in result.output and "not a feed" in result.output and "ConnectError" in result.output
    assert query(db, "SELECT count(*) FROM statements WHERE feed_id = 'good'") == [(30,)]
    log = dict(query(db, "SELECT feed_id, coalesce(error, '') FROM fetch_log WHERE kind = 'feed'"))
    assert log["unreachable"].startswith("ConnectError") and log["http-error"] == "HTTP 500"
    assert query(db, "SELECT stage, reason LIKE 'not a feed%' FROM rejects WHERE feed_id = 'not-a-feed'") == [("parse", True)]
    failures = dict(query(db, "SELECT feed_id, consecutive_failures FROM feeds"))
    assert failures == {"unreachable": 1, "http-error": 1, "not-a-feed": 1, "good": 0}

    # The same non-feed body again is still a failure, not an "unchanged" healthy feed.
    again = poll_feeds(db=str(db), registry=str(registry), feed_ids=["not-a-feed"], force=True)
    assert [(r.outcome, r.error.startswith("not a feed")) for r in again.feeds] == [("failed", True)]
    assert query(db, "SELECT consecutive_failures FROM feeds WHERE feed_id = 'not-a-feed'") == [(2,)]


def test_item_linking_to_another_host_is_kept_from_feed_content_or_rejected(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed/").respond_with_data(RSS_WITH_FOREIGN_LINKS, content_type="application/rss+xml")
    registry = write_registry(tmp_path / "feeds.toml", {"id": "mirror", "url": httpserver.url_for("/feed/")})
    db = tmp_path / "g.duckdb"

    poll_feeds(db=str(db), registry=str(registry))

    assert httpserver.log and all(request.path == "/feed/" for request, _ in httpserver.log)
    kept = query(db, "SELECT title, text_source, body_text, page_error FROM statements")
    assert len(kept) == 1
    title, source, body, page_error = kept[0]
    assert (title, source, body) == ("Kept from the feed", "feed_content", "PRESS STATEMENT\nThe text the feed carries.")
    assert "elsewhere.example is not the feed's host" in page_error
    rejected = query(db, "SELECT item_key, stage, reason FROM rejects WHERE stage <> 'fetch'")
    assert rejected == [("m-2", "extract", rejected[0][2])]
    assert query(db, "SELECT item_key FROM rejects WHERE stage = 'fetch' AND reason LIKE 'page refused:%' ORDER BY 1") == [("m-1",), ("m-2",)]
    assert "elsewhere.example is not the feed's host" in rejected[0][2]


def test_feeds_check_reports_each_feed_and_fails_cleanly_offline(tmp_path: Path, wordpress: WordPressSite) -> None:
    registry = write_registry(
        tmp_path / "feeds.toml",
        {"id": "up", "url": wordpress.feed_url},
        {"id": "down", "url": f"http://127.0.0.1:{closed_port()}/feed/"},
    )
    result = CliRunner().invoke(app, ["feeds", "check", "--feeds", str(registry)], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "ok, 30 entries" in result.output
    assert "ConnectError" in result.output
    assert "1 of 2 feeds failed" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
