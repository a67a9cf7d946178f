"""`govfeeds demo`: the bundled site through the real flow, and the founding statement's metadata."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from govfeeds.cli import app
from helpers import query

FOUNDING = "Joint Statement on the United States-Kazakhstan Enhanced Strategic Partnership Dialogue"


def test_demo_loads_the_sample_site_and_the_founding_statement_is_enriched(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    result = CliRunner().invoke(app, ["demo", "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "statements new 6" in result.output
    assert "govfeeds query --db" in result.output

    (sid, doc_type, office, released, mission, quoted, language) = query(
        db,
        "SELECT statement_id, doc_type, issuing_office, release_date, mission, quoted_text, language "
        "FROM statements WHERE title = ?",
        [FOUNDING],
    )[0]
    assert (doc_type, office, released, mission, language) == (
        "media_note", "Office of the Spokesperson", date(2022, 12, 6), "U.S. Mission Kazakhstan", "en",
    )
    assert quoted.startswith("On December 5, 2022") and quoted.rstrip().endswith("over the next year.")
    people = set(query(db, "SELECT name, title FROM statement_people WHERE statement_id = ?", [sid]))
    assert people == {
        ("Donald Lu", "Assistant Secretary for South and Central Asian Affairs"),
        ("Kairat Umarov", "First Deputy Foreign Minister of Kazakhstan"),
    }
    assert query(db, "SELECT list(country_code ORDER BY country_code) FROM statement_countries WHERE statement_id = ?", [sid]) == [(["KZ", "US"],)]
    assert query(db, "SELECT event_date FROM statement_dates WHERE statement_id = ?", [sid]) == [(date(2022, 12, 5),)]
    topics = set(query(db, "SELECT topic, source FROM statement_topics WHERE statement_id = ?", [sid]))
    assert {("News", "feed"), ("U.S. & Kazakhstan", "feed")} <= topics
    assert {("nonproliferation", "theme"), ("counterterrorism", "theme")} <= topics
