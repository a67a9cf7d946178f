"""`govfeeds export`: a hive-partitioned Parquet snapshot plus a views file that round-trips the database."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from analyst_db import seeded
from govfeeds.cli import app
from govfeeds.store.export import export_parquet

KEYS = {
    "feeds": "feed_id", "statements": "statement_id", "statement_versions": "statement_id || '/' || version",
    "statement_people": "statement_id || name", "statement_countries": "statement_id || country_code",
    "statement_dates": "statement_id || event_date", "statement_topics": "statement_id || topic || source",
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return seeded(tmp_path / "govfeeds.duckdb")


def rows(path: Path, sql: str) -> list[tuple]:
    connection = duckdb.connect(str(path), read_only=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_snapshot_round_trips_counts_ids_and_values(db: Path, tmp_path: Path) -> None:
    summary = export_parquet(db, tmp_path / "snapshot")
    assert summary.rows["statements"] == 5 and "raw_documents" not in summary.rows
    for table, count in summary.rows.items():
        assert rows(summary.views_db, f"SELECT count(*) FROM {table}") == [(count,)] == rows(db, f"SELECT count(*) FROM {table}")
    for table, key in KEYS.items():
        sql = f"SELECT {key} FROM {table} ORDER BY 1"
        assert rows(summary.views_db, sql) == rows(db, sql), table
    # whole rows, types included, and the analysts' views over them
    assert rows(summary.views_db, "SELECT * FROM statements ORDER BY statement_id") == rows(db, "SELECT * FROM statements ORDER BY statement_id")
    assert rows(summary.views_db, "SELECT * FROM statements_v ORDER BY statement_id") == rows(db, "SELECT * FROM statements_v ORDER BY statement_id")
    assert rows(summary.views_db, "SELECT * FROM feed_health ORDER BY feed_id") == rows(db, "SELECT * FROM feed_health ORDER BY feed_id")


def test_statements_are_partitioned_by_year_and_site(db: Path, tmp_path: Path) -> None:
    out = export_parquet(db, tmp_path / "snapshot").out
    partitions = sorted(str(p.relative_to(out / "statements")) for p in (out / "statements").glob("*/*"))
    assert partitions == [
        "year=2023/site=kz.usembassy.gov", "year=2024/site=tj.usembassy.gov", "year=2024/site=uz.usembassy.gov",
    ]


def test_views_file_keeps_the_comments(db: Path, tmp_path: Path) -> None:
    views_db = export_parquet(db, tmp_path / "snapshot").views_db
    assert rows(views_db, "SELECT count(*) = count(comment) FROM duckdb_columns() WHERE NOT internal") == [(True,)]
    assert rows(views_db, "SELECT comment FROM duckdb_views() WHERE view_name = 'statements_v'")[0][0].startswith("One row per live statement")


def test_export_again_replaces_the_snapshot(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "snapshot"
    export_parquet(db, out)
    connection = duckdb.connect(str(db))
    connection.execute("DELETE FROM statements WHERE statement_id = 's-raw'")
    connection.close()
    result = CliRunner().invoke(app, ["export", "--format", "parquet", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert rows(out / "govfeeds.duckdb", "SELECT count(*) FROM statements") == [(4,)]
    assert not (out / "statements" / "year=2024" / "site=tj.usembassy.gov").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["govfeeds.duckdb", "snapshot"]  # no partial or previous left


def test_only_parquet_is_offered(db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(tmp_path / "x"), "--db", str(db)])
    assert result.exit_code != 0 and "only parquet" in result.output
