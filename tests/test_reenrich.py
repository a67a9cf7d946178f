"""reenrich recomputes enrichment from stored text, writes only what changed, and then nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tasks.enrichment
from flows.poll import poll_feeds
from flows.reenrich import reenrich
from govfeeds.cli import app
from govfeeds.demo.wordpress import WordPressSite
from helpers import query, write_registry


def test_reenrich_writes_only_changed_rows_then_nothing(tmp_path: Path, wordpress: WordPressSite, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "govfeeds.duckdb"
    registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": wordpress.feed_url})
    poll_feeds(db=str(db), registry=str(registry))
    before = dict(query(db, "SELECT statement_id, enriched_at FROM statements"))
    original_version = tasks.enrichment.ENRICHER_VERSION

    unchanged = reenrich(db=str(db))
    assert (unchanged.examined, unchanged.changed, unchanged.failed) == (30, 0, 0)
    assert dict(query(db, "SELECT statement_id, enriched_at FROM statements")) == before

    real_enrich = tasks.enrichment.enrich

    def new_rules(document):  # a rule change that reclassifies statements whose number is a multiple of 3
        result = real_enrich(document)
        number = int(document.title.split()[2])
        return result.model_copy(update={"doc_type": "media_note", "themes": ["trade"]}) if number % 3 == 0 else result

    monkeypatch.setattr(tasks.enrichment, "enrich", new_rules)
    monkeypatch.setattr(tasks.enrichment, "ENRICHER_VERSION", "9.9.9")
    network = wordpress.counters.count("/")

    changed = reenrich(db=str(db))

    assert (changed.examined, changed.changed) == (30, 10)
    assert wordpress.counters.count("/") == network, "re-enrichment reads stored text only"
    assert query(db, "SELECT enricher_version, doc_type, count(*) FROM statements GROUP BY ALL ORDER BY 1") == [
        (original_version, "press_release", 20), ("9.9.9", "media_note", 10)
    ]
    assert query(db, "SELECT count(*) FROM statement_topics WHERE source = 'theme' AND topic = 'trade'") >= [(10,)]
    after = dict(query(db, "SELECT statement_id, enriched_at FROM statements"))
    assert sum(after[sid] != before[sid] for sid in before) == 10

    result = CliRunner().invoke(app, ["reenrich", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "examined 30, changed 0" in result.output
    assert dict(query(db, "SELECT statement_id, enriched_at FROM statements")) == after
    assert reenrich(since=date(2024, 1, 25), db=str(db)).examined == 6  # posts 24..29: make_post(n) is published 2024-01-01 + n days
