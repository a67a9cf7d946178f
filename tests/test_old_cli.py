"""The file opens, read-only, in DuckDB's previous CLI (1.5.x), and docs/queries.md runs there.

The CLI is the `duckdb-cli` package of the dev dependency group (uv.lock), so nothing is installed
at test time. It proves the storage compatibility version holds for tables, views and comments:
a view is stored as SQL text, so one written with newer syntax would fail here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analyst_db import analyst_db
from govfeeds.store.export import export_parquet
from govfeeds.schema_doc import doc_queries

OLD_CLI_VERSION = "1.5.6"
OLD_CLI = Path(sys.executable).with_name("duckdb")


@pytest.fixture(scope="module")
def old_cli() -> Path:
    if not OLD_CLI.exists():
        pytest.skip(f"the duckdb {OLD_CLI_VERSION} CLI is not installed: `make install` installs the dev group (duckdb-cli)")
    return OLD_CLI


def run_old(cli: Path, db: Path, sql: str) -> list[dict]:
    result = subprocess.run([str(cli), "-readonly", "-json", str(db), "-c", sql], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
    return json.loads(result.stdout or "[]")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return analyst_db(tmp_path_factory)


def test_it_is_the_previous_release_line(old_cli: Path, db: Path) -> None:
    assert run_old(old_cli, db, "SELECT version() AS v") == [{"v": f"v{OLD_CLI_VERSION}"}]


def test_views_and_comments_are_readable(old_cli: Path, db: Path) -> None:
    rows = run_old(
        old_cli, db,
        "SELECT count(*) AS columns, count(comment) AS commented FROM duckdb_columns() WHERE NOT internal",
    )
    assert rows[0]["columns"] == rows[0]["commented"] > 100
    assert run_old(old_cli, db, "SELECT count(*) AS n FROM statements_v")[0]["n"] == 11  # one of them a repost
    assert run_old(old_cli, db, "SELECT count(*) AS n FROM distinct_statements")[0]["n"] == 10


@pytest.mark.parametrize(("heading", "sql"), doc_queries(), ids=[h for h, _ in doc_queries()])
def test_documented_query_runs_in_the_old_cli(old_cli: Path, db: Path, heading: str, sql: str) -> None:
    assert run_old(old_cli, db, sql), f"{heading!r} returned no rows in DuckDB {OLD_CLI_VERSION}"


def test_parquet_export_opens_in_the_old_cli(old_cli: Path, db: Path, tmp_path: Path) -> None:
    summary = export_parquet(db, tmp_path / "snapshot")
    assert run_old(old_cli, summary.views_db, "SELECT count(*) AS n FROM statements_v")[0]["n"] == 11
    assert run_old(old_cli, summary.views_db, "SELECT count(*) AS n FROM distinct_statements")[0]["n"] == 10
