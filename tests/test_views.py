"""The analysts' views: what each row is, and the edge cases (deleted, unenriched, never polled, time zones)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from analyst_db import seeded
from helpers import query


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return seeded(tmp_path / "govfeeds.duckdb")


def test_statements_v_has_one_row_per_live_statement(db: Path) -> None:
    ids = [sid for (sid,) in query(db, "SELECT statement_id FROM statements_v ORDER BY statement_id")]
    assert ids == ["s-alert", "s-joint", "s-raw", "s-visa"]  # s-gone is deleted


def test_statements_v_folds_enrichment_rows_into_lists(db: Path) -> None:
    row = query(db, "SELECT people, countries, topics, event_dates, feed_title, feed_country FROM statements_v WHERE statement_id = 's-joint'")
    people, countries, topics, event_dates, feed_title, feed_country = row[0]
    assert people == [
        {"name": "Antony J. Blinken", "title": "Secretary of State"},
        {"name": "Vladimir Norov", "title": "Foreign Minister of Uzbekistan"},
    ]
    assert countries == ["UZ", "KZ", "US"]  # most mentioned first
    assert (topics, event_dates, feed_title, feed_country) == ([], [], "Embassy UZ", "UZ")
    alert = query(db, "SELECT people, topics, event_dates FROM statements_v WHERE statement_id = 's-alert'")[0]
    assert alert == ([{"name": "Jane Doe", "title": None}], ["Security Alert", "security"], [date(2023, 1, 6), date(2023, 1, 7)])


def test_statements_v_lists_are_empty_not_null_without_enrichment(db: Path) -> None:
    assert query(db, "SELECT people, countries, topics, event_dates, len(people) FROM statements_v WHERE statement_id = 's-raw'") == [
        ([], [], [], [], 0)
    ]


def test_feed_health_per_feed(db: Path) -> None:
    rows = query(db, "SELECT feed_id, health, consecutive_failures, statements, newest_title, next_poll_at IS NOT NULL FROM feed_health ORDER BY feed_id")
    assert rows == [
        ("kg", "never polled", 0, 0, None, False),
        ("kz", "healthy", 0, 2, "Visa appointments resume", True),
        ("tj", "failing", 4, 1, "Not yet enriched", False),
        ("uz", "degraded", 1, 1, "Joint Statement on water", False),  # the deleted statement does not count
    ]


def test_daily_counts_use_the_utc_day_and_name_unenriched_statements(db: Path) -> None:
    rows = query(db, "SELECT day, site, doc_type, statements FROM daily_counts ORDER BY day")
    assert rows == [
        (date(2023, 1, 6), "kz.usembassy.gov", "security_alert", 1),  # 23:30 at UTC-5 is the 6th in UTC
        (date(2023, 3, 2), "kz.usembassy.gov", "visa_notice", 1),
        (date(2024, 5, 10), "uz.usembassy.gov", "joint_statement", 1),
        (date(2024, 6, 1), "tj.usembassy.gov", "unknown", 1),  # no published_at: first sighting
    ]
