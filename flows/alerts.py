"""The `alerts` flow: run by an event trigger when a security alert, health alert or travel advisory is stored, or a feed goes stale.

The `alerts` deployment (deployments/prefect.yaml) has a DeploymentEventTrigger on
`govfeeds.statement.created` events whose resource is labelled with one of those doc_types, and
one on `govfeeds.feed.stale`. This flow records the alert in the `alerts` table (a feed's in
`feed_alerts`) and logs it: a stand-in to swap for a real notifier (mail, chat, pager) without
touching the pipeline.
"""

from __future__ import annotations

from datetime import UTC, datetime

from prefect import flow, get_run_logger

from govfeeds.settings import Settings
from govfeeds.store.alerts import ALERT_DOC_TYPES, record_alert, record_feed_alert, statement_summaries
from govfeeds.store.connection import writing


@flow(name="alerts", log_prints=True)
def alerts(statement_id: str | None = None, event_id: str | None = None, db: str | None = None, feed_id: str | None = None) -> bool:
    """Record (once) and log the alert for `statement_id` (or the stale feed `feed_id`); False when there is none to record."""
    settings = Settings.for_paths(db)
    logger = get_run_logger()
    if feed_id is not None:
        with writing(settings) as connection:
            stale = record_feed_alert(connection, feed_id, event_id, datetime.now(UTC))
        if stale is None:
            logger.warning("feed %s is not stale (or not known); no alert recorded", feed_id)
            return False
        logger.warning("STALE FEED %s (%s): nothing posted since %s", feed_id, stale["url"], stale["newest_entry_at"])
        return True
    with writing(settings) as connection:
        summary = statement_summaries(connection, [statement_id]).get(statement_id)
        if summary is None or summary["doc_type"] not in ALERT_DOC_TYPES:
            logger.warning("statement %s is %s; no alert recorded", statement_id, "not held" if summary is None else f"a {summary['doc_type']}")
            return False
        record_alert(connection, summary, event_id, datetime.now(UTC))
    logger.warning("ALERT %s from %s: %s (%s) countries=%s", summary["doc_type"], summary["feed"], summary["title"], summary["url"],
                   ",".join(summary["countries"]) or "-")
    return True
