"""`govfeeds search`: BM25 ranking by the SQL scan everywhere, by DuckDB's fts where it loads; never a write."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from analyst_db import seeded
from govfeeds.cli import app
from govfeeds.store.search import COLUMNS, fts_available, search


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return seeded(tmp_path / "govfeeds.duckdb")


def ids(rows: list[tuple]) -> list[str]:
    return [row[COLUMNS.index("statement_id")] for row in rows]


def test_scan_ranks_by_bm25_and_skips_deleted_statements(db: Path) -> None:
    result = search(db, "demonstrations", method="scan")
    assert result.method == "scan" and result.columns == COLUMNS
    # three mentions in a short alert beat one in a visa notice; the deleted notice is not found
    assert ids(result.rows) == ["s-alert", "s-visa"]
    scores = [row[0] for row in result.rows]
    assert scores[0] > scores[1] > 0


def test_scan_weighs_rare_words_more(db: Path) -> None:
    # "almaty" is in two statements, "interviews" in one: the statement with the rarer word wins
    assert ids(search(db, "almaty interviews", method="scan").rows)[0] == "s-visa"


def test_filters_since_country_and_type(db: Path) -> None:
    assert ids(search(db, "almaty", since=date(2023, 2, 1), method="scan").rows) == ["s-visa"]
    assert ids(search(db, "united states uzbekistan", country="uz", method="scan").rows) == ["s-joint"]
    assert search(db, "united states", country="TJ", method="scan").rows == []
    assert ids(search(db, "almaty", doc_type="security_alert", method="scan").rows) == ["s-alert"]


def test_no_match_and_no_words_give_no_rows(db: Path) -> None:
    assert search(db, "zanzibar", method="scan").rows == []
    assert search(db, "  ?! ", method="scan").rows == []


def test_search_never_writes_the_file(db: Path) -> None:
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    search(db, "demonstrations")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not db.with_name(db.name + ".wal").exists()


def test_cli_prints_the_ranked_statements(db: Path) -> None:
    result = CliRunner().invoke(app, ["search", "demonstrations", "--db", str(db), "--since", "2023-01-01", "--type", "security_alert"])
    assert result.exit_code == 0, result.output
    assert "s-alert" in result.output and "s-visa" not in result.output
    assert "1 statements" in result.output


def test_auto_uses_fts_when_it_loads_else_the_scan(db: Path) -> None:
    expected = "fts" if fts_available(duckdb.connect()) else "scan"
    assert search(db, "demonstrations").method == expected


@pytest.mark.skipif(not fts_available(duckdb.connect()), reason="DuckDB's fts extension is not installed for this DuckDB")
def test_fts_ranks_like_the_scan(db: Path) -> None:
    fts = search(db, "demonstrations almaty", method="fts")
    scan = search(db, "demonstrations almaty", method="scan")
    assert fts.method == "fts" and fts.columns == scan.columns
    assert ids(fts.rows) == ids(scan.rows)


@pytest.mark.skipif(fts_available(duckdb.connect()), reason="fts loads here")
def test_asking_for_fts_where_it_cannot_load_says_what_to_do(db: Path) -> None:
    with pytest.raises(ValueError, match="INSTALL fts"):
        search(db, "demonstrations", method="fts")
