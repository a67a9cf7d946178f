"""No SSRF: item links (and their redirects) to other hosts, private/loopback/link-local addresses or other schemes are never requested."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultserver import FaultServer, article, ok, redirect, rss_feed
from flows.poll import poll_feeds
from helpers import query, write_registry
from govfeeds.net.urls import page_refusal


def test_address_rules() -> None:
    assert "link-local" in page_refusal("http://169.254.169.254/latest/meta-data/", {"169.254.169.254"})
    assert "private" in page_refusal("http://10.0.0.7/", {"10.0.0.7"})
    assert "loopback" in page_refusal("http://[::1]:8080/", {"::1"})
    assert "loopback" in page_refusal("http://[::ffff:127.0.0.1]/", {"::ffff:127.0.0.1"})
    assert "scheme" in page_refusal("gopher://kz.usembassy.gov/", {"kz.usembassy.gov"})
    # A feed served from loopback may have its pages fetched from the same address, and only that one.
    assert page_refusal("http://127.0.0.1:9/x", {"127.0.0.1"}, frozenset({"127.0.0.1"})) is None
    assert "loopback" in page_refusal("http://127.0.0.2:9/x", {"127.0.0.2"}, frozenset({"127.0.0.1"}))


@pytest.fixture
def servers() -> tuple[FaultServer, FaultServer]:
    # The "internal" server listens on another loopback address the feed is not on: reachable, never to be reached.
    with FaultServer() as feed_server, FaultServer("127.0.0.2") as internal:
        yield feed_server, internal


def test_hostile_links_and_redirects_are_never_requested_and_land_in_rejects(tmp_path: Path, servers: tuple[FaultServer, FaultServer]) -> None:
    feed_server, internal = servers
    target = internal.route("/admin/", ok(article("Internal", "INTERNAL-SECRET"), content_type="text/html"))
    feed_server.route("/fine/", ok(article("Fine", "A fine statement page."), content_type="text/html"))
    feed_server.route("/bounce/", redirect(target))
    feed_server.route("/bounce-metadata/", redirect("http://169.254.169.254/latest/meta-data/"))
    links = {
        "fine": feed_server.url("/fine/"),
        "internal": target,  # 127.0.0.2 is in allowed_hosts, but it is a loopback address the feed is not on
        "metadata": "http://169.254.169.254/latest/meta-data/",
        "file": "file:///etc/passwd",
        "gopher": "gopher://127.0.0.1:70/",
        "foreign": "https://elsewhere.example/post/",
        "redirect": feed_server.url("/bounce/"),
        "redirect-metadata": feed_server.url("/bounce-metadata/"),
    }
    feed_server.route("/feed/", ok(rss_feed(
        [{"title": name, "link": link, "guid": name, "content": f"<p>Feed text of {name}.</p>"} for name, link in links.items()]
    )))
    registry = write_registry(
        tmp_path / "feeds.toml",
        {"id": "hostile", "url": feed_server.url("/feed/"), "allowed_hosts": ["127.0.0.2", "169.254.169.254"]},
    )
    db = tmp_path / "s.duckdb"

    poll_feeds(db=str(db), registry=str(registry))

    assert internal.requests() == [], "a request reached the internal server"
    assert {seen.path for seen in feed_server.requests()} == {"/feed/", "/fine/", "/bounce/", "/bounce-metadata/"}
    refused = dict(query(db, "SELECT item_key, reason FROM rejects WHERE stage = 'fetch' AND reason LIKE 'page refused:%'"))
    assert set(refused) == set(links) - {"fine"}
    assert "loopback address 127.0.0.2" in refused["internal"] and "loopback address 127.0.0.2" in refused["redirect"]
    assert "link-local" in refused["metadata"] and "link-local" in refused["redirect-metadata"]
    assert "scheme 'file'" in refused["file"] and "scheme 'gopher'" in refused["gopher"]
    assert "elsewhere.example is not the feed's host" in refused["foreign"]
    # Every http(s) item is still a statement, from the feed's own text when its page was refused;
    # the others cannot be statements (their url must be http(s)) and are rejected at validation too.
    sources = dict(query(db, "SELECT guid, text_source FROM statements"))
    assert sources == {name: ("page" if name == "fine" else "feed_content") for name in links if name not in ("file", "gopher")}
    assert query(db, "SELECT item_key FROM rejects WHERE stage = 'validate' ORDER BY 1") == [("file",), ("gopher",)]
    assert query(db, "SELECT count(*) FROM statements WHERE body_text LIKE '%INTERNAL-SECRET%'") == [(0,)]
    assert query(db, "SELECT count(*) FROM fetch_log WHERE url LIKE '%127.0.0.2%' OR url LIKE '%169.254%'") == [(0,)]


def test_feed_redirect_to_a_private_address_is_refused(tmp_path: Path, servers: tuple[FaultServer, FaultServer]) -> None:
    feed_server, internal = servers
    internal.route("/feed/", ok(rss_feed([{"title": "x", "link": internal.url("/x/")}])))
    feed_server.route("/feed/", redirect(internal.url("/feed/")))
    registry = write_registry(tmp_path / "feeds.toml", {"id": "moved", "url": feed_server.url("/feed/")})

    summary = poll_feeds(db=str(tmp_path / "r.duckdb"), registry=str(registry))

    assert internal.requests() == []
    assert summary.feeds[0].outcome == "failed" and "loopback address 127.0.0.2" in summary.feeds[0].error
