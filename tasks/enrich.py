"""Enrich stage: metadata for a batch of statements, from their stored text alone (no network).

Also re-enrichment: after the rules change (tasks/enrichment, ENRICHER_VERSION), stored
statements are enriched again from their stored text and only what changed is written.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from prefect import task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

from govfeeds.settings import Settings
from govfeeds.store import enrichment as store_enrichment
from govfeeds.store.connection import transaction, writing
from schemas.enrichment import Enrichment, EnrichmentInput
from schemas.statements import FeedBatch, Reject, Statement
import tasks.enrichment as enrichment

logger = logging.getLogger("govfeeds.enrich")


def enrichment_input(statement: Statement, feed_title: str | None = None) -> EnrichmentInput:
    return EnrichmentInput(
        title=statement.title,
        text=statement.body_text,
        published=statement.published_at,
        categories=statement.categories,
        site=statement.site,
        feed_title=feed_title,
    )


@task(name="enrich", cache_policy=NO_CACHE)
def enrich_statements(batches: list[FeedBatch]) -> list[FeedBatch]:
    """Enrich the statements of a group of feeds."""
    return [enrich_batch(batch) for batch in batches]


def enrich_batch(batch: FeedBatch) -> FeedBatch:
    """Attach enrichment to every statement of the batch.

    A statement whose enrichment fails is still stored (its text is good); the failure is recorded
    in rejects with stage 'enrich' so `govfeeds reenrich` can be run once the rule is fixed.
    """
    batch.enricher_version = enrichment.ENRICHER_VERSION
    for statement in batch.statements:
        try:
            statement.enrichment = enrichment.enrich(enrichment_input(statement, batch.feed.title))
        except Exception as error:  # noqa: BLE001 - one bad document must not stop the batch
            logger.warning("enrichment failed for %s: %r", statement.statement_id, error)
            batch.rejects.append(
                Reject(feed_id=batch.feed.id, item_key=statement.url or statement.statement_id, stage="enrich",
                       reason=f"enrichment failed: {type(error).__name__}", detail=str(error)[:500])
            )
    return batch


class ReenrichResult(BaseModel):
    examined: int = 0
    changed: int = 0
    failed: int = 0


def comparable(value: Enrichment | None) -> dict | None:
    """An enrichment as stored: the database keeps no order of people, dates or themes, so neither does this."""
    if value is None:
        return None
    return {
        **value.model_dump(exclude={"people", "countries", "event_dates", "themes"}),
        "people": sorted((p.name, p.title or "") for p in value.people), "countries": sorted(value.countries.items()),
        "event_dates": sorted(value.event_dates), "themes": sorted(value.themes),
    }


@task(name="reenrich-batch", cache_policy=NO_CACHE)
def reenrich_batch(settings: Settings, ids: list[str]) -> ReenrichResult:
    """Re-enrich stored statements from their stored text (no network); write only those whose enrichment changed.

    The batch is read, enriched without holding the database, and only the changed statements are
    written, stamped with the enricher version that produced them: a second run writes nothing.
    """
    result = ReenrichResult(examined=len(ids))
    with writing(settings) as connection:
        statements, stored = store_enrichment.stored(connection, ids)
    changed = []
    for statement, feed_title in statements:
        try:
            fresh = enrichment.enrich(enrichment_input(statement, feed_title))
        except Exception as error:  # noqa: BLE001 - one bad document must not stop the batch
            logger.warning("enrichment failed for %s: %r", statement.statement_id, error)
            result.failed += 1
            continue
        if comparable(fresh) != comparable(stored[statement.statement_id]):
            changed.append((statement.statement_id, statement.categories, fresh))
    if changed:
        with writing(settings) as connection, transaction(connection):
            store_enrichment.write(connection, changed, enrichment.ENRICHER_VERSION, datetime.now(UTC))
    result.changed = len(changed)
    return result
