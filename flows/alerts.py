"""The `alerts` flow: run by an event trigger when a security alert, health alert or travel advisory is stored.

The `alerts` deployment (deployments/prefect.yaml) has a DeploymentEventTrigger on
`govfeeds.statement.created` events whose resource is labelled with one of those doc_types. This
flow records the alert in the `alerts` table and logs it: a stand-in to swap for a real notifier
(mail, chat, pager) without touching the pipeline.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger

from govfeeds.database import connect
from govfeeds.settings import Settings
from tasks.events import ALERT_DOC_TYPES


@flow(name="alerts", log_prints=True)
def alerts(statement_id: str, event_id: str | None = None, db: str | None = None) -> bool:
    """Record (once) and log the alert for `statement_id`; False when it is not an alert or not held."""
    settings = Settings(db=Path(db)) if db else Settings()
    logger = get_run_logger()
    connection = connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        row = connection.execute(
            """
            SELECT s.doc_type, s.feed_id, s.title, s.url,
                   coalesce((SELECT list(c.country_code ORDER BY c.mentions DESC, c.country_code)
                             FROM statement_countries c WHERE c.statement_id = s.statement_id), [])
            FROM statements s WHERE s.statement_id = ?
            """,
            [statement_id],
        ).fetchone()
        if row is None or row[0] not in ALERT_DOC_TYPES:
            logger.warning("statement %s is %s; no alert recorded", statement_id, "not held" if row is None else f"a {row[0]}")
            return False
        doc_type, feed_id, title, url, countries = row
        connection.execute(
            "INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (statement_id) DO NOTHING",
            [statement_id, doc_type, feed_id, title, url, countries, event_id, datetime.now(UTC)],
        )
    finally:
        connection.close()
    logger.warning("ALERT %s from %s: %s (%s) countries=%s", doc_type, feed_id, title, url, ",".join(countries) or "-")
    return True
