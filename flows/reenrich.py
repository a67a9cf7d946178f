"""The `reenrich` flow: recompute enrichment for stored statements after the rules changed (no network)."""

from __future__ import annotations

from datetime import date

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from govfeeds.settings import Settings
from govfeeds.store import statements
from govfeeds.store.connection import writing
from tasks.enrich import ReenrichResult, reenrich_batch
import tasks.enrichment as enrichment

#: Statements per task: enough to amortise a task's overhead and a connection, small enough to keep memory flat.
BATCH_SIZE = 500


@flow(name="reenrich", log_prints=True)
def reenrich(since: date | None = None, db: str | None = None) -> ReenrichResult:
    """Re-enrich live statements published on or after `since` (all when None), BATCH_SIZE per task."""
    settings = Settings.for_paths(db)
    with writing(settings) as connection:
        ids = statements.live_ids(connection, since)
    total = ReenrichResult()
    for start in range(0, len(ids), BATCH_SIZE):
        part = reenrich_batch(settings, ids[start : start + BATCH_SIZE])
        total.examined += part.examined
        total.changed += part.changed
        total.failed += part.failed
    headline = f"reenrich with enricher {enrichment.ENRICHER_VERSION}: examined {total.examined}, changed {total.changed}, failed {total.failed}"
    get_run_logger().info(headline)
    create_markdown_artifact(markdown=f"# govfeeds reenrich\n\n{headline}\n", key="govfeeds-reenrich", description=headline)
    return total
