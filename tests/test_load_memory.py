"""The load's DuckDB memory limit keeps a large load from caching everything it wrote, and never
fails a load: a batch that needs more than the limit is loaded with DuckDB's default, with a warning."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from flows.poll import poll_feeds
from govfeeds.demo.wordpress import WordPressSite
from helpers import query, write_registry


def test_a_batch_over_the_memory_limit_still_loads_and_says_how_to_raise_it(
    tmp_path: Path, wordpress: WordPressSite, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("GOVFEEDS_LOAD_MEMORY_LIMIT", "1MB")  # less than one feed's 30 statements need
    registry = write_registry(tmp_path / "feeds.toml", {"id": "test-embassy", "url": wordpress.feed_url})
    db = tmp_path / "limited.duckdb"
    with caplog.at_level(logging.WARNING, logger="govfeeds.load"):
        summary = poll_feeds(db=str(db), registry=str(registry))
    assert summary.load_error is None
    assert query(db, "SELECT count(*), count(DISTINCT statement_id) FROM statements") == [(30, 30)]
    assert not list(db.with_name(db.name + ".spool").glob("*.jsonl"))
    warnings = [record.getMessage() for record in caplog.records if record.name == "govfeeds.load"]
    assert len(warnings) == 1 and "load_memory_limit=1MB" in warnings[0] and "GOVFEEDS_LOAD_MEMORY_LIMIT" in warnings[0]

    # A poll with nothing new (no statements to write, only the poll's record) follows the same rule.
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="govfeeds.load"):
        again = poll_feeds(db=str(db), registry=str(registry))
    assert again.load_error is None and [report.outcome for report in again.feeds] == ["not_modified"]
    assert query(db, "SELECT count(*) FROM loads") == [(2,)]
    assert not list(db.with_name(db.name + ".spool").glob("*.jsonl"))
    again_warnings = [record.getMessage() for record in caplog.records if record.name == "govfeeds.load"]
    assert len(again_warnings) == 1 and "loading test-embassy" in again_warnings[0]


def test_the_default_limit_loads_without_lifting_it(tmp_path: Path, wordpress: WordPressSite, caplog: pytest.LogCaptureFixture) -> None:
    registry = write_registry(tmp_path / "feeds.toml", {"id": "test-embassy", "url": wordpress.feed_url})
    db = tmp_path / "default.duckdb"
    with caplog.at_level(logging.WARNING, logger="govfeeds.load"):
        poll_feeds(db=str(db), registry=str(registry))
    assert query(db, "SELECT count(*) FROM statements") == [(30,)]
    assert not [record for record in caplog.records if record.name == "govfeeds.load"]
