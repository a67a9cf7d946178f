"""Republished statements through the real poll flow: a ministry and an embassy on loopback (issue 16)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.poll import poll_feeds
from govfeeds.cli import app
from govfeeds.demo.wordpress import Post, WordPressSite
from helpers import query, write_registry

MINISTRY, EMBASSY = "www.state.gov", "kz.usembassy.gov"


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


ELECTIONS = _p(
    "PRESS STATEMENT", "ANTONY J. BLINKEN, SECRETARY OF STATE", "MARCH 3, 2024",
    "The United States congratulates the people of Kazakhstan on the peaceful conclusion of the parliamentary elections held on March 2.",
    "We note the preliminary findings of the OSCE observation mission and encourage the government to continue reform of the electoral law.",
    "The United States remains committed to a strong partnership with a sovereign, independent and prosperous Kazakhstan.",
)
AID_OPENING = ("The United States is providing an additional two million dollars in humanitarian assistance to communities in "
               "northern Kazakhstan affected by the spring floods.")
AID_REST = (
    "The assistance, delivered through USAID partners, will provide clean water, hygiene kits and temporary shelter to families who lost their homes.",
    "We stand with the people of Kazakhstan as they recover and rebuild.",
)
AID = _p("PRESS STATEMENT", "MATTHEW MILLER, DEPARTMENT SPOKESPERSON", "APRIL 12, 2024", AID_OPENING, *AID_REST)
ACTIONS = ("Actions to Take:", "Avoid the area of the demonstrations and any large crowds.", "Monitor local media for updates.",
           "Keep a low profile and be aware of your surroundings.")
ASSISTANCE = ("Assistance:", "State Department - Consular Affairs, 888-407-4747 or 202-501-4444.",
              "Enroll in the Smart Traveler Enrollment Program (STEP) to receive security updates and make it easier to locate you in an emergency.")


def alert(mission: str, day: str, location: str, event: str) -> str:
    return _p(f"Security Alert: {mission} ({day})", f"Location: {location}", f"Event: {event}", *ACTIONS, *ASSISTANCE,
              f"{mission}, Kazakhstan: +7 (7172) 70-21-00, KazakhstanACS@state.gov")


def at(month: int, day: int) -> datetime:
    return datetime(2024, month, day, 9, tzinfo=UTC)


def ministry_posts() -> list[Post]:
    return [
        Post(id=1, slug="kazakhstan-elections", title="On Kazakhstan's Parliamentary Elections", html=ELECTIONS, date=at(3, 3)),
        Post(id=2, slug="flood-assistance", title="U.S. Humanitarian Assistance for Flood Victims in Kazakhstan", html=AID, date=at(4, 12)),
        Post(id=3, slug="worldwide-caution", title="Worldwide Caution", date=at(2, 1), html=_p(
            "Security Alert: Worldwide Caution (February 1, 2024)", "Location: Worldwide",
            "Event: Terrorist groups continue plotting attacks against tourist sites, transport hubs and places of worship abroad.",
            *ACTIONS, *ASSISTANCE)),
    ]


def embassy_posts() -> list[Post]:
    return [
        Post(id=11, slug="secretary-on-elections", title="Secretary Blinken: On Kazakhstan's Parliamentary Elections", date=at(3, 4),
             byline="U.S. Mission Kazakhstan", categories=["News"],
             html=_p("The U.S. Embassy republishes the following statement from the Department of State.") + ELECTIONS
             + _p("Originally published at www.state.gov.")),
        Post(id=12, slug="flood-assistance-repost", title="Embassy News: U.S. Humanitarian Assistance for Flood Victims", date=at(4, 13),
             byline="U.S. Mission Kazakhstan", categories=["News"],
             html=_p("The U.S. Embassy republishes the following statement from the Department of State.", "PRESS STATEMENT",
                     "MATTHEW MILLER, DEPARTMENT SPOKESPERSON", "APRIL 12, 2024", AID_OPENING,
                     "Ambassador Daniel Rosenblum visited Petropavlovsk on April 11 and met families in the evacuation centers.",
                     *AID_REST, "Originally published at www.state.gov.")),
        Post(id=13, slug="alert-almaty-demonstrations", title="Security Alert: U.S. Embassy Astana (May 3, 2024)", date=at(5, 3),
             categories=["Alert"], html=alert("U.S. Embassy Astana", "May 3, 2024", "Almaty, Republic Square",
                                              "Demonstrations about fuel prices are planned near the Akimat on Republic Square on May 4.")),
        Post(id=14, slug="alert-astana-marathon", title="Security Alert: U.S. Embassy Astana (June 7, 2024)", date=at(6, 7),
             categories=["Alert"], html=alert("U.S. Embassy Astana", "June 7, 2024", "Astana, city center",
                                              "The Astana marathon closes central streets on June 9 between 6 a.m. and 2 p.m.; expect police checkpoints.")),
        Post(id=15, slug="education-fair", title="EducationUSA Fair Opens in Almaty", date=at(5, 20), byline="U.S. Mission Kazakhstan",
             categories=["News"], html=_p("Forty American universities meet students in Almaty at this year's EducationUSA fair.",
                                          "Advisers explain admissions, scholarships and student visas to families from across the country.")),
    ]


@pytest.fixture
def sites():
    with WordPressSite("U.S. Department of State", ministry_posts()) as ministry, WordPressSite("U.S. Embassy in Kazakhstan", embassy_posts()) as embassy:
        yield ministry, embassy


@pytest.fixture
def registry(tmp_path: Path, sites: tuple[WordPressSite, WordPressSite]) -> Path:
    ministry, embassy = sites
    return write_registry(tmp_path / "feeds.toml",
                          {"id": "ministry", "url": ministry.feed_url, "site": MINISTRY, "country": "US"},
                          {"id": "embassy", "url": embassy.feed_url, "site": EMBASSY, "country": "KZ"})


def copy_pairs(db: Path) -> set[tuple[str, str]]:
    """(copy's slug-bearing url tail, original's) for every copy."""
    rows = query(db, "SELECT c.url, o.url FROM statements c JOIN statements o ON o.statement_id = c.copy_of")
    return {(_slug(copy), _slug(original)) for copy, original in rows}


def _slug(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


EXPECTED = {("secretary-on-elections", "kazakhstan-elections"), ("flood-assistance-repost", "flood-assistance")}


def snapshot(db: Path) -> list[list[tuple]]:
    return [query(db, sql) for sql in (
        "SELECT statement_id, copy_of FROM statements ORDER BY 1",
        "SELECT * FROM statement_copies ORDER BY 1",
        "SELECT * FROM copy_index ORDER BY 1",
        "SELECT count(*), sum(hash(band_key, statement_id)) FROM copy_bands",
        "SELECT count(*), sum(hash(line_key, statement_id)) FROM copy_lines",
    )]


def test_reposts_point_at_the_ministry_and_template_alerts_stay_originals(tmp_path: Path, registry: Path) -> None:
    db = tmp_path / "govfeeds.duckdb"
    poll_feeds(db=str(db), registry=str(registry))

    assert copy_pairs(db) == EXPECTED  # the added sentence, header, footer and title prefix do not hide the repost
    alerts = query(db, "SELECT copy_of FROM statements WHERE url LIKE '%alert-%' OR url LIKE '%worldwide-caution%'")
    assert alerts == [(None,)] * 3  # same Actions to Take / Assistance blocks, different events: no copies
    assert query(db, "SELECT min(similarity) > 0.8, count(*) FROM statement_copies") == [(True, 2)]
    assert query(db, "SELECT count(*) FROM statements_v") == [(8,)]
    assert query(db, "SELECT count(*) FROM distinct_statements") == [(6,)]
    assert query(db, "SELECT sites, copies FROM distinct_statements WHERE url LIKE '%/kazakhstan-elections/'") == [([MINISTRY, EMBASSY], 1)]
    assert query(db, "SELECT sum(statements), sum(originals) FROM daily_counts") == [(8, 6)]

    before = snapshot(db)
    summary = poll_feeds(db=str(db), registry=str(registry))
    assert {feed.outcome for feed in summary.feeds} == {"not_modified"}
    assert snapshot(db) == before  # a second poll writes nothing


def test_the_earliest_published_wins_whichever_arrives_first(tmp_path: Path, registry: Path) -> None:
    """The embassy's reposts load before the ministry's originals (a backfill's order): the originals still win."""
    db = tmp_path / "govfeeds.duckdb"
    poll_feeds(db=str(db), registry=str(registry), feed_ids=["embassy"])
    assert copy_pairs(db) == set()
    poll_feeds(db=str(db), registry=str(registry), feed_ids=["ministry"])
    assert copy_pairs(db) == EXPECTED
    incremental = snapshot(db)[:2]

    result = CliRunner().invoke(app, ["copies", "--rebuild", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 are copies" in result.output and "secretary-on-elections" not in result.output
    assert [[row[:2] for row in table] for table in snapshot(db)[:2]] == [[row[:2] for row in table] for table in incremental]


def test_an_edit_that_diverges_clears_copy_of(tmp_path: Path, registry: Path, sites: tuple[WordPressSite, WordPressSite]) -> None:
    db = tmp_path / "govfeeds.duckdb"
    poll_feeds(db=str(db), registry=str(registry))
    assert len(copy_pairs(db)) == 2
    _, embassy = sites
    embassy.edit(12, html=_p("The U.S. Embassy opened a flood relief coordination office in Petropavlovsk to help local volunteers.",
                            "Families can ask the office for water, hygiene kits and shelter at the regional akimat until June."))
    poll_feeds(db=str(db), registry=str(registry))
    assert copy_pairs(db) == {("secretary-on-elections", "kazakhstan-elections")}
    assert query(db, "SELECT count(*) FROM statement_copies") == [(1,)]
    assert query(db, "SELECT count(*) FROM distinct_statements") == [(7,)]


def test_copies_command_lists_the_pairs(tmp_path: Path, registry: Path) -> None:
    db = tmp_path / "govfeeds.duckdb"
    poll_feeds(db=str(db), registry=str(registry))
    result = CliRunner().invoke(app, ["copies", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 copies (newest first)" in result.output


def test_rebuild_of_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["copies", "--rebuild", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "does not exist yet" in result.output and "what to do" in result.output


def test_search_lists_a_reposted_statement_once_with_every_site(tmp_path: Path, registry: Path) -> None:
    from govfeeds.store.search import COLUMNS, search

    db = tmp_path / "govfeeds.duckdb"
    poll_feeds(db=str(db), registry=str(registry))
    rows = search(db, "humanitarian assistance floods shelter", method="scan").rows
    flood = [row for row in rows if "Flood" in row[COLUMNS.index("title")]]
    assert len(flood) == 1  # the embassy's repost folds into the ministry's original
    assert flood[0][COLUMNS.index("site")] == MINISTRY and flood[0][COLUMNS.index("sites")] == [MINISTRY, EMBASSY]
    assert _slug(flood[0][COLUMNS.index("url")]) == "flood-assistance"


def test_statements_loaded_by_a_run_that_stopped_before_detection_are_compared_on_the_next(
    tmp_path: Path, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import govfeeds.store.loads

    db = tmp_path / "govfeeds.duckdb"
    real = govfeeds.store.loads.copies.detect
    monkeypatch.setattr(govfeeds.store.loads.copies, "detect", lambda connection: None)  # the run dies after its loads commit
    poll_feeds(db=str(db), registry=str(registry))
    assert query(db, "SELECT count(*) FROM copy_index") == [(0,)]
    monkeypatch.setattr(govfeeds.store.loads.copies, "detect", real)
    poll_feeds(db=str(db), registry=str(registry))  # nothing new to fetch: the pending statements are compared all the same
    assert copy_pairs(db) == EXPECTED
    assert query(db, "SELECT count(*) FROM copy_index") == query(db, "SELECT count(*) FROM statements")
