"""The `alerts` flow: run by an event trigger when a security alert, health alert or travel advisory is stored.

The `alerts` deployment (deployments/prefect.yaml) has a DeploymentEventTrigger on
`govfeeds.statement.created` events whose resource is labelled with one of those doc_types. This
flow records the alert in the `alerts` table and logs it: a stand-in to swap for a real notifier
(mail, chat, pager) without touching the pipeline.
"""

from __future__ import annotations

from datetime import UTC, datetime

from prefect import flow, get_run_logger

from govfeeds.settings import Settings
from govfeeds.store.alerts import ALERT_DOC_TYPES, record_alert, statement_summaries
from govfeeds.store.connection import writing


@flow(name="alerts", log_prints=True)
def alerts(statement_id: str, event_id: str | None = None, db: str | None = None) -> bool:
    """Record (once) and log the alert for `statement_id`; False when it is not an alert or not held."""
    settings = Settings.for_paths(db)
    logger = get_run_logger()
    with writing(settings) as connection:
        summary = statement_summaries(connection, [statement_id]).get(statement_id)
        if summary is None or summary["doc_type"] not in ALERT_DOC_TYPES:
            logger.warning("statement %s is %s; no alert recorded", statement_id, "not held" if summary is None else f"a {summary['doc_type']}")
            return False
        record_alert(connection, summary, event_id, datetime.now(UTC))
    logger.warning("ALERT %s from %s: %s (%s) countries=%s", summary["doc_type"], summary["feed"], summary["title"], summary["url"],
                   ",".join(summary["countries"]) or "-")
    return True
