"""The `reenrich` flow: recompute enrichment for stored statements after the rules changed (no network)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

import tasks.enrichment as enrichment
from govfeeds.settings import Settings
from tasks.reenrich import BATCH_SIZE, ReenrichResult, reenrich_batch, statement_ids


@flow(name="reenrich", log_prints=True)
def reenrich(since: date | None = None, db: str | None = None) -> ReenrichResult:
    """Re-enrich live statements published on or after `since` (all when None), BATCH_SIZE per task."""
    settings = Settings(db=Path(db)) if db else Settings()
    logger = get_run_logger()
    ids = statement_ids(settings, since)
    total = ReenrichResult()
    for start in range(0, len(ids), BATCH_SIZE):
        part = reenrich_batch(settings, ids[start : start + BATCH_SIZE])
        total.examined += part.examined
        total.changed += part.changed
        total.failed += part.failed
    headline = (
        f"reenrich with enricher {enrichment.ENRICHER_VERSION}: examined {total.examined}, "
        f"changed {total.changed}, failed {total.failed}"
    )
    logger.info(headline)
    create_markdown_artifact(markdown=f"# govfeeds reenrich\n\n{headline}\n", key="govfeeds-reenrich", description=headline)
    return total
