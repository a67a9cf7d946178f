"""Docs generated from the code they describe do not drift from it."""

from __future__ import annotations

import json
from pathlib import Path

from bench.__main__ import RESULTS, readme_with_table
from govfeeds import schema_doc
from tasks.enrichment.themes import THEMES


def test_the_themes_doc_is_the_generated_one() -> None:
    assert schema_doc.THEMES_DOC.read_text(encoding="utf-8") == schema_doc.themes_markdown(), (
        "docs/themes.md differs from the theme table: run `govfeeds schema --themes docs/themes.md`"
    )


def test_the_themes_doc_lists_every_theme_and_pattern(tmp_path: Path) -> None:
    doc = tmp_path / "themes.md"
    assert schema_doc.update_themes(doc) and not schema_doc.update_themes(doc)
    text = doc.read_text(encoding="utf-8")
    for theme, patterns in THEMES.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| {theme} |"))
        assert all(f"`{pattern}`".replace("|", "\\|") in row for pattern in patterns), theme  # | escaped in a table cell


def test_the_readme_bench_table_is_the_one_in_bench_results() -> None:
    readme = Path(__file__).resolve().parents[1] / "README.md"
    text = readme.read_text(encoding="utf-8")
    rows = json.loads(RESULTS.read_text(encoding="utf-8"))["figures"]
    assert text == readme_with_table(text, rows), "README's bench table differs from bench/results.json: run `python -m bench --readme README.md`"
