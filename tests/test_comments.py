"""Every table, view and column says what it means, and the README's reference is those comments."""

from __future__ import annotations

from pathlib import Path

import duckdb
from typer.testing import CliRunner

from govfeeds import schema_doc
from govfeeds.cli import app
from govfeeds.store.catalog import describe, describe_schema
from govfeeds.store.connection import connect, create_schema

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_table_view_and_column_has_a_comment() -> None:
    relations = describe_schema()
    names = {relation.name for relation in relations}
    assert {"statements", "feeds", "statement_people", "statements_v", "feed_health", "daily_counts"} <= names
    assert schema_doc.undocumented(relations) == [], "add COMMENT ON statements for these beside the table in schemas/ddl.sql (or the view in schemas/views.sql)"


def test_undocumented_finds_what_lacks_a_comment() -> None:
    connection = duckdb.connect()
    create_schema(connection)
    connection.execute("ALTER TABLE statements ADD COLUMN something_new VARCHAR")
    connection.execute("CREATE VIEW unexplained AS SELECT 1 AS one")
    assert sorted(schema_doc.undocumented(describe(connection))) == ["statements.something_new", "unexplained", "unexplained.one"]


def test_comments_survive_reopening_a_file(tmp_path: Path) -> None:
    """Views are replaced on every read-write open, which drops their comments; they must come back."""
    db = tmp_path / "govfeeds.duckdb"
    for _ in range(2):
        connect(db).close()
    connection = connect(db, read_only=True)
    try:
        assert schema_doc.undocumented(describe(connection)) == []
    finally:
        connection.close()


def test_readme_reference_is_the_generated_one() -> None:
    text = README.read_text(encoding="utf-8")
    assert schema_doc.replace_section(text, schema_doc.reference_markdown()) == text, (
        "README's table reference differs from the schema comments: run `govfeeds schema --readme README.md`"
    )


def test_schema_command_rewrites_a_drifted_readme(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{schema_doc.START_MARKER}\nold reference text\n{schema_doc.END_MARKER}\n\nafter\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["schema", "--readme", str(readme)])
    assert result.exit_code == 0, result.output
    text = readme.read_text(encoding="utf-8")
    assert "old reference text" not in text and "#### `statements_v` (view)" in text and text.endswith("after\n")
    assert "already current" in CliRunner().invoke(app, ["schema", "--readme", str(readme)]).output


def test_schema_command_prints_a_database_s_own_comments(tmp_path: Path) -> None:
    db = tmp_path / "govfeeds.duckdb"
    connect(db).close()
    result = CliRunner().invoke(app, ["schema", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "| `people` | `STRUCT(" in result.output and "Failed polls in a row" in result.output
