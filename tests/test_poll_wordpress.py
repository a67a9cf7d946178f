"""The foundation's contract against a loopback WordPress-like site of 30 posts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govfeeds.sources.rss
from flows.poll import poll_feeds
from govfeeds.cli import app
from govfeeds.demo.wordpress import WordPressSite
from helpers import make_post, query, write_registry


@pytest.fixture
def registry(tmp_path: Path, wordpress: WordPressSite) -> Path:
    return write_registry(tmp_path / "feeds.toml", {"id": "test-embassy", "url": wordpress.feed_url, "country": "KZ"})


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every feed document handed to feedparser."""
    calls: list[str] = []
    real = govfeeds.sources.rss.parse_feed_bytes

    def spy(body: bytes, **kwargs):
        calls.append(kwargs["url"])
        return real(body, **kwargs)

    monkeypatch.setattr(govfeeds.sources.rss, "parse_feed_bytes", spy)
    return calls


def statement_rows(db: Path) -> list[tuple]:
    return query(db, "SELECT statement_id, version, updated_at, content_sha256 FROM statements ORDER BY statement_id")


def test_run_stores_every_post_with_title_url_date_and_text(tmp_path: Path, registry: Path) -> None:
    db = tmp_path / "govfeeds.duckdb"
    result = CliRunner().invoke(app, ["run", "--db", str(db), "--feeds", str(registry)])
    assert result.exit_code == 0, result.output
    assert "new 30" in result.output
    rows = query(db, "SELECT title, url, published_at, body_text, text_source, version FROM statements")
    assert len(rows) == 30
    for title, url, published_at, body_text, text_source, version in rows:
        assert title.startswith("Statement number")
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        assert published_at is not None and published_at.year == 2024
        assert "partnership number" in body_text
        assert "track(" not in body_text and "External links" not in body_text  # scripts and site chrome left out
        assert (text_source, version) == ("page", 1)
    assert query(db, "SELECT count(*) FROM statement_versions") == [(30,)]
    assert query(db, "SELECT count(*) FROM raw_documents") == [(31,)]  # the feed and 30 pages, content-addressed


def test_second_run_is_conditional_parses_nothing_and_writes_no_statement(
    tmp_path: Path, registry: Path, wordpress: WordPressSite, parse_calls: list[str]
) -> None:
    db = tmp_path / "govfeeds.duckdb"
    poll_feeds(db=str(db), registry=str(registry))
    before = statement_rows(db)
    assert len(parse_calls) == 1

    summary = poll_feeds(db=str(db), registry=str(registry))

    path, headers = wordpress.counters.requests[-1]
    assert path == "/feed/"
    assert headers.get("if-none-match") and headers.get("if-modified-since")
    assert summary.feeds[0].outcome == "not_modified"
    assert len(parse_calls) == 1, "a 304 must cost no parse"
    assert statement_rows(db) == before
    assert query(db, "SELECT count(*) FROM statement_versions") == [(30,)]


def test_server_ignoring_validators_costs_no_parse_when_body_is_the_same(
    tmp_path: Path, registry: Path, wordpress: WordPressSite, parse_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "govfeeds.duckdb"
    poll_feeds(db=str(db), registry=str(registry))
    monkeypatch.setattr("govfeeds.sources.rss.conditional_headers", lambda state: {})  # as if the server ignored them
    summary = poll_feeds(db=str(db), registry=str(registry))
    assert summary.feeds[0].outcome == "unchanged"
    assert len(parse_calls) == 1


def test_one_new_post_gives_exactly_one_new_statement(tmp_path: Path, registry: Path, wordpress: WordPressSite) -> None:
    db = tmp_path / "govfeeds.duckdb"
    poll_feeds(db=str(db), registry=str(registry))
    pages_before = wordpress.counters.count("/20")
    wordpress.add(make_post(30))

    summary = poll_feeds(db=str(db), registry=str(registry))

    assert (summary.new, summary.updated) == (1, 0)
    assert query(db, "SELECT count(*) FROM statements") == [(31,)]
    assert wordpress.counters.count("/20") == pages_before + 1, "only the new post's page is fetched"


def test_edited_post_becomes_version_two_and_keeps_version_one(tmp_path: Path, registry: Path, wordpress: WordPressSite) -> None:
    db = tmp_path / "govfeeds.duckdb"
    poll_feeds(db=str(db), registry=str(registry))
    old_text = query(db, "SELECT body_text FROM statements WHERE guid LIKE '%?p=1005'")[0][0]
    wordpress.edit(1005, html="<p>PRESS RELEASE</p><p>Corrected: partnership number 5 was signed in Astana.</p>",
                   when=datetime(2025, 1, 1, tzinfo=UTC))

    summary = poll_feeds(db=str(db), registry=str(registry))

    assert (summary.new, summary.updated) == (0, 1)
    assert query(db, "SELECT version, body_text FROM statements WHERE guid LIKE '%?p=1005'") == [
        (2, query(db, "SELECT body_text FROM statement_versions WHERE version = 2")[0][0])
    ]
    versions = query(
        db,
        "SELECT v.version, v.body_text FROM statement_versions v JOIN statements s USING (statement_id) "
        "WHERE s.guid LIKE '%?p=1005' ORDER BY v.version",
    )
    assert [v for v, _ in versions] == [1, 2]
    assert versions[0][1] == old_text and "Corrected" in versions[1][1]
    assert query(db, "SELECT count(*) FROM statements WHERE version > 1") == [(1,)]
