"""One run over 50 feeds of which 20 misbehave: it ends within its deadline, stores every statement of the
30 good feeds, and reports each of the 20 with its reason."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from faultserver import (
    BILLION_LAUGHS, EXTERNAL_ENTITY, FaultServer, article, drip, gzip_bomb, hang, ok, oversized, redirect, reset, rss_feed,
    status, truncated,
)
from flows.poll import poll_feeds
from helpers import query, write_registry


@pytest.mark.timeout(120)
def test_fifty_feeds_twenty_misbehaving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Timeouts short enough that the hanging and dripping feeds fail fast, long enough that a good
    # feed served by this same busy process (2 cores, a gzip bomb being read) is never cut off:
    # with 0.5 s a good feed timed out twice in one CI run of ~30.
    for key, value in {"CONNECT_TIMEOUT": "2", "READ_TIMEOUT": "2", "TOTAL_TIMEOUT": "5", "RETRIES": "1",
                       "RETRY_BACKOFF_SECONDS": "0.05", "MAX_BODY_BYTES": "300000"}.items():
        monkeypatch.setenv(f"GOVFEEDS_{key}", value)
    with FaultServer() as server, FaultServer() as limited:
        good = {}
        for n in range(30):
            for p in range(2):
                server.route(f"/good{n}/p{p}/", ok(article(f"Good {n}.{p}", f"Statement {n}.{p} text.",
                                                              extra="<script>SCRIPT</script>"), content_type="text/html"))
            items = [{"title": f"Good {n}.{p}", "link": server.url(f"/good{n}/p{p}/")} for p in range(2)]
            good[f"good-{n:02d}"] = server.route(f"/good{n}/feed/", ok(rss_feed(items)))
        body = rss_feed([{"title": "x", "link": server.url("/x/")}]).encode()
        faults = {
            "rate-limited": limited.route("/feed/", status(429, headers={"Retry-After": "3600"})),
            "error-500": server.route("/f/500/", status(500)),
            "error-503": server.route("/f/503/", status(503)),
            "hang": server.route("/f/hang/", hang(server)),
            "drip": server.route("/f/drip/", drip(server, body * 20)),
            "reset": server.route("/f/reset/", reset),
            "truncated": server.route("/f/truncated/", truncated(body)),
            "oversized": server.route("/f/big/", oversized(3_000_000)),
            "oversized-declared": server.route("/f/big-declared/", oversized(3_000_000, declare=True)),
            "gzip-bomb": server.route("/f/bomb/", gzip_bomb(30_000_000)),
            "redirect-loop": server.route("/f/loop/", redirect("/f/loop/")),
            "billion-laughs": server.route("/f/laughs/", ok(rss_feed([{"title": "&lol9;", "link": server.url("/l/")}], doctype=BILLION_LAUGHS))),
            "external-entity": server.route("/f/xxe/", ok(rss_feed([{"title": "&xxe;", "link": server.url("/l/")}],
                                                                     doctype=EXTERNAL_ENTITY.format(url=server.url("/secret/"))))),
            "bad-bom": server.route("/f/bom/", ok(codecs.BOM_UTF16_LE + b"<\x00r\x00\x00\xd8")),
            "html": server.route("/f/html/", ok("<html><body>Maintenance</body></html>", content_type="text/html")),
            "not-found": server.route("/f/404/", status(404)),
            "empty": server.route("/f/empty/", ok(b"")),
            "redirect-private": server.route("/f/private/", redirect("http://169.254.169.254/feed/")),
            "redirect-scheme": server.route("/f/scheme/", redirect("file:///etc/passwd")),
            "garbage": server.route("/f/garbage/", ok(bytes(range(256)) * 10)),
        }
        registry = write_registry(tmp_path / "feeds.toml", *({"id": k, "url": v} for k, v in {**good, **faults}.items()))
        db = tmp_path / "fault.duckdb"

        summary = poll_feeds(db=str(db), registry=str(registry))

        assert server.requests("/secret/") == []
    reports = {report.feed_id: report for report in summary.feeds}
    assert len(reports) == 50
    assert all(reports[feed_id].outcome == "ok" for feed_id in good)
    failed = {feed_id: reports[feed_id].error for feed_id in faults}
    assert all(report_error for report_error in failed.values()), failed
    assert {feed_id for feed_id, r in reports.items() if r.outcome == "failed"} == set(faults)
    assert summary.feeds_ok == 30 and summary.feeds_failed == 20
    assert query(db, "SELECT count(*), count(DISTINCT title) FROM statements WHERE text_source = 'page' AND body_text NOT LIKE '%SCRIPT%'") == [(60, 60)]
    assert query(db, "SELECT count(*) FROM statements") == [(60,)]
    assert dict(query(db, "SELECT feed_id, consecutive_failures FROM feeds WHERE consecutive_failures > 0")) == {f: 1 for f in faults}
