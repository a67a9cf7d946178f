"""Every query in docs/queries.md answers on a database the real pipeline built."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from analyst_db import analyst_db

from govfeeds.schema_doc import doc_queries


def test_the_document_has_at_least_twelve_questions() -> None:
    assert len(doc_queries()) >= 12


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return analyst_db(tmp_path_factory)


@pytest.mark.parametrize(("heading", "sql"), doc_queries(), ids=[h for h, _ in doc_queries()])
def test_query_answers_on_the_demo_database(db: Path, heading: str, sql: str) -> None:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        rows = connection.execute(sql).fetchall()
    finally:
        connection.close()
    assert rows, f"{heading!r} returned no rows"
