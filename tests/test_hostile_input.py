"""Hostile bodies: oversize, gzip bombs, redirect loops, entity expansion, external entities, bad encodings, script/style."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from faultserver import (
    BILLION_LAUGHS, EXTERNAL_ENTITY, FaultServer, article, gzip_bomb, ok, oversized, redirect, rss_feed,
)
from flows.poll import poll_feeds
from govfeeds.settings import Settings
from helpers import query, write_registry
from govfeeds.net.http import FetchError, get, make_client
from govfeeds.sources.rss import NotAFeed, UnsafeXml, parse_feed_bytes

LIMIT = 200_000


def limited() -> Settings:
    return Settings(max_body_bytes=LIMIT, connect_timeout=1, read_timeout=1, total_timeout=5, retries=0)


@pytest.fixture
def server() -> FaultServer:
    with FaultServer() as running:
        yield running


@pytest.mark.parametrize("declare", [False, True], ids=["chunked", "content-length"])
def test_body_over_the_limit_is_cut_off_while_streaming(server: FaultServer, declare: bool) -> None:
    url = server.route("/big/", oversized(50 * LIMIT, declare=declare))
    with make_client(limited()) as client, pytest.raises(FetchError, match="limit"):
        get(client, url, limited())


def test_gzip_bomb_is_bounded_by_its_decompressed_size(server: FaultServer) -> None:
    url = server.route("/bomb/", gzip_bomb(200 * LIMIT))  # ~40 MB once expanded, ~40 kB on the wire
    with make_client(limited()) as client, pytest.raises(FetchError, match="cut off while streaming"):
        get(client, url, limited())


def test_redirect_loop_is_bounded(server: FaultServer) -> None:
    server.route("/a/", redirect("/b/"))
    url = server.route("/b/", redirect(server.url("/a/")))
    settings = limited()
    with make_client(settings) as client, pytest.raises(FetchError, match="redirects"):
        get(client, server.url("/a/"), settings)
    assert len(server.requests()) == settings.max_redirects + 1
    assert url


def test_billion_laughs_and_external_entities_are_refused_before_any_parser() -> None:
    laughs = rss_feed([{"title": "&lol9;", "link": "http://a.example/1/"}], doctype=BILLION_LAUGHS).encode()
    external = rss_feed([{"title": "&xxe;", "link": "http://a.example/1/"}], doctype=EXTERNAL_ENTITY.format(url="http://a.example/x")).encode()
    with pytest.raises(UnsafeXml, match="billion-laughs"):
        parse_feed_bytes(laughs, url="http://a.example/feed/")
    with pytest.raises(UnsafeXml, match="external resource"):
        parse_feed_bytes(external, url="http://a.example/feed/")
    utf16 = codecs.BOM_UTF16_LE + laughs.decode().replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16-le")
    with pytest.raises(UnsafeXml):
        parse_feed_bytes(utf16, url="http://a.example/feed/")
    # A plain-text entity, as real feeds use, is fine.
    plain = rss_feed([{"title": "&copy2;", "link": "http://a.example/1/"}], doctype='<!DOCTYPE rss [\n<!ENTITY copy2 "(C)">\n]>').encode()
    assert [item.title for item in parse_feed_bytes(plain, url="http://a.example/feed/")] == ["(C)"]


def test_hostile_feeds_in_a_run_are_rejected_with_reasons_and_good_ones_decode(tmp_path: Path, server: FaultServer) -> None:
    secret = server.route("/secret/", ok("root:x:0:0:SECRET-FROM-SERVER", content_type="text/plain"))
    pages = {
        "script": server.route(
            "/script-page/",
            ok(article("Scripted", "Visible statement text.", extra="<style>.x{color:red}</style><script>var STOLEN=1;</script>")
               .replace("Visible statement text.</p>", "Visible statement text.</p><script>alert('SCRIPT-IN-BODY')</script>"
                        "<style>p{content:'STYLE-IN-BODY'}</style><noscript>NOSCRIPT-TEXT</noscript>"), content_type="text/html"),
        ),
        "latin": server.route("/latin-page/", ok(article("Caf\u00e9", "D\u00e9claration conjointe.").encode("cp1252"),
                                                  content_type="text/html; charset=windows-1252")),
        "bogus": server.route("/bogus-page/", ok(article("Bogus", "Caf\u00e9 unknown charset.").encode("utf-8"),
                                                  content_type="text/html; charset=x-klingon")),
    }
    feeds = {
        "laughs": ok(rss_feed([{"title": "&lol9;", "link": server.url("/l/")}], doctype=BILLION_LAUGHS)),
        "xxe": ok(rss_feed([{"title": "&xxe;&remote;", "link": server.url("/x/")}], doctype=EXTERNAL_ENTITY.format(url=secret))),
        "oversize": oversized(50 * LIMIT),
        "bomb": gzip_bomb(200 * LIMIT),
        "loop": redirect("/feeds/loop/"),
        "undecodable": ok(codecs.BOM_UTF16_LE + b"<\x00r\x00s\x00s\x00>\x00\x00\xd8", content_type="application/rss+xml"),
        # Declared UTF-8 but written in windows-1252: decoded, not rejected.
        "wrong-charset": ok(rss_feed([{"title": "Caf\u00e9 d\u00e9claration", "link": server.url("/wrong/"), "content": "<p>Texte.</p>"}])
                            .encode("cp1252"), content_type="application/rss+xml; charset=utf-8"),
        "utf16": ok(codecs.BOM_UTF16_LE + rss_feed([{"title": "\u0417\u0430\u044f\u0432\u043b\u0435\u043d\u0438\u0435", "link": server.url("/ru/"),
                                                      "content": "<p>\u0422\u0435\u043a\u0441\u0442.</p>"}], encoding="utf-16").encode("utf-16-le"),
                    content_type="text/xml"),
        "pages": ok(rss_feed([{"title": name, "link": url} for name, url in pages.items()])),
    }
    for name, behaviour in feeds.items():
        server.route(f"/feeds/{name}/", behaviour)
    registry = write_registry(tmp_path / "feeds.toml", *({"id": name, "url": server.url(f"/feeds/{name}/")} for name in feeds))
    db = tmp_path / "h.duckdb"
    environment = {"GOVFEEDS_MAX_BODY_BYTES": str(LIMIT), "GOVFEEDS_RETRIES": "0", "GOVFEEDS_TOTAL_TIMEOUT": "5"}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in environment.items():
            patch.setenv(key, value)
        summary = poll_feeds(db=str(db), registry=str(registry))

    errors = {report.feed_id: report.error or "" for report in summary.feeds}
    assert "billion-laughs" in errors["laughs"] and "external resource" in errors["xxe"]
    assert "limit" in errors["oversize"] and "cut off while streaming" in errors["bomb"] and "redirects" in errors["loop"]
    assert "does not decode" in errors["undecodable"]
    reasons = dict(query(db, "SELECT feed_id, reason FROM rejects WHERE stage = 'parse'"))
    assert reasons["laughs"].startswith("unsafe XML") and reasons["xxe"].startswith("unsafe XML")
    assert server.requests("/secret/") == [], "an external entity was fetched"
    dump = " ".join(str(row) for row in query(db, "SELECT * FROM statements"))
    assert "SECRET-FROM-SERVER" not in dump and "lollol" not in dump

    titles = dict(query(db, "SELECT feed_id, title FROM statements WHERE feed_id IN ('wrong-charset', 'utf16')"))
    assert titles == {"wrong-charset": "Caf\u00e9 d\u00e9claration", "utf16": "\u0417\u0430\u044f\u0432\u043b\u0435\u043d\u0438\u0435"}
    texts = dict(query(db, "SELECT title, body_text FROM statements WHERE feed_id = 'pages' AND text_source = 'page'"))
    assert "Visible statement text." in texts["script"]
    for leaked in ("SCRIPT-IN-BODY", "STYLE-IN-BODY", "STOLEN", "color:red", "NOSCRIPT-TEXT"):
        assert leaked not in texts["script"]
    assert "D\u00e9claration conjointe." in texts["latin"] and "Caf\u00e9 unknown charset." in texts["bogus"]


def test_not_a_feed_is_the_only_error_for_garbage() -> None:
    with pytest.raises(NotAFeed):
        parse_feed_bytes(b"\x00\xff garbage", url="http://a.example/feed/")
