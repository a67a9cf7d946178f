"""Alerts and event payloads: what the alerts deployment records, what each statement event carries."""

from __future__ import annotations

from datetime import datetime

import duckdb

from govfeeds.store import tables

#: doc_types the alerts deployment records (deployments/prefect.yaml's trigger matches the same list).
ALERT_DOC_TYPES = ("security_alert", "health_alert", "travel_advisory")

_SUMMARY = """
    SELECT s.statement_id, s.feed_id, s.url, s.title, coalesce(s.doc_type, 'unknown') AS doc_type,
           coalesce((SELECT list(c.country_code ORDER BY c.mentions DESC, c.country_code)
                     FROM statement_countries c WHERE c.statement_id = s.statement_id), []) AS countries
    FROM statements s WHERE s.statement_id IN (SELECT UNNEST(?))
"""


def statement_summaries(connection: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict]:
    """statement_id -> {statement_id, feed, url, title, doc_type, countries}: an event's payload, an alert's row."""
    if not ids:
        return {}
    return {
        sid: {"statement_id": sid, "feed": feed, "url": url, "title": title, "doc_type": doc_type, "countries": list(countries)}
        for sid, feed, url, title, doc_type, countries in connection.execute(_SUMMARY, [ids]).fetchall()
    }


def record_alert(connection: duckdb.DuckDBPyConnection, summary: dict, event_id: str | None, now: datetime) -> None:
    """Keep the alert once (a repeated event for the same statement changes nothing)."""
    tables.insert(
        connection, "alerts",
        [{"statement_id": summary["statement_id"], "doc_type": summary["doc_type"], "feed_id": summary["feed"],
          "title": summary["title"], "url": summary["url"], "countries": summary["countries"], "event_id": event_id,
          "recorded_at": now}],
        conflict="ON CONFLICT (statement_id) DO NOTHING",
    )


def record_feed_alert(connection: duckdb.DuckDBPyConnection, feed_id: str, event_id: str | None, now: datetime) -> dict | None:
    """Keep the stale feed's alert once per silence; None when the feed is not stale (or not known)."""
    rows = connection.execute(
        "SELECT feed_id, url, stale_after, newest_entry_at FROM feeds WHERE feed_id = ? AND stale_after < ?", [feed_id, now]
    ).fetchall()
    if not rows:
        return None
    row = rows[0]
    tables.insert(
        connection, "feed_alerts",
        [{"feed_id": feed_id, "kind": "stale", "since": row[2], "newest_entry_at": row[3], "event_id": event_id, "recorded_at": now}],
        conflict="ON CONFLICT (feed_id, kind, since) DO NOTHING",
    )
    return {"feed_id": feed_id, "url": row[1], "since": row[2], "newest_entry_at": row[3]}
